"""What the person typed, quoted back in the summary and put in the note, reads the way they
would write it to someone else: "I" for a lone "i", no emoji, and companies with their
capitals (the interview's own as the note writes it, well-known ones by name) - without
changing a word of what they said."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from test_service import World

from bot.model import Interview
from bot.notes import Refusal, RefusalReason, reference_phrase
from bot.notes.compose import NoteRequest, compose
from bot.notes.followups import follow_up_email
from bot.notes.written import as_written
from bot.reflection.reading import asked
from bot.values import Reply

# The general set (type:other): memorable, remember, interest, thank-you, reference,
# professional, researched, questions asked, fit, bring, timeline.
ANSWERS = (
    "3", "my churn dashboard, it cut churn 12% at globex 🎉", "skip", "not yet",
    "their move from stripe to adyen", "friendly and on topic", "1,3",
    "how do i get the most out of the first 90 days? 🙏", "4",
    "sql and i worked at google for 3 years 😅", "skip")


async def summary(company: str = "globex", hardest: str | None = None) -> Reply:
    world = World()
    kind = "technical" if hardest else "other"
    await world.say(f'/debrief interview {company} role:"data analyst" interviewer:"Ann" '
                    f"type:{kind}")
    answers = ANSWERS if hardest is None else (
        *ANSWERS[:2], hardest, "not yet", ANSWERS[4], "1,3", *ANSWERS[7:])
    replies: list[Reply] = []
    for answer in answers:
        replies = await world.say(answer)
    return next(r for r in replies if "summary" in r.tags)


def field(reply: Reply, name: str) -> str:
    return next(f.value for f in reply.fields if f.name.startswith(name))


async def test_quotes_in_the_summary_have_a_capital_i_and_no_emoji() -> None:
    well = field(await summary(), "What went well")
    assert "\"how do I get the most out of the first 90 days?\"" in well
    assert "\"SQL and I worked at Google for 3 years\"" in well
    assert "😅" not in well and "🎉" not in well and "🙏" not in well
    assert "\"my churn dashboard, it cut churn 12% at Globex\"" in well


async def test_the_hardest_question_is_quoted_without_its_emoji() -> None:
    study = field(await summary(hardest="i froze on caching 😬"), "Before the next round")
    assert study.startswith("You found \"I froze on caching\" hardest")


async def test_companies_typed_in_lowercase_inside_answers_have_their_capitals() -> None:
    reply = await summary()
    note = reply.copy_text or ""
    assert "your move from Stripe to adyen" in note  # a known name; an unknown one as typed
    assert "Globex" in field(reply, "What went well")


@pytest.mark.parametrize(("typed", "company", "written"), [
    ("i froze on caching 😬", None, "I froze on caching"),
    ("i'm sure i did ok, i.e. fine", None, "I'm sure I did ok, i.e. fine"),
    ("i worked at google for 3 years", "Acme", "I worked at Google for 3 years"),
    ("we use stripe too", None, "we use Stripe too"),
    ("their move to globex's new stack", "globex", "their move to Globex's new stack"),
    ("bank of america's app", "bank of america", "Bank of America's app"),
    ("I said GLOBEX twice", "globex", "I said GLOBEX twice"),  # typed with capitals: kept
    ("our wi-fi chat", None, "our wi-fi chat"),
    ("an apple a day", None, "an apple a day"),  # an everyday word is no company here
    # an everyday word is no product either (was "the smb Segment")
    ("their plan to grow the smb segment", None, "their plan to grow the SMB segment"),
])
def test_their_words_change_only_how_they_are_written(typed: str, company: str | None,
                                                      written: str) -> None:
    assert as_written(typed, company) == written


async def test_stats_name_the_area_to_work_on_as_words_not_a_label() -> None:
    world = World()
    await world.say("/debrief interview globex type:other")
    for answer in ("1", "idk", *ANSWERS[2:]):
        await world.say(answer)
    await world.say("/debrief outcome globex rejected")
    said = "\n".join(r.text for r in await world.say("/debrief stats"))
    assert "work on standing out, your lowest-rated area lately" in said  # was "Stand out"


async def test_prep_names_the_interviewer_as_the_note_greets_them() -> None:
    world = World()
    await world.say('/debrief interview globex when:"tomorrow 10am" interviewer:"maria lopez"')
    (prep, *_) = await world.say("/debrief prep")
    assert "The interviewer, Maria Lopez - " in prep.text  # was "The interviewer, maria lopez"


def test_asking_about_pay_is_never_praised_as_a_question_of_your_own() -> None:
    read = asked("whats the team like? and whats the comp range")
    assert not read.own  # "whats the comp range" was "a question of your own"


LONG_STORY = (
    "So basically I started by explaining the design system I built at my last company, we "
    "had like 14 teams using it and I showed them how we cut the bundle size by 35% which "
    "they seemed really into. Then they asked about accessibility and I talked about the "
    "WCAG audit I ran. Honestly I think it went well overall but I was a bit nervous lol")


async def test_a_pasted_paragraph_is_quoted_by_its_most_specific_clause() -> None:
    """Its first 90 characters were quoted ("So basically I started by explaining the design
    system I built at my last company, we had…"), and "14" named as the detail."""
    world = World()
    await world.say("/debrief interview hooli type:other")
    replies: list[Reply] = []
    for answer in ("2", LONG_STORY, *ANSWERS[2:]):
        replies = await world.say(answer)
    reply = next(r for r in replies if "summary" in r.tags)
    assert ("something specific to remember: \"we had like 14 teams using it and I showed "
            "them how we cut the bundle size by 35%\".") in field(reply, "What went well")
    assert "what they'll remember: \"35%\" is the kind of detail" in \
        field(reply, "Specific or generic")


@pytest.mark.parametrize(("typed", "written"), [
    ("rebuild the checkout in react", "rebuild the checkout in React"),
    ("how i react to feedback", "how I react to feedback"),  # the verb stays a verb
    ("our saas pricing", "our SaaS pricing"),
    # several words, or only a first capital, are written as spelled (was "React native")
    ("5 yrs React native", "5 yrs React Native"),
    ("react native and nodejs", "React Native and Node.js"),
    ("Github actions and Power bi", "GitHub Actions and Power BI"),
    ("JAVA and eBay", "JAVA and eBay"),  # other capitals typed on purpose stay
    # Go the language beside its trade (was "some Python and a bit of go"); the verb stays
    ("some python and a bit of go", "some Python and a bit of Go"),
    ("rust and go", "Rust and Go"),
    ("i had to let go", "I had to let go"),
    ("they want me to go", "they want me to go"),
    # days and months where they name one (was "your new app launch in march")
    ("their new app launch in march", "their new app launch in March"),
    ("the launch on march 3rd, by friday", "the launch on March 3rd, by Friday"),
    ("we may march on", "we may march on"),
])
def test_frameworks_are_named_only_where_they_are_meant(typed: str, written: str) -> None:
    assert as_written(typed) == written


@pytest.mark.parametrize("reference", ["their move to snowflake", "the team is 6 people",
                                       "idk"])
def test_a_follow_up_email_never_repeats_itself(reference: str) -> None:
    """"I'm writing to follow up on our conversation about the data analyst role at Wayne
    Enterprises. I enjoyed our conversation about your move to Snowflake": twice in a row."""
    for seed in range(1, 25):
        interview = Interview(user_id=1, id=seed, company="wayne enterprises",
                              role="data analyst" if seed % 2 else None,
                              interviewer="lucius fox",
                              happens_at=datetime(2026, 6, 1, tzinfo=UTC),
                              logged_at=datetime(2026, 6, 1, tzinfo=UTC),
                              answers={"reference": reference})
        for number in (1, 2):
            body = follow_up_email(interview, sender="Mo", number=number).body.lower()
            assert body.count("our conversation") <= 1, body
            assert all(line.count("interested") <= 1 for line in body.split(". ")), body
            assert body.count("the role") <= 1, body  # "…about the role at Acme. I'm still
            # very interested in the role and in joining the team."


@pytest.mark.parametrize(("reference", "bring"), [
    ("their move to snowflake", "3 years of sql at a bank"), ("the team is 6 people", None),
    ("their move to snowflake", None)])
def test_a_thank_you_note_never_says_the_same_thing_twice(reference: str,
                                                          bring: str | None) -> None:
    """"Thank you … Thank you for telling me more about it. … Thank you again", "I
    particularly enjoyed … I'd enjoy applying", "learn" three times: they read as a form."""
    for seed in range(1, 41):
        (note,) = compose(NoteRequest(company="Wayne Enterprises", seed=seed,
                                      role="data analyst", interviewer="Lucius Fox",
                                      references=(reference,), bring=bring, sender="Mo"))
        body = note.body.lower()
        assert body.count("thank you") <= 2, body
        assert len(re.findall(r"\benjoy", body)) <= 1, body
        assert len(re.findall(r"\blearn", body)) <= 2, body


def test_how_the_interview_went_is_asked_about_not_written_as_a_fact() -> None:
    result = reference_phrase("the whole thing was a blur")
    assert isinstance(result, Refusal) and result.reason is RefusalReason.GENERIC


async def test_stats_without_any_outcome_say_so_once() -> None:
    """"No answers from employers recorded yet." then "Outcomes: No outcomes recorded yet."."""
    world = World()
    await world.say("/debrief interview globex")
    await world.say("cancel")
    (stats, *_) = await world.say("/debrief stats")
    assert "No answers from employers recorded yet." in stats.text
    assert "Outcomes" not in [f.name for f in stats.fields]


@pytest.mark.parametrize("kind", [None, "recruiter"])
def test_a_note_without_a_role_says_the_role_once(kind: str | None) -> None:
    """"…about the role at Initech. … Hearing about it made the role feel like an even
    better fit"; now the second is "the job"."""
    for seed in range(1, 41):
        (note,) = compose(NoteRequest(company="Initech", seed=seed, interviewer="Lucius Fox",
                                      references=("their move to snowflake",),
                                      sender="Mo", interview_type=kind))
        assert note.body.lower().count("the role") == 1, note.body


def test_an_address_or_a_link_is_left_as_typed() -> None:
    """"cto@acme.com" became "CTO@acme.com" once "cto" was written as initials."""
    assert as_written("mail cto@acme.com or see google.com", "acme") == \
        "mail cto@acme.com or see google.com"


async def test_after_a_rejection_the_optional_question_comes_gently() -> None:
    """Right after "I'm sorry", "it helps me see what's working for you" read as a jab."""
    world = World()
    await world.say("/debrief interview umbrella")
    await world.say("cancel")
    replies = await world.say("/debrief outcome umbrella rejected")
    assert replies[0].text.startswith("I'm sorry.")
    question = replies[-1].text
    assert question.startswith("One optional question, no rush - it helps me spot patterns")
    assert "what's working" not in question
