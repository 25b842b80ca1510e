"""The insight engine over synthetic histories (tests/insight_histories.py), as a table.

Each row: which finding leads (or which fallback), and sentences the person must read. Every
history is also checked for what must hold everywhere: the answer opens with one next step,
every insight ends in one, no decimals, small groups carry their caveat.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from insight_histories import HISTORIES, NOW, WINDOW, C, R, Row, build

from bot.insights.chart import stats_chart
from bot.insights.factors import SMALL_GROUP, Factor
from bot.insights.patterns import Patterns, analyse
from bot.insights.words import stats_reply
from bot.values import Reply

ZONE = ZoneInfo("Europe/Berlin")

# history -> (leading factor or None, factors folded into it, sentences that must appear)
TABLE: dict[str, tuple[Factor | None, tuple[Factor, ...], tuple[str, ...]]] = {
    "data analyst vs other roles, fit overlaps": (Factor.FIELD, (Factor.TITLE, Factor.FIT), (
        "Your next step: this week, put most of your applications into data roles",
        "Data roles: 4 of 4 called back; other fields: 0 of 3.",
        "Small numbers (4 and 3 interviews)",
        "The role titles and your fit ratings split these same interviews the same way",
        'rewrite how you present "SQL reporting that cut a week of manual work"')),
    "no outcomes at all": (None, (), (
        "Your next step: when you hear back, record it",
        "No answers from employers recorded yet.")),
    "one interview": (None, (), (
        "One answer so far, and it was a no. That stings",
        "From your one interview so far")),
    "all rejections, low fit": (None, (), (
        "No callbacks yet from 4 interviews. That's hard, and it's common",
        "Your next step: this week, apply to two roles you'd rate a 4 or 5 on fit")),
    "all rejections, good fit": (None, (), (
        "Your next step: 3 answers are too few to change course on. Work on standing out",
        )),
    "five rejections, good fit": (None, (), (
        "Your next step: widen the search with two applications this week: a neighbouring "
        "field, another city, or remote work.",)),
    "no notes in time, no callbacks": (None, (), (
        "Your next step: after your next interview, send a short thank-you within 24 hours",
        "No note has gone out in time yet, so it's the quickest change on your record.")),
    "silence every time": (None, (), (
        "All 3 interviews with an outcome ended in silence, not a no.",
        "Your next step: when an interview has been quiet for a week, send one short "
        "follow-up (tap \"No reply yet\" when I check in")),
    "all callbacks": (None, (), (
        "Every interview you've heard back from brought a callback (3 of 3). Well done.",)),
    "tie: same rate either way": (None, (), (
        "Too few answers yet to see what separates your callbacks from the rest.",)),
    "small numbers: referral 2 of 2, applications 0 of 2": (Factor.SOURCE, (), (
        "Through a referral: 2 of 2 called back; through your own applications: 0 of 2.",
        "Small numbers (2 and 2 interviews): a hint worth testing, not a rule yet.",
        "Your next step: this week, ask one person you know")),
    "referrals, large enough": (Factor.SOURCE, (), (
        "Through a referral: 4 of 5 called back; through your own applications: 2 of 6.",)),
    "late notes, no other difference": (Factor.THANK_YOU, (), (
        "With a thank-you inside 24 hours: 3 of 3 called back; with a later note or none: "
        "0 of 3.",
        "Your next step: send this week's notes within 24 hours")),
    "stalls at final rounds": (Factor.STAGE, (), (
        "Final rounds: 0 of 3 called back; the other stages: 3 of 3.",
        "Your next step: final rounds are where it stops.")),
    "felt memorable, rejected": (None, (), (
        "You felt memorable in 3 interviews that didn't lead to a callback.",
        "And you felt you blended in at 2 interviews that did bring a callback",
        "trust that more than the feeling")),
    "waiting replies are not failures": (None, (), (
        "From 2 interviews with an outcome: 1 callback, 1 rejection. 2 still waiting",)),
    "remote vs Berlin": (Factor.LOCATION, (), (
        "Roles in Berlin: 2 of 3 called back; remote roles: 0 of 3.",)),
    "mixed but no profile": (None, (), (
        "Your next step: note what kind of role each interview was",)),
    "only upcoming": (None, (), (
        "Your interview is still ahead, so there's nothing to look back on yet.",)),
    "research overlaps thank-you timing": (Factor.THANK_YOU, (Factor.PREP,), (
        "Your research split these same interviews the same way, so read them as one "
        "pattern, not two.",)),
    "seniority: mid gets through, senior not": (Factor.SENIORITY, (), (
        "Mid-level roles: 3 of 3 called back; senior roles: 0 of 3.",)),
}


def everything(reply: Reply) -> str:
    return "\n".join([reply.text, *(f"{f.name}: {f.value}" for f in reply.fields)])


def patterns_of(rows: list[Row]) -> Patterns:
    return analyse(build(rows), NOW, WINDOW)


def test_the_table_covers_every_history_and_at_least_fifteen() -> None:
    assert set(TABLE) == set(HISTORIES) and len(TABLE) >= 15


@pytest.mark.parametrize("name", list(TABLE))
def test_each_history_leads_with_the_expected_finding(name: str) -> None:
    lead, folded, sentences = TABLE[name]
    p = patterns_of(HISTORIES[name])
    assert (p.findings[0].factor if p.findings else None) is lead
    if lead is not None:
        assert p.findings[0].overlaps == folded
    said = everything(stats_reply(p, ZONE))
    for sentence in sentences:
        assert sentence in said


@pytest.mark.parametrize("name", list(TABLE))
def test_every_answer_opens_with_one_step_and_every_insight_ends_in_one(name: str) -> None:
    """When every answer so far was a no, one line acknowledges it before any advice
    (COACHING.md, Tone); the step comes right after it."""
    p = patterns_of(HISTORIES[name])
    reply = stats_reply(p, ZONE)
    lines = reply.text.splitlines()
    if p.with_outcome and not p.callbacks:
        assert "hard" in lines[0] or "stings" in lines[0], lines[0]
        lines = lines[1:]
    assert lines[0].startswith("Your next step: ")
    said = everything(reply)
    assert not re.search(r"\d\.\d", said), "plain words, never decimals"
    for block in next((f.value for f in reply.fields
                       if f.name == "What came before callbacks"), "").split("\n\n")[:-1]:
        assert block.splitlines()[-1].startswith("Next step: ")
    for finding in p.findings[:3]:
        small = min(finding.group.total, finding.rest.total) < SMALL_GROUP
        assert (f"Small numbers ({finding.group.total} and {finding.rest.total} "
                "interviews)" in said) is small


@pytest.mark.parametrize("name", list(TABLE))
def test_the_chart_shows_outcomes_by_the_leading_factor(name: str) -> None:
    p = patterns_of(HISTORIES[name])
    chart = stats_chart(p, ZONE)
    if p.findings:
        assert chart is not None and chart.kind == "bars"
        lead = p.findings[0]
        totals = [a + b for a, b in zip(chart.series[0].values, chart.series[1].values,
                                        strict=True)]
        assert sum(v or 0 for v in totals) == sum(g.total for g in lead.groups[:6])
    else:
        assert chart is None or chart.kind == "lines"


def test_a_coincidence_of_one_is_never_a_finding() -> None:
    """One referral that worked against three applications that didn't: no advice."""
    rows = [Row(C, source="referral"), *[Row(R, source="application")] * 3]
    p = patterns_of(rows)
    assert p.findings == ()
    assert "referral" not in stats_reply(p, ZONE).text


def test_ties_between_factors_break_the_same_way_every_time() -> None:
    rows = HISTORIES["research overlaps thank-you timing"]
    first = patterns_of(rows).findings
    again = patterns_of(list(reversed(rows))).findings
    assert [f.factor for f in first] == [f.factor for f in again] == [Factor.THANK_YOU]
