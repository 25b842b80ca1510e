"""The insight engine's counting: callbacks split by one factor at a time.

A *factor* puts each interview whose answer is known into a group (its field, its source,
on-time note or not …). A :class:`Finding` is the clearest split a factor offers: the group
where callbacks came most (or least) against every other interview the factor knows.
Findings are ranked by how big the difference is *and* how many interviews it rests on, so a
coincidence of one never leads; two findings that split the same interviews the same way are
marked as overlapping, since they are one pattern seen twice, not two.

Pure counting, no words: :mod:`bot.insights.advice` and :mod:`bot.insights.words` say it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = [
    "MIN_SIDE",
    "OVERLAP",
    "SMALL_GROUP",
    "Factor",
    "Finding",
    "Group",
    "find",
    "rank",
]

# Under this many interviews on either side, a finding carries the small-numbers caveat.
SMALL_GROUP = 5
# A split with fewer interviews than this on a side is a coincidence: never a finding.
MIN_SIDE = 2
# Callback rates must differ by at least this much (a third) to be a pattern at all.
MIN_GAP = 1 / 3
# Two findings overlap when they put at least this share of shared interviews on the same side.
OVERLAP = 0.85


class Factor(StrEnum):
    """In the order a tie is broken: what the person can act on most directly first."""

    FIELD = "field"
    TITLE = "title"
    FIT = "fit"
    SOURCE = "source"
    THANK_YOU = "thank_you"
    PREP = "prep"
    STAGE = "stage"
    SENIORITY = "seniority"
    LOCATION = "location"


@dataclass(frozen=True, slots=True)
class Group:
    """Interviews in one group: callbacks among them, and which ones (for overlaps)."""

    value: str
    callbacks: int
    total: int
    members: frozenset[int] = frozenset()

    @property
    def rate(self) -> float:
        return self.callbacks / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Finding:
    """``group`` against ``rest`` (every other interview the factor knows).
    ``better`` says which side had more callbacks."""

    factor: Factor
    group: Group
    rest: Group
    groups: tuple[Group, ...]  # every group of the factor, largest first (for the chart)
    overlaps: tuple[Factor, ...] = ()

    @property
    def better(self) -> bool:
        return self.group.rate > self.rest.rate

    @property
    def gap(self) -> float:
        return abs(self.group.rate - self.rest.rate)

    @property
    def size(self) -> int:
        return self.group.total + self.rest.total

    @property
    def small(self) -> bool:
        return min(self.group.total, self.rest.total) < SMALL_GROUP

    @property
    def strength(self) -> float:
        """The gap, discounted for small sides: 4 vs 3 counts more than 1 vs 6."""
        side = min(self.group.total, self.rest.total)
        return self.gap * side / (side + 1)


Grouping = Callable[[int], str | None]


def _groups(ids: Sequence[int], results: dict[int, bool], grouping: Grouping
            ) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for i in ids:
        value = grouping(i)
        if value is None:
            continue
        old = groups.get(value, Group(value, 0, 0))
        groups[value] = Group(value, old.callbacks + int(results[i]), old.total + 1,
                              old.members | {i})
    return groups


def find(factor: Factor, results: dict[int, bool], grouping: Grouping) -> Finding | None:
    """The factor's clearest split, or None when it has none worth saying (one group only,
    a side under :data:`MIN_SIDE`, or rates within :data:`MIN_GAP` of each other)."""
    groups = _groups(sorted(results), results, grouping)
    if len(groups) < 2:
        return None
    candidates = []
    for group in groups.values():
        others = [g for g in groups.values() if g.value != group.value]
        rest = Group("", sum(g.callbacks for g in others), sum(g.total for g in others),
                     frozenset().union(*(g.members for g in others)))
        if min(group.total, rest.total) < MIN_SIDE:
            continue
        candidates.append(Finding(factor, group, rest, _ordered(groups)))
    candidates = [c for c in candidates if c.gap >= MIN_GAP]
    if not candidates:
        return None
    # Strongest first; then the side with callbacks (advice toward, not away); then name.
    return min(candidates, key=lambda c: (-round(c.strength, 9), not c.better, c.group.value))


def _ordered(groups: dict[str, Group]) -> tuple[Group, ...]:
    return tuple(sorted(groups.values(), key=lambda g: (-g.total, g.value)))


def _sides(finding: Finding) -> dict[int, bool]:
    """Each interview the finding covers: True on its callback-rich side."""
    high = finding.group if finding.better else finding.rest
    return {i: i in high.members for i in finding.group.members | finding.rest.members}


def overlap(a: Finding, b: Finding) -> bool:
    """Do two findings split (nearly) the same interviews the same way?"""
    sa, sb = _sides(a), _sides(b)
    shared = sa.keys() & sb.keys()
    if len(shared) < 3:
        return False
    same = sum(sa[i] == sb[i] for i in shared)
    return same / len(shared) >= OVERLAP


def rank(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Strongest first (ties: :class:`Factor` order). A finding that overlaps a stronger one
    is folded into it: listed in its ``overlaps``, not shown again."""
    order = list(Factor)
    ordered = sorted(findings, key=lambda f: (-round(f.strength, 9), order.index(f.factor)))
    kept: list[Finding] = []
    for finding in ordered:
        for index, lead in enumerate(kept):
            if overlap(lead, finding):
                kept[index] = replace(lead, overlaps=(*lead.overlaps, finding.factor))
                break
        else:
            kept.append(finding)
    return tuple(kept)
