"""``StatsRepository`` contract (memory, SQLite, PostgreSQL alike) and the migration that
gives interviews their community."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.insights.patterns import CommunityFigures
from bot.model import Interview, Outcome, ReflectionState, ThankYou
from bot.ports import UnitOfWorkFactory
from bot.values import Identity
from storage import create_engine, upgrade
from storage.migrate import alembic_config

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
WINDOW = timedelta(hours=24)


async def _add(uow_factory: UnitOfWorkFactory, who: Identity, community: str | None,
               **fields: object) -> None:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create(who, created_at=NOW - 30 * DAY)
        assert user.id is not None
        values: dict[str, object] = {"happens_at": NOW - 10 * DAY, **fields}
        interview = Interview(user_id=user.id, company="Acme", logged_at=NOW - 10 * DAY,
                              community_id=community, **values)  # type: ignore[arg-type]
        await uow.interviews.add(interview)
        await uow.commit()


async def _figures(uow_factory: UnitOfWorkFactory, platform: str, community: str
                   ) -> CommunityFigures:
    async with uow_factory() as uow:
        return await uow.stats.community_figures(platform, community, now=NOW,
                                                 thank_you_window=WINDOW)


async def test_community_figures_count_one_communitys_interviews(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, bob = Identity("slack", "T1", "UANN"), Identity("slack", "T1", "UBOB")
    at = NOW - 10 * DAY + timedelta(minutes=13, seconds=27, microseconds=123456)
    # Ann: on time (23 h), completed, callback; late (25 h), offer; never sent, window over.
    await _add(uow_factory, ann, "T1", happens_at=at, thank_you_sent_at=at + timedelta(hours=23),
               reflection_state=ReflectionState.COMPLETED, outcome=Outcome.CALLBACK)
    await _add(uow_factory, ann, "T1", happens_at=at, thank_you_sent_at=at + timedelta(hours=25),
               outcome=Outcome.OFFER)
    await _add(uow_factory, ann, "T1", happens_at=at, outcome=Outcome.REJECTED)
    # Bob: exactly 24 h is on time; one still inside its window (undecided), no outcome.
    await _add(uow_factory, bob, "T1", happens_at=at, thank_you_sent_at=at + WINDOW,
               reflection_state=ReflectionState.COMPLETED, outcome=Outcome.NO_REPLY)
    await _add(uow_factory, bob, "T1", happens_at=NOW - timedelta(hours=2))
    # Not counted: another community, no community, another platform with the same id.
    await _add(uow_factory, bob, "T9", outcome=Outcome.CALLBACK)
    await _add(uow_factory, bob, None, outcome=Outcome.CALLBACK)
    await _add(uow_factory, Identity("discord", "discord", "1"), "T1", outcome=Outcome.OFFER)

    # Bob's "no reply yet" is ten days old: still waiting, so not an answer.
    assert await _figures(uow_factory, "slack", "T1") == CommunityFigures(
        people=2, interviews=5, reflections_completed=2, thank_you_decided=4,
        thank_you_on_time=2, with_outcome=3, callbacks=2, offers=1, people_with_outcome=1,
        people_thank_you_decided=2)
    assert await _figures(uow_factory, "slack", "nowhere") == CommunityFigures()
    assert (await _figures(uow_factory, "discord", "T1")).people == 1


async def test_a_note_reported_sent_without_a_time_counts_as_on_time(
        uow_factory: UnitOfWorkFactory) -> None:
    """Regression: "Already sent", answered in a reflection three days after the interview,
    used to be timestamped at the answer and so counted late."""
    ann = Identity("slack", "T1", "UANN")
    await _add(uow_factory, ann, "T1", thank_you=ThankYou.SENT, thank_you_sent_at=None,
               thank_you_source="reflection")
    await _add(uow_factory, ann, "T1", thank_you=ThankYou.SENT,
               thank_you_sent_at=NOW - 10 * DAY + timedelta(hours=30))
    figures = await _figures(uow_factory, "slack", "T1")
    assert (figures.thank_you_decided, figures.thank_you_on_time) == (2, 1)


async def test_no_reply_counts_as_an_answer_only_once_the_interview_is_closed(
        uow_factory: UnitOfWorkFactory) -> None:
    """Regression: "no reply yet" was counted as an outcome (and a failed callback) at once."""
    ann = Identity("slack", "T1", "UANN")
    await _add(uow_factory, ann, "T1", happens_at=NOW - 20 * DAY, outcome=Outcome.NO_REPLY)
    assert (await _figures(uow_factory, "slack", "T1")).with_outcome == 0
    await _add(uow_factory, ann, "T1", happens_at=NOW - 22 * DAY, outcome=Outcome.NO_REPLY)
    figures = await _figures(uow_factory, "slack", "T1")
    assert (figures.with_outcome, figures.callbacks) == (1, 0)


async def test_interviews_keep_their_profile_and_who_marked_the_note(
        uow_factory: UnitOfWorkFactory) -> None:
    ann = Identity("slack", "T1", "UANN")
    await _add(uow_factory, ann, "T1", role="Data Analyst", job_field="data",
               seniority="mid", location="Remote", source="referral", stage="final",
               thank_you=ThankYou.SENT, thank_you_source="reflection")
    async with uow_factory() as uow:
        user = await uow.users.get(ann)
        assert user is not None and user.id is not None
        (interview,) = await uow.interviews.list_for_user(user.id)
        assert (interview.job_field, interview.seniority, interview.location,
                interview.source, interview.stage, interview.thank_you_source) == (
            "data", "mid", "Remote", "referral", "final", "reflection")
        interview.stage, interview.thank_you_source = "later", None
        await uow.interviews.save(interview)
        await uow.commit()
    async with uow_factory() as uow:
        (again,) = await uow.interviews.list_for_user(user.id)
    assert (again.stage, again.thank_you_source, again.source) == ("later", None, "referral")


async def test_community_groups_count_callbacks_and_people_per_factor(
        uow_factory: UnitOfWorkFactory) -> None:
    """The same counts from memory, SQLite and PostgreSQL: per group, only interviews with
    a known answer, their callbacks and the distinct people behind them."""
    people = [Identity("slack", "T1", f"U{n}") for n in range(3)]
    on_time = NOW - 10 * DAY + timedelta(hours=3)
    rows: list[tuple[Identity, dict[str, object]]] = [
        (people[0], {"source": "referral", "job_field": "Data", "outcome": Outcome.CALLBACK,
                     "answers": {"fit": "5"}, "thank_you_sent_at": on_time}),
        (people[0], {"source": "referral", "job_field": "data", "outcome": Outcome.OFFER,
                     "answers": {"fit": "4"}, "thank_you": ThankYou.SENT}),  # undated
        (people[1], {"source": "referral", "location": " Remote", "outcome": Outcome.REJECTED,
                     "answers": {"fit": "2"}}),
        (people[2], {"source": "application", "stage": "final", "seniority": "mid",
                     "outcome": Outcome.REJECTED, "answers": {"fit": "3"}}),
        # Not counted: no answer yet (no outcome; "no reply" still open).
        (people[2], {"source": "application", "answers": {"fit": "5"}}),
        (people[1], {"source": "application", "outcome": Outcome.NO_REPLY,
                     "happens_at": NOW - 3 * DAY}),
    ]
    for who, fields in rows:
        await _add(uow_factory, who, "T1", **fields)
    async with uow_factory() as uow:
        groups = await uow.stats.community_groups("slack", "T1", now=NOW,
                                                  thank_you_window=WINDOW)
    assert [(g.factor.value, g.value, g.people, g.interviews, g.callbacks) for g in groups] == [
        ("field", "data", 1, 2, 2),
        ("fit", "good", 1, 2, 2),
        ("fit", "other", 2, 2, 0),
        ("source", "application", 1, 1, 0),
        ("source", "referral", 2, 3, 2),
        ("thank_you", "not_on_time", 2, 2, 0),
        ("thank_you", "on_time", 1, 2, 2),
        ("stage", "final", 1, 1, 0),
        ("seniority", "mid", 1, 1, 0),
        ("location", "remote", 1, 1, 0),
    ]


async def test_interviews_keep_their_community(uow_factory: UnitOfWorkFactory) -> None:
    who = Identity("discord", "discord", "7")
    await _add(uow_factory, who, "G1")
    async with uow_factory() as uow:
        user = await uow.users.get(who)
        assert user is not None and user.id is not None
        (interview,) = await uow.interviews.list_for_user(user.id)
    assert interview.community_id == "G1"


async def test_the_migration_gives_old_slack_interviews_their_workspace_not_discord_ones(
        tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)

    def to_0001(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), "0001")

    try:
        async with engine.begin() as connection:
            await connection.run_sync(to_0001)
            for uid, platform, workspace in ((1, "slack", "T1"), (2, "discord", "discord")):
                await connection.execute(text(
                    "INSERT INTO users (id, platform, workspace_id, user_id, created_at) "
                    "VALUES (:id, :p, :w, :u, '2026-01-01 00:00:00')"),
                    {"id": uid, "p": platform, "w": workspace, "u": f"U{uid}"})
                await connection.execute(text(
                    "INSERT INTO interviews (user_id, company, happens_at, logged_at, "
                    "reflection_state, answers) VALUES (:id, 'Acme', '2026-01-02 00:00:00', "
                    "'2026-01-02 00:00:00', 'open', '{}')"), {"id": uid})
        await upgrade(url)
        async with engine.connect() as connection:
            rows = (await connection.execute(text(
                "SELECT user_id, community_id FROM interviews ORDER BY user_id"))).all()
    finally:
        await engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "T1"), (2, None)]
