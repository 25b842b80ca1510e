"""What every handler gets, and the errors handlers raise to refuse a request."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import copy
from bot.config import CoreConfig
from bot.grammar import closest
from bot.model import Interview, User
from bot.nudges.policy import NudgePolicy, user_zone
from bot.ports import ChartRenderer, UnitOfWork
from bot.values import Incoming, Reply

__all__ = ["Context", "UserError", "names_an_interview"]


class UserError(Exception):
    """A request we refuse with a friendly message; the transaction is rolled back."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Context:
    uow: UnitOfWork
    user: User
    incoming: Incoming
    now: datetime
    config: CoreConfig
    policy: NudgePolicy
    # Due times of nudges this request scheduled, so the dispatcher can be woken early.
    scheduled: list[datetime] = field(default_factory=list)
    # Draws charts (``/debrief stats``); None when no plotting library is wired in.
    charts: ChartRenderer | None = None
    # Slow, read-only finishing work run on the replies after the transaction committed
    # (drawing a chart), so the database is never held waiting for it.
    after_commit: list[Callable[[list[Reply]], Awaitable[list[Reply]]]] = field(
        default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return user_zone(self.user, self.config)

    @property
    def user_id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    def reply(self, text: str, **kw: object) -> Reply:
        return Reply(text=text, **kw)  # type: ignore[arg-type]  # kw are Reply's fields

    def check_length(self, what: str, value: str, limit: int) -> str:
        value = value.strip()
        if len(value) > limit:
            raise UserError(copy.text_too_long(what, limit, len(value)))
        return value

    async def find_interview(self, ref: str | None, *, default: str = "latest",
                             loose: bool = False) -> Interview:
        """An interview by ``#12``/``12`` or company name; else the newest one. ``loose``:
        also among other words or misspelt ("#1 please", "for acmee"), for commands whose
        text is only the reference (callers that read a sentence after it leave it off)."""
        interviews = await self.uow.interviews.list_for_user(self.user_id, limit=200)
        if not interviews:
            raise UserError(copy.NO_INTERVIEWS)
        ref = (ref or "").strip()
        if not ref:
            return interviews[0]
        number = re.fullmatch(r"#?(\d+)", ref)
        if number:
            for interview in interviews:
                if interview.id == int(number.group(1)):
                    return interview
            raise UserError(copy.no_such_interview(ref))
        found = _by_company(interviews, ref.casefold())
        if found is None and loose:  # "#1 please", "for acme", "acmee"
            found = _said_in_words(interviews, ref)
        if found is None:
            raise UserError(copy.no_such_interview(ref))
        return found


# Words said around an interview's reference ("the note for acme please", "#2 pls"): not
# part of it. Read only after the whole text named no interview ("The Note" stays a name).
_AROUND_A_REFERENCE = frozenset("""
    please pls plz the my a an for to at with of on about from interview interviews one
    note thank you thanks i it sent just now done already email e-mail card last latest
    this that again think guess was is maybe probably
""".split())
# How close a mistyped company must be (rapidfuzz ratio, 0-100): "acmee", "globx".
_COMPANY_CUTOFF = 80


def _by_company(interviews: list[Interview], wanted: str) -> Interview | None:
    for match in (lambda c: c == wanted, lambda c: c.startswith(wanted),
                  lambda c: wanted in c):
        for interview in interviews:
            if match(interview.company.casefold()):
                return interview
    return None


def _naming_words(ref: str) -> list[str]:
    return [w for w in ref.casefold().replace(",", " ").split()
            if w.strip(".!?") not in _AROUND_A_REFERENCE]


def names_an_interview(ref: str) -> bool:
    """False for words that only surround a reference ("please", "i sent it")."""
    return bool(_naming_words(ref))


def _said_in_words(interviews: list[Interview], ref: str) -> Interview | None:
    """The interview a reference said in a few words names: ``#n`` among them, else the
    company once the words around it are dropped, exactly or with a small typo (one
    company only). Only words that name nothing ("please", "i sent it"): the latest."""
    words = _naming_words(ref)
    numbers = {int(m.group(1)) for w in words if (m := re.fullmatch(r"#(\d+)", w))}
    if numbers:
        return next((i for i in interviews if i.id in numbers), None) \
            if len(numbers) == 1 else None
    if not words:
        return interviews[0]
    wanted = " ".join(words).strip(" .!?")
    found = _by_company(interviews, wanted) if wanted else None
    if found is not None:
        return found
    near = closest(wanted, {i.company.casefold() for i in interviews}, _COMPANY_CUTOFF)
    return _by_company(interviews, near) if near is not None else None
