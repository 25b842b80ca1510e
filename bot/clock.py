"""Clocks: the real one, and a settable one for tests. The core never calls ``datetime.now``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["FixedClock", "SystemClock", "require_utc", "utc_or_none"]


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def utc_or_none(value: datetime | None) -> datetime | None:
    """``value`` in UTC; a naive datetime is refused (SQLite would drop its meaning)."""
    if value is None:
        return None
    return require_utc(value)


def require_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive datetime is refused."""
    if value.tzinfo is UTC:  # nearly every one (stores copy each row's several times a turn)
        return value  # what astimezone(UTC) gives back for it
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: pass timezone-aware UTC")
    return value.astimezone(UTC)
