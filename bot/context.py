"""What every handler gets, and the errors handlers raise to refuse a request."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import copy
from bot.config import CoreConfig
from bot.model import Interview, User
from bot.nudges.policy import NudgePolicy, user_zone
from bot.ports import ChartRenderer, UnitOfWork
from bot.values import Incoming, Reply

__all__ = ["Context", "UserError"]


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

    async def find_interview(self, ref: str | None, *, default: str = "latest") -> Interview:
        """An interview by ``#12``/``12`` or company name; else the newest one."""
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
        wanted = ref.casefold()
        for match in (lambda c: c == wanted, lambda c: c.startswith(wanted),
                      lambda c: wanted in c):
            for interview in interviews:
                if match(interview.company.casefold()):
                    return interview
        raise UserError(copy.no_such_interview(ref))
