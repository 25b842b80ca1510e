"""When nudges are due, in the person's own zone, across DST changes and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import CoreConfig
from bot.model import (
    Interview,
    Nudge,
    NudgeKind,
    Outcome,
    ReflectionState,
    ThankYou,
    User,
)
from bot.nudges.policy import NudgePolicy, add_local
from bot.values import Identity

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def person(zone: str = "Europe/London", quiet: tuple[time, time] | None = None) -> User:
    user = User(identity=Identity("console", "local", "ann"), id=1, timezone=zone)
    if quiet is not None:
        user.quiet_start, user.quiet_end = quiet
    return user


def interview_at(at: datetime, **kw: object) -> Interview:
    return Interview(user_id=1, id=7, company="Acme", happens_at=at, logged_at=at,
                     **kw)  # type: ignore[arg-type]


def planned(policy: NudgePolicy, at: datetime, user: User,
            now: datetime | None = None) -> dict[NudgeKind, list[datetime]]:
    out: dict[NudgeKind, list[datetime]] = {}
    for nudge in policy.plan(interview_at(at), user, now or at):
        out.setdefault(nudge.kind, []).append(nudge.due_at)
    return out


def local(at: datetime, zone: ZoneInfo) -> tuple[str, str]:
    here = at.astimezone(zone)
    return f"{here:%Y-%m-%d %H:%M}", here.tzname() or ""


# -- DST -----------------------------------------------------------------------------------


def test_thank_you_reminder_on_the_eve_of_spring_forward_lands_at_8_local_in_london() -> None:
    # Saturday 28 March 2026, 21:00 GMT; the clocks go forward at 01:00 that night.
    at = datetime(2026, 3, 28, 21, 0, tzinfo=UTC)
    due = planned(NudgePolicy(CoreConfig()), at, person("Europe/London"))
    first, second = due[NudgeKind.THANK_YOU]
    # 2h later is 23:00, in quiet hours (22:00-08:00): held until 08:00 LOCAL, which is
    # now BST - 07:00 UTC, not 08:00 UTC.
    assert local(first, LONDON) == ("2026-03-29 08:00", "BST")
    assert first == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    # 20h later is elapsed time: 17:00 UTC = 18:00 BST, outside quiet hours.
    assert second == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)
    # The check-in 5 business days later (Friday) is at the same local wall time, 21:00 -
    # now BST.
    (check_in,) = due[NudgeKind.CHECK_IN]
    assert local(check_in, LONDON) == ("2026-04-03 21:00", "BST")
    assert check_in == datetime(2026, 4, 3, 20, 0, tzinfo=UTC)


def test_thank_you_reminder_on_the_eve_of_spring_forward_in_new_york() -> None:
    # Saturday 7 March 2026, 21:00 EST (02:00 UTC on the 8th); DST starts at 02:00 local.
    at = datetime(2026, 3, 8, 2, 0, tzinfo=UTC)
    due = planned(NudgePolicy(CoreConfig()), at, person("America/New_York"))
    first = due[NudgeKind.THANK_YOU][0]
    assert local(first, NEW_YORK) == ("2026-03-08 08:00", "EDT")
    assert first == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    (check_in,) = due[NudgeKind.CHECK_IN]
    assert local(check_in, NEW_YORK) == ("2026-03-13 21:00", "EDT")  # Friday, 5 business days
    assert check_in == datetime(2026, 3, 14, 1, 0, tzinfo=UTC)


def test_thank_you_reminder_on_the_eve_of_fall_back_lands_at_8_local() -> None:
    # Saturday 24 October 2026, 21:00 BST; the clocks go back at 02:00 that night.
    at = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
    due = planned(NudgePolicy(CoreConfig()), at, person("Europe/London"))
    first = due[NudgeKind.THANK_YOU][0]
    assert local(first, LONDON) == ("2026-10-25 08:00", "GMT")
    assert first == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    (check_in,) = due[NudgeKind.CHECK_IN]
    assert local(check_in, LONDON) == ("2026-10-30 21:00", "GMT")  # Friday, 5 business days


def test_whole_days_are_added_on_the_local_calendar_and_hours_as_elapsed_time() -> None:
    start = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # 12:00 GMT
    assert add_local(start, timedelta(days=1), LONDON) == datetime(2026, 3, 29, 11, 0,
                                                                   tzinfo=UTC)  # 12:00 BST
    assert add_local(start, timedelta(hours=23), LONDON) == start + timedelta(hours=23)
    assert add_local(start, timedelta(days=1, hours=2), LONDON) == datetime(
        2026, 3, 29, 13, 0, tzinfo=UTC)


def test_a_day_later_into_the_dst_gap_moves_forward_by_the_gap() -> None:
    start = datetime(2026, 3, 28, 1, 30, tzinfo=UTC)  # 01:30 GMT; 01:30 tomorrow is skipped
    later = add_local(start, timedelta(days=1), LONDON)
    assert local(later, LONDON) == ("2026-03-29 02:30", "BST")


# -- quiet hours ---------------------------------------------------------------------------


WRAPPING = (time(22, 30), time(7, 0))


@pytest.mark.parametrize("local_due, expected_local", [
    ("2026-06-10 21:59", "2026-06-10 21:59"),  # before the window
    ("2026-06-10 22:30", "2026-06-11 07:00"),  # at its start
    ("2026-06-10 23:45", "2026-06-11 07:00"),  # evening part: ends tomorrow
    ("2026-06-11 00:00", "2026-06-11 07:00"),  # midnight
    ("2026-06-11 03:15", "2026-06-11 07:00"),  # morning part: ends today
    ("2026-06-11 07:00", "2026-06-11 07:00"),  # at its end: free
    ("2026-06-11 12:00", "2026-06-11 12:00"),
])
def test_quiet_hours_wrapping_midnight_hold_a_nudge_until_they_end(
        local_due: str, expected_local: str) -> None:
    policy = NudgePolicy(CoreConfig())
    user = person("America/New_York", quiet=WRAPPING)
    due = datetime.fromisoformat(local_due).replace(tzinfo=NEW_YORK).astimezone(UTC)
    assert local(policy.outside_quiet(due, user), NEW_YORK)[0] == expected_local


@pytest.mark.parametrize("local_due, expected_local", [
    ("2026-06-10 11:59", "2026-06-10 11:59"),
    ("2026-06-10 12:00", "2026-06-10 13:30"),
    ("2026-06-10 13:29", "2026-06-10 13:30"),
    ("2026-06-10 13:30", "2026-06-10 13:30"),
])
def test_quiet_hours_within_one_day(local_due: str, expected_local: str) -> None:
    policy = NudgePolicy(CoreConfig())
    user = person("Europe/London", quiet=(time(12, 0), time(13, 30)))
    due = datetime.fromisoformat(local_due).replace(tzinfo=LONDON).astimezone(UTC)
    assert local(policy.outside_quiet(due, user), LONDON)[0] == expected_local


def test_default_quiet_hours_are_22_to_8_local() -> None:
    policy = NudgePolicy(CoreConfig())
    due = datetime(2026, 6, 10, 21, 30, tzinfo=UTC)  # 22:30 BST
    assert local(policy.outside_quiet(due, person()), LONDON)[0] == "2026-06-11 08:00"


def test_quiet_hours_turned_off_hold_nothing() -> None:
    policy = NudgePolicy(CoreConfig())
    due = datetime(2026, 6, 11, 2, 0, tzinfo=UTC)  # 03:00 BST
    assert policy.outside_quiet(due, person(quiet=(time(0), time(0)))) == due


def test_quiet_hours_follow_the_persons_zone_not_utc() -> None:
    policy = NudgePolicy(CoreConfig())
    due = datetime(2026, 6, 10, 23, 0, tzinfo=UTC)  # 23:00 UTC: 19:00 in New York
    assert policy.outside_quiet(due, person("America/New_York")) == due
    assert policy.outside_quiet(due, person("Europe/Berlin")) != due  # 01:00 in Berlin


# -- what gets planned ---------------------------------------------------------------------


def test_an_interview_that_just_ended_gets_thank_you_reminders_and_a_check_in() -> None:
    at = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    due = planned(NudgePolicy(CoreConfig()), at, person())
    assert due[NudgeKind.THANK_YOU] == [at + timedelta(hours=2), at + timedelta(hours=20)]
    assert due[NudgeKind.CHECK_IN] == [at + timedelta(days=7)]
    assert NudgeKind.REFLECT not in due


def test_thank_you_delays_beyond_the_24_hour_window_are_not_scheduled() -> None:
    config = CoreConfig(thank_you_delays=(timedelta(hours=2), timedelta(hours=24),
                                          timedelta(hours=30), timedelta(days=2)))
    at = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    due = planned(NudgePolicy(config), at, person())
    assert due[NudgeKind.THANK_YOU] == [at + timedelta(hours=2)]


def test_nudges_already_in_the_past_are_not_scheduled() -> None:
    at = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    due = planned(NudgePolicy(CoreConfig()), at, person(), now=at + timedelta(hours=21))
    assert NudgeKind.THANK_YOU not in due
    assert due[NudgeKind.CHECK_IN] == [at + timedelta(days=7)]


def test_an_interview_logged_ahead_gets_a_reflect_prompt_an_hour_after_it() -> None:
    now = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    at = now + timedelta(days=1)
    due = planned(NudgePolicy(CoreConfig()), at, person(), now=now)
    assert due[NudgeKind.REFLECT] == [at + timedelta(hours=1)]


def test_planned_nudges_carry_stable_idempotency_keys() -> None:
    at = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    policy = NudgePolicy(CoreConfig())
    keys = [n.idempotency_key for n in policy.plan(interview_at(at), person(), at)]
    assert keys == [n.idempotency_key for n in policy.plan(interview_at(at), person(), at)]
    assert len(set(keys)) == len(keys)


# -- deciding at claim time ----------------------------------------------------------------


NOON = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)  # 12:00 BST


def nudge(kind: NudgeKind, due: datetime = NOON) -> Nudge:
    return Nudge(user_id=1, interview_id=7, kind=kind, due_at=due, idempotency_key="k")


@pytest.mark.parametrize("state", [ThankYou.SENT, ThankYou.NO])
def test_at_claim_drops_a_thank_you_nudge_when_the_note_is_settled(state: ThankYou) -> None:
    decision = NudgePolicy(CoreConfig()).at_claim(
        nudge(NudgeKind.THANK_YOU), person(), interview_at(NOON, thank_you=state), NOON)
    assert decision.action == "drop"
    assert state.value in decision.reason


@pytest.mark.parametrize("state", [None, ThankYou.PLANNED])
def test_at_claim_sends_a_thank_you_nudge_while_the_note_is_not_sent(
        state: ThankYou | None) -> None:
    decision = NudgePolicy(CoreConfig()).at_claim(
        nudge(NudgeKind.THANK_YOU), person(), interview_at(NOON, thank_you=state), NOON)
    assert decision.action == "send"
    assert not decision.late


@pytest.mark.parametrize(("outcome", "action"), [
    (Outcome.REJECTED, "drop"), (Outcome.OFFER, "drop"), (Outcome.CALLBACK, "send"),
    (Outcome.NO_REPLY, "send")])
def test_a_thank_you_reminder_is_not_sent_after_a_rejection_or_an_offer(
        outcome: Outcome, action: str) -> None:
    """"Send your thank-you note" the morning after a rejection would hurt."""
    decision = NudgePolicy(CoreConfig()).at_claim(
        nudge(NudgeKind.THANK_YOU), person(),
        interview_at(NOON, thank_you=ThankYou.PLANNED, outcome=outcome), NOON)
    assert decision.action == action


def test_at_claim_drops_a_reflect_prompt_when_the_reflection_is_done() -> None:
    done = interview_at(NOON, reflection_state=ReflectionState.COMPLETED)
    decision = NudgePolicy(CoreConfig()).at_claim(nudge(NudgeKind.REFLECT), person(), done,
                                                  NOON)
    assert decision.action == "drop"


@pytest.mark.parametrize("outcome, action", [
    (None, "send"), (Outcome.NO_REPLY, "send"), (Outcome.OFFER, "drop"),
    (Outcome.REJECTED, "drop"), (Outcome.CALLBACK, "drop"),
])
def test_at_claim_asks_heard_back_only_while_nothing_was_heard(outcome: Outcome | None,
                                                              action: str) -> None:
    decision = NudgePolicy(CoreConfig()).at_claim(
        nudge(NudgeKind.CHECK_IN), person(), interview_at(NOON, outcome=outcome), NOON)
    assert decision.action == action


def test_at_claim_drops_a_nudge_whose_interview_is_gone() -> None:
    decision = NudgePolicy(CoreConfig()).at_claim(nudge(NudgeKind.CHECK_IN), person(), None,
                                                  NOON)
    assert decision.action == "drop"


def test_at_claim_defers_to_the_end_of_quiet_hours() -> None:
    night = datetime(2026, 6, 10, 22, 0, tzinfo=UTC)  # 23:00 BST
    decision = NudgePolicy(CoreConfig()).at_claim(
        nudge(NudgeKind.THANK_YOU, night), person(), interview_at(NOON), night)
    assert decision.action == "defer"
    assert decision.until == datetime(2026, 6, 11, 7, 0, tzinfo=UTC)  # 08:00 BST


def test_at_claim_marks_a_nudge_late_when_it_is_well_past_due() -> None:
    policy = NudgePolicy(CoreConfig())
    due = NOON - timedelta(hours=3)
    assert policy.at_claim(nudge(NudgeKind.CHECK_IN, due), person(), interview_at(due),
                           NOON).late
    assert not policy.at_claim(nudge(NudgeKind.CHECK_IN, NOON - timedelta(minutes=5)),
                               person(), interview_at(due), NOON).late


def test_another_check_in_comes_a_week_later_until_the_last_one() -> None:
    policy = NudgePolicy(CoreConfig())
    again = policy.next_check_in(interview_at(NOON), person(), NOON, 1, seq=4)
    assert again is not None and again.due_at == NOON + timedelta(days=7)
    assert again.kind is NudgeKind.CHECK_IN
    assert again.idempotency_key.endswith(":check_in:4")  # its own key, never a reused one
    assert policy.next_check_in(interview_at(NOON), person(), NOON, 3, seq=4) is None


def test_an_interview_logged_after_its_check_in_time_still_gets_one_the_next_day() -> None:
    """Logged 9 days late (a week of silence first), it got no "heard back?" at all: the
    summary said "Reminders scheduled: None" and no follow-up was ever offered."""
    at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # Monday
    now = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)  # Wednesday the week after
    due = planned(NudgePolicy(CoreConfig()), at, person("Europe/London"), now)
    assert [local(d, LONDON) for d in due[NudgeKind.CHECK_IN]] == [("2026-06-11 10:00", "BST")]
    assert NudgeKind.THANK_YOU not in due


def test_an_interview_logged_over_30_days_late_gets_no_check_in() -> None:
    at = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    now = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    assert planned(NudgePolicy(CoreConfig()), at, person("Europe/London"), now) == {}
