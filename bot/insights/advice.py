"""Words for the insight engine's findings: what each split shows, how far to trust it, and
one concrete next step for this week.

Written for someone who may have been rejected a lot: say the numbers plainly, never blame,
point at something they can do in the next few days. The counting is in
:mod:`bot.insights.factors` and :mod:`bot.insights.patterns`.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.insights.factors import SMALL_GROUP, Factor, Finding, Group
from bot.insights.patterns import Calibration, InterviewPoint, Patterns
from bot.insights.profile import describe
from bot.model import Area
from bot.notes.people import company_and_role, company_name, role_label
from bot.notes.written import as_written

__all__ = [
    "FACTOR_NOUNS",
    "calibration_lines",
    "chart_title",
    "finding_lines",
    "group_label",
    "next_step",
    "tip_area",
    "tip_reason",
    "upper_first",
]

# What a factor is called in a sentence ("your fit ratings and your research …").
FACTOR_NOUNS = {
    Factor.FIELD: "the field", Factor.TITLE: "the role titles", Factor.FIT: "your fit ratings",
    Factor.SOURCE: "how you got the interview", Factor.THANK_YOU: "thank-you timing",
    Factor.PREP: "your research", Factor.STAGE: "the stage", Factor.SENIORITY: "seniority",
    Factor.LOCATION: "location",
}
# The chart's title and the "rest" of a split with more than two groups.
_CHART_NOUN = {
    Factor.FIELD: "field", Factor.TITLE: "role", Factor.FIT: "how well the role fit",
    Factor.SOURCE: "how you got the interview", Factor.THANK_YOU: "thank-you timing",
    Factor.PREP: "how you prepared", Factor.STAGE: "stage", Factor.SENIORITY: "seniority",
    Factor.LOCATION: "location",
}
_REST = {Factor.FIELD: "other fields", Factor.TITLE: "other roles",
         Factor.SOURCE: "the other ways in", Factor.STAGE: "the other stages",
         Factor.SENIORITY: "other levels", Factor.LOCATION: "other places"}
_FIXED = {
    (Factor.FIT, "good"): "roles you rated a good fit (4-5)",
    (Factor.FIT, "other"): "roles you rated 1-3",
    (Factor.THANK_YOU, "on_time"): "with a thank-you inside 24 hours",
    (Factor.THANK_YOU, "not_on_time"): "with a later note or none",
    (Factor.PREP, "strong"): "when you had researched well",
    (Factor.PREP, "light"): "with lighter research",
    (Factor.SOURCE, "referral"): "through a referral",
    (Factor.SOURCE, "application"): "through your own applications",
    (Factor.SOURCE, "recruiter"): "through a recruiter",
    (Factor.SOURCE, "other"): "that came another way",
    (Factor.STAGE, "screen"): "screening calls",
    (Factor.STAGE, "first"): "first interviews",
    (Factor.STAGE, "later"): "later rounds",
    (Factor.STAGE, "final"): "final rounds",
}
_SHORT = {
    (Factor.FIT, "good"): "good fit (4-5)", (Factor.FIT, "other"): "fit 1-3",
    (Factor.THANK_YOU, "on_time"): "note within 24 h",
    (Factor.THANK_YOU, "not_on_time"): "later or none",
    (Factor.PREP, "strong"): "researched well", (Factor.PREP, "light"): "lighter research",
    (Factor.SOURCE, "application"): "own application",
    (Factor.STAGE, "screen"): "screening call", (Factor.STAGE, "first"): "first interview",
    (Factor.STAGE, "later"): "later round", (Factor.STAGE, "final"): "final round",
}
_PLACES = {"remote", "hybrid", "on-site"}


def spelling(factor: Factor, value: str, points: Sequence[InterviewPoint]) -> str:
    """The first spelling the person used for a free-text group ("Data Analyst")."""
    for point in points:
        raw = {Factor.TITLE: point.title, Factor.LOCATION: point.location,
               Factor.FIELD: point.field}.get(factor)
        if raw and raw.casefold() == value:
            return raw
    return value


def group_label(factor: Factor, value: str, points: Sequence[InterviewPoint], *,
                short: bool = False) -> str:
    """A group as a phrase ("Data Analyst roles", "through a referral"), or as a short chart
    label ("Data Analyst", "referral") with ``short``."""
    if short and (factor, value) in _SHORT:
        return _SHORT[(factor, value)]
    if (factor, value) in _FIXED:
        return _FIXED[(factor, value)] if not short else value
    if factor is Factor.SENIORITY:
        name = describe("seniority", value)
        return name if short else f"{name} roles"
    if factor is Factor.FIELD:
        name = describe("job_field", spelling(factor, value, points))
        return name if short else f"{name} roles"
    name = spelling(factor, value, points)
    if short:
        return name
    if factor is Factor.LOCATION:
        return f"{name.lower()} roles" if value in _PLACES else f"roles in {name}"
    return f"{name} roles"


def _rest_label(finding: Finding, points: Sequence[InterviewPoint]) -> str:
    others = [g for g in finding.groups if g.value != finding.group.value]
    if len(others) == 1:
        return group_label(finding.factor, others[0].value, points)
    return _REST.get(finding.factor, "the rest")


def _count(group: Group) -> str:
    return f"{group.callbacks} of {group.total}"


def upper_first(text: str) -> str:
    """Text that starts a sentence: the first letter upper case, the rest as written."""
    return text[:1].upper() + text[1:]


def finding_lines(finding: Finding, p: Patterns, *, step: bool = True) -> list[str]:
    """What the split shows (both sides with their sizes), the caveat, any overlap, and the
    next step - in that order, the step last (``step=False``: the step is the reply's lead,
    so it points there rather than saying it twice word for word)."""
    points = p.points
    lines = [f"{upper_first(group_label(finding.factor, finding.group.value, points))}: "
             f"{_count(finding.group)} called back; {_rest_label(finding, points)}: "
             f"{_count(finding.rest)}."]
    if finding.small:
        lines.append(f"Small numbers ({finding.group.total} and {finding.rest.total} "
                     "interviews): a hint worth testing, not a rule yet.")
    if finding.overlaps:
        nouns = [FACTOR_NOUNS[f] for f in finding.overlaps]  # "a, b and c", not "a and b and c"
        others = " and ".join([", ".join(nouns[:-1]), nouns[-1]] if len(nouns) > 1 else nouns)
        lines.append(f"{upper_first(others)} split these same interviews the same way, so read "
                     "them as one pattern, not two.")
    lines.append(f"Next step: {next_step(finding, p)}" if step else
                 "Next step: the one at the top.")
    return lines


def _bring(finding: Finding, p: Patterns) -> str:
    """Their own words for what they bring, from an interview on the callback side."""
    rich = finding.group if finding.better else finding.rest
    for index in sorted(rich.members):
        point = p.points[index]
        if point.result and point.bring:
            text = as_written(point.bring).rstrip(".")  # "3 years of SQL", as written
            return f'"{text[:80]}{"…" if len(text) > 80 else ""}"'
    return "what you bring"


def _like(finding: Finding, p: Patterns) -> str:
    """", like Tyrell (Data Analyst) and Hooli, which called you back": the step's kind of
    role, by the latest two of their own that brought a callback."""
    rich = finding.group if finding.better else finding.rest
    called = [p.points[i] for i in sorted(rich.members, reverse=True) if p.points[i].result]
    latest = called[:2]
    if not latest:
        return ""
    roles = {role_label(pt.title, pt.company) for pt in latest}
    companies = " and ".join(company_name(pt.company) for pt in latest)
    if len(roles) == 1 and (role := roles.pop()) is not None:  # "the Data Analyst roles at …"
        like = f"the {role} role{'s' if len(latest) > 1 else ''} at {companies}"
    else:
        like = " and ".join(company_and_role(pt.company, pt.title) for pt in latest)
    return f", like {like}, {'which' if len(latest) == 1 else 'both of which'} called you back"


def next_step(finding: Finding, p: Patterns) -> str:
    """One thing to do this week, aimed at where callbacks come (or where they stop)."""
    factor, better = finding.factor, finding.better
    label = group_label(factor, finding.group.value, p.points)
    value = finding.group.value
    if factor in (Factor.FIELD, Factor.TITLE):
        if better:
            return (f"this week, put most of your applications into {label}, where you're "
                    f"getting through. For anything else, rewrite how you present "
                    f"{_bring(finding, p)} for that kind of role before you apply.")
        return (f"before your next application for {label}, rewrite how you present "
                f"{_bring(finding, p)} for it - or put this week's applications where "
                "you're getting through.")
    if factor is Factor.FIT:
        if (value == "good") == better:
            return (f"this week, apply first to roles you'd rate a 4 or 5 on fit"
                    f"{_like(finding, p)}; for a stretch role, say plainly the one thing you "
                    "bring that they need.")
        return ("your fit ratings and the outcomes disagree so far - you may judge fit more "
                "strictly than employers do. Apply to two roles this week you'd have rated a 3.")
    if factor is Factor.SOURCE:
        return _source_step(value, better)
    if factor is Factor.THANK_YOU:
        if (value == "on_time") == better:
            return ("send this week's notes within 24 hours - `/debrief draft` writes one "
                    "from your reflection.")
        return ("on-time notes haven't made the difference yet. Keep sending them (they cost "
                "little) and look at the other patterns here.")
    if factor is Factor.PREP:
        if (value == "strong") == better:
            return ("before your next interview, research the company, the industry, the role "
                    "and the interviewer, and bring two questions of your own "
                    "(`/debrief tip prepared`).")
        return ("more research hasn't made the difference so far. Spend that time saying one "
                "story out loud before the next interview instead.")
    if factor is Factor.STAGE:
        return _stage_step(value, better)
    if factor is Factor.SENIORITY:
        if better:
            return (f"aim most of this week's applications at {label}; for more senior ones, "
                    "lead with a result that shows the scope you handled.")
        return (f"for {label}, lead with a result that shows the scope you handled - or aim "
                "this week's applications where you're getting through.")
    if better:
        return f"look for more {label} this week - two applications is a good start."
    return (f"widen the search beyond {label} this week: two applications in a neighbouring "
            "city or for remote work.")


def _source_step(value: str, better: bool) -> str:
    if (better and value == "referral") or (not better and value == "application"):
        return ("this week, ask one person you know at a company you'd like to join to refer "
                "you - a referral gets read.")
    if better and value == "recruiter":
        return ("answer recruiters this week, and tell one or two exactly what you're "
                "looking for.")
    if better and value == "application":
        return ("keep applying directly; in each one, name in the first lines the one thing "
                "you bring for that role.")
    if not better and value == "recruiter":
        return ("before your next recruiter interview, ask the recruiter what the hiring "
                "manager wants most, and prepare a story for exactly that.")
    if not better and value == "referral":
        return ("save referrals for roles you'd rate 4-5 on fit, where the referrer's word "
                "matches what you bring.")
    return "do more of whatever got you those interviews, this week."


def _stage_step(value: str, better: bool) -> str:
    stops = value if not better else ("later" if value == "screen" else "screen")
    if stops in ("later", "final"):
        rounds = "final rounds" if stops == "final" else "the later rounds"
        return (f"{rounds} are where it stops. Before the next one, prepare two "
                "stories with a result in numbers, and two questions only you could ask "
                "(`/debrief tip stand out`).")
    if stops == "first":
        return ("first interviews are where it stops. Before the next one, match the "
                "posting's top five requirements to a story or fact each.")
    return ("the early calls are where it stops. Practise a one-minute answer to \"tell me "
            "about yourself\" that ends with why this role, and say it out loud once.")


def calibration_lines(c: Calibration) -> list[str]:
    """Where how it felt and how it went disagree; said gently, and only from two up."""
    lines = []
    felt_good = len(c.felt_memorable_no_callback)
    felt_bad = len(c.felt_generic_callback)
    if felt_good >= 2:
        lines.append(f"You felt memorable in {felt_good} interviews that didn't lead to a "
                     "callback. That's common and says nothing bad about you: how an "
                     "interview feels from the inside is a weak guide to how it landed.")
    if felt_bad >= 2:
        lines.append(f"{'And you' if lines else 'You'} felt you blended in at {felt_bad} "
                     "interviews that did bring a callback - you may be harder on yourself "
                     "than they are.")
    if not lines:
        return []
    if felt_good + felt_bad < SMALL_GROUP:
        # the few are the interviews it rests on, not the record ("only a few interviews so
        # far" read oddly under eleven of them)
        lines.append(f"That rests on {felt_good + felt_bad} interviews, so hold it lightly.")
    lines.append("Next step: after your next interview, note one thing the interviewer "
                 "actually reacted to (a follow-up question, something they wrote down) and "
                 "trust that more than the feeling.")
    return lines


def tip_area(finding: Finding) -> Area | None:
    """The area whose tips serve a finding's next step, or None where the step is to stop
    leaning on a habit that has not made the difference (on-time notes, more research, the
    strict fit ratings): no tip can follow from that."""
    factor, better, value = finding.factor, finding.better, finding.group.value
    if factor is Factor.THANK_YOU:
        return Area.FOLLOW_UP if (value == "on_time") == better else None
    if factor is Factor.PREP:
        return Area.PREPARED if (value == "strong") == better else None
    if factor is Factor.FIT:
        return Area.RIGHT_JOBS if (value == "good") == better else None
    if factor is Factor.STAGE:
        return Area.STAND_OUT
    return Area.RIGHT_JOBS  # field, title, way in, seniority, place: where to apply


def tip_reason(finding: Finding, p: Patterns) -> str:
    """Why ``/debrief tip`` took this area: the finding's own figures, both sides."""
    few = " (few so far: a hint, not a rule)" if finding.small else ""
    return f"Picked from your own outcomes{few}. {finding_lines(finding, p)[0]}"


def chart_title(finding: Finding) -> str:
    return f"Callbacks by {_CHART_NOUN[finding.factor]}"
