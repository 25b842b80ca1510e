"""``/debrief community``'s insights: the person-level engine, aggregated, behind a floor.

The storage counts, per factor and group, the interviews with a known answer, their
callbacks and the distinct people behind them (:class:`CommunityGroup`). Here a group is
compared with the whole community's callback rate, and only groups of at least
:data:`~bot.insights.patterns.MIN_COMMUNITY` people are ever shown, whatever the number of
interviews: a group of three people could point to someone.

Words live here too, next to the numbers they say (admins read them, not job seekers, so
the next steps are things a community can organise this week).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.copy.naming import counted as _n
from bot.insights.factors import Factor
from bot.insights.patterns import MIN_COMMUNITY, CommunityFigures
from bot.insights.profile import describe
from bot.values import Reply, ReplyField

__all__ = [
    "COMMUNITY_ADMINS_ONLY",
    "COMMUNITY_FACTORS",
    "COMMUNITY_NOT_HERE",
    "CommunityGroup",
    "CommunityInsight",
    "community_insights",
    "community_reply",
    "community_step",
    "community_too_small",
    "insight_lines",
]

# What the community view splits by (free-text role titles stay personal).
COMMUNITY_FACTORS: tuple[Factor, ...] = (
    Factor.FIELD, Factor.FIT, Factor.SOURCE, Factor.THANK_YOU, Factor.STAGE,
    Factor.SENIORITY, Factor.LOCATION)
COMMUNITY_ADMINS_ONLY = (
    "`/debrief community` is for community admins (on Slack a workspace admin or owner, on "
    "Discord someone with Manage Server). Your own patterns are in `/debrief stats`."
)
COMMUNITY_NOT_HERE = (
    "Run `/debrief community` in a channel of the server or workspace you'd like figures "
    "for - a direct message belongs to no community."
)
# A group's callback rate must differ from the community's by at least this much to be said.
MIN_GAP = 0.15


@dataclass(frozen=True, slots=True)
class CommunityGroup:
    """Interviews with a known answer in one group (``value`` in lower case)."""

    factor: Factor
    value: str
    people: int
    interviews: int
    callbacks: int

    @property
    def rate(self) -> float:
        return self.callbacks / self.interviews if self.interviews else 0.0


@dataclass(frozen=True, slots=True)
class CommunityInsight:
    group: CommunityGroup
    overall_rate: float

    @property
    def better(self) -> bool:
        return self.group.rate > self.overall_rate

    @property
    def strength(self) -> float:
        n = self.group.interviews
        return abs(self.group.rate - self.overall_rate) * n / (n + 1)


def community_insights(figures: CommunityFigures, groups: Sequence[CommunityGroup]
                       ) -> tuple[CommunityInsight, ...]:
    """Groups of at least MIN_COMMUNITY people whose callback rate stands apart from the
    community's, strongest first; none unless the whole rests on MIN_COMMUNITY people, and
    none whose complement (the community minus the group) might rest on fewer."""
    if figures.people_with_outcome < MIN_COMMUNITY or not figures.with_outcome:
        return ()
    overall = figures.callbacks / figures.with_outcome
    found = [CommunityInsight(g, overall) for g in groups
             if g.people >= MIN_COMMUNITY and g.interviews < figures.with_outcome
             and _rest_people_at_least(g, groups, figures) >= MIN_COMMUNITY
             and abs(g.rate - overall) >= MIN_GAP]
    order = list(Factor)
    ranked = sorted(found, key=lambda i: (-round(i.strength, 9),
                                          order.index(i.group.factor), i.group.value))
    # One per factor: "rated 1-3 on fit: 0 of 17" under "rated 4-5: 10 of 10" is the same
    # pattern seen from its other side, with the same next step said again. The side that
    # did better is the one said, where there is one: what works, not who it failed.
    kept: dict[Factor, CommunityInsight] = {}
    for insight in ranked:
        held = kept.get(insight.group.factor)
        if held is None or (insight.better and not held.better):
            kept[insight.group.factor] = insight
    return tuple(sorted(kept.values(), key=ranked.index))


def _rest_people_at_least(group: CommunityGroup, groups: Sequence[CommunityGroup],
                          figures: CommunityFigures) -> int:
    """How few people can be behind the community's other interviews, at the least.

    A group is said beside the community's totals, so its complement is said too, by
    subtraction: five people with referrals shown against a community of six is the sixth
    person's record. The rest holds everyone not in the group, and everyone in another group
    of the same factor (the count of people in both is not known, so this is a floor)."""
    others = [g.people for g in groups
              if g.factor is group.factor and g.value != group.value]
    return max([figures.people_with_outcome - group.people, *others])


_LABELS = {
    (Factor.FIT, "good"): "interviews for roles people rated a good fit (4-5)",
    (Factor.FIT, "other"): "interviews for roles people rated 1-3 on fit",
    (Factor.THANK_YOU, "on_time"): "interviews with a thank-you inside 24 hours",
    (Factor.THANK_YOU, "not_on_time"): "interviews with a later note or none",
    (Factor.SOURCE, "referral"): "interviews that came through a referral",
    (Factor.SOURCE, "application"): "interviews from people's own applications",
    (Factor.SOURCE, "recruiter"): "interviews that came through a recruiter",
    (Factor.SOURCE, "other"): "interviews that came another way",
    (Factor.STAGE, "screen"): "screening calls", (Factor.STAGE, "first"): "first interviews",
    (Factor.STAGE, "later"): "later rounds", (Factor.STAGE, "final"): "final rounds",
}


def _label(group: CommunityGroup) -> str:
    if (group.factor, group.value) in _LABELS:
        return _LABELS[(group.factor, group.value)]
    if group.factor is Factor.FIELD:
        return f"interviews for {describe('job_field', group.value)} roles"
    if group.factor is Factor.SENIORITY:
        return f"interviews for {describe('seniority', group.value)} roles"
    return f"interviews for {group.value} roles" if group.value in (
        "remote", "hybrid", "on-site") else f"interviews for roles in {group.value.title()}"


def community_step(insight: CommunityInsight) -> str:
    """One thing the community can organise this week, aimed at the group's side."""
    group, better = insight.group, insight.better
    if group.factor is Factor.SOURCE and (group.value == "referral") == better:
        return ("start a thread this week where members can offer and ask for referrals.")
    if group.factor is Factor.THANK_YOU and (group.value == "on_time") == better:
        return ("schedule tips on following up: `/debrief tips subscribe weekly mon 09:00 "
                "areas:follow up`.")
    if group.factor is Factor.FIT and (group.value == "good") == better:
        return ("run a session this week on choosing roles where members clearly bring "
                "something, or schedule `areas:right jobs` tips.")
    if group.factor is Factor.STAGE and not better:
        return ("organise mock interviews for that stage this week: stories with results, "
                "and questions of their own.")
    if better:
        return "share openings like these more widely in the community this week."
    return ("invite someone who hires for these roles to talk about what they look for.")


def insight_lines(insight: CommunityInsight, figures: CommunityFigures) -> str:
    group = insight.group
    label = _label(group)
    return (f"{label[:1].upper()}{label[1:]}: {group.callbacks} of {group.interviews} called "
            f"back ({group.people} people), against {figures.callbacks} of "
            f"{figures.with_outcome} across the community.\nNext step: {community_step(insight)}")


def _share(part: int, whole: int, of: str = "") -> str:
    """"16 of 30 (53%)"; "none yet, of 12", never "0 of 12 (0%)"."""
    if not part:
        return f"none yet, of {whole}{of}"
    return f"{part} of {whole}{of} ({round(100 * part / whole)}%)"


def totals_step(f: CommunityFigures) -> str | None:
    """With no group standing apart: the one thing the totals point to, the cheapest first
    (notes in time), then finished reflections, then practice where nobody is called back."""
    if f.people_thank_you_decided >= MIN_COMMUNITY and \
            f.thank_you_on_time * 2 < f.thank_you_decided:
        return ("schedule tips on following up, since most notes are not sent within 24 "
                "hours: `/debrief tips subscribe weekly mon 09:00 areas:follow up`.")
    if f.reflections_completed * 2 < f.interviews:
        return ("remind members that `/debrief interview <company>` right after an interview "
                "starts a five-minute reflection - most are left unfinished.")
    if f.people_with_outcome >= MIN_COMMUNITY and f.with_outcome and \
            f.callbacks * 4 < f.with_outcome:
        return ("organise mock interviews this week: stories with results, and questions of "
                "their own.")
    return None


def community_too_small(minimum: int) -> str:
    return (f"Fewer than {minimum} people have logged interviews with Debrief here, so I "
            "show no figures yet: in a group that small, totals could point to someone. "
            f"They appear once {minimum} people have.")


def community_reply(f: CommunityFigures, insights: Sequence[CommunityInsight] = ()) -> Reply:
    """Totals, and what came before callbacks here - every figure resting on at least
    MIN_COMMUNITY people (the caller checked ``f.people``; rates check their own)."""
    fields = [
        ReplyField("People who logged interviews", str(f.people)),
        ReplyField("Interviews logged", str(f.interviews)),
        ReplyField("Reflections completed",
                   _share(f.reflections_completed, f.interviews)),
    ]
    if f.people_thank_you_decided >= MIN_COMMUNITY:
        fields.append(ReplyField(
            "Thank-you notes inside 24 hours",
            f"{_share(f.thank_you_on_time, f.thank_you_decided)} - counting interviews "
            "whose note was sent or whose 24 hours are over"))
    if f.people_with_outcome >= MIN_COMMUNITY:
        fields.append(ReplyField(
            "Callbacks",
            _share(f.callbacks, f.with_outcome, " interviews with an answer")
            + (f", {_n(f.offers, 'offer')} among them" if f.offers else "")))
    if insights:
        blocks = [insight_lines(i, f) for i in insights[:3]]
        fields.append(ReplyField("What came before callbacks here", "\n\n".join(blocks)))
    text = "Totals only - never who. Counted from interviews logged here with Debrief, all time."
    step = community_step(insights[0]) if insights else totals_step(f)
    if step is not None:
        text = f"Your next step: {step}\n{text}"
    if not insights and f.people_with_outcome >= MIN_COMMUNITY:
        text += (f" No group of {MIN_COMMUNITY} or more people stands apart on callbacks yet "
                 "(by field, fit, way in, thank-you timing, stage, seniority or place).")
    elif not insights:
        text += (f" Callback figures appear once {MIN_COMMUNITY} people have recorded what "
                 "they heard back.")
    return Reply(title="Your community, anonymously", fields=tuple(fields), text=text)
