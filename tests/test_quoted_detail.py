"""The detail the summary quotes back ends where a phrase ends: never "… for the…" cut by
length, "3 features" when the answer went on "in a 2-week sprint", a filler "thing" at the
end, or "six months of joining" out of "promoted within six months of joining"."""

from __future__ import annotations

from test_reflection_as_typed import TECHNICAL, field, reflect


async def _quoted(remember: str, bring: str) -> str:
    answers = list(TECHNICAL)
    answers[2], answers[9] = remember, bring
    _, (summary, *_) = await reflect(answers)
    return field(summary, "Specific or generic")


async def test_a_long_result_is_quoted_up_to_where_its_phrase_ends_not_cut_mid_phrase() -> None:
    read = await _quoted("reduced churn by building a dashboard for the sales team and they "
                         "loved it", "shipped 3 features in a 2-week sprint")
    assert 'what they\'ll remember: "reduced churn by building a dashboard" is the kind' in read
    assert 'what you bring: "3 features in a 2-week sprint" is the kind' in read
    assert "…" not in read


async def test_a_filler_word_and_a_number_in_words_are_not_what_is_quoted() -> None:
    read = await _quoted("the 3 features in a sprint thing",
                         "told them how i shipped 3 features in a week for the biggest client, "
                         "which got me promoted within six months of joining")
    assert 'what they\'ll remember: "3 features in a sprint" is the kind' in read
    assert 'what you bring: "3 features in a week for the biggest client" is the' in read
