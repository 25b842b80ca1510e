"""The StoryRepository and PrepRepository contract on memory, SQLite and PostgreSQL.

Runs once per backend through the parametrized ``uow_factory`` fixture: the story bank
and prep are unit-tested on memory, so memory must behave like SQL where it matters
(per-person numbers, unique keys, JSON lists, aware times, transactions, forget).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.model import Interview
from bot.ports import UnitOfWorkFactory
from bot.stories.model import Prep, Story
from bot.values import Identity

T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
ANN = Identity("console", "local", "ann")
BOB = Identity("console", "local", "bob")


async def person(f: UnitOfWorkFactory, who: Identity = ANN) -> tuple[int, int]:
    """A person with one interview: (user id, interview id)."""
    async with f() as uow:
        user = await uow.users.get_or_create(who, created_at=T0)
        assert user.id is not None
        interview = await uow.interviews.add(Interview(
            user_id=user.id, company="Acme", happens_at=T0, logged_at=T0))
        await uow.commit()
    assert interview.id is not None
    return user.id, interview.id


def story(user_id: int, title: str = "Cut latency", **kw: object) -> Story:
    values: dict[str, object] = {"user_id": user_id, "number": 0, "title": title,
                                 "text": "Our API was slow; I profiled it; p99 fell 40%.",
                                 "created_at": T0}
    values.update(kw)
    return Story(**values)  # type: ignore[arg-type]


async def add(f: UnitOfWorkFactory, item: Story) -> Story:
    async with f() as uow:
        saved = await uow.stories.add(item)
        await uow.commit()
    return saved


async def test_stories_are_numbered_per_person_and_round_trip(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, interview = await person(uow_factory)
    bob, _ = await person(uow_factory, BOB)
    first = await add(uow_factory, story(ann, tags=["impact in numbers"], told_in=[interview],
                                         source_interview_id=interview))
    second = await add(uow_factory, story(ann, "Led the migration"))
    bobs = await add(uow_factory, story(bob, "Bob's story"))
    assert (first.number, second.number, bobs.number) == (1, 2, 1)
    async with uow_factory() as uow:
        loaded = await uow.stories.get(ann, 1)
        mine = await uow.stories.list_for_user(ann)
        nobody = await uow.stories.get(bob, 2)
    assert loaded == first
    assert loaded is not None
    assert loaded.tags == ["impact in numbers"] and loaded.told_in == [interview]
    assert loaded.created_at == T0 and loaded.created_at.tzinfo is not None
    assert [s.title for s in mine] == ["Cut latency", "Led the migration"]
    assert nobody is None


async def test_a_saved_story_keeps_its_number_owner_and_creation_time(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, interview = await person(uow_factory)
    saved = await add(uow_factory, story(ann))
    saved.title, saved.text = "New title", "New text"
    saved.tags, saved.told_in = ["failure"], [interview]
    saved.updated_at = T0 + timedelta(hours=1)
    async with uow_factory() as uow:
        await uow.stories.save(saved)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.stories.get(ann, 1)
    assert loaded is not None
    assert (loaded.title, loaded.text, loaded.tags, loaded.told_in) == (
        "New title", "New text", ["failure"], [interview])
    assert loaded.updated_at == T0 + timedelta(hours=1)


async def test_delete_removes_one_story_and_says_whether_it_existed(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, _ = await person(uow_factory)
    await add(uow_factory, story(ann, "one"))
    await add(uow_factory, story(ann, "two"))
    async with uow_factory() as uow:
        assert await uow.stories.delete(ann, 1) is True
        assert await uow.stories.delete(ann, 1) is False
        assert await uow.stories.delete(ann, 99) is False
        await uow.commit()
    async with uow_factory() as uow:
        assert [s.number for s in await uow.stories.list_for_user(ann)] == [2]


async def test_a_story_added_without_commit_is_not_stored(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, _ = await person(uow_factory)
    async with uow_factory() as uow:
        await uow.stories.add(story(ann))
    async with uow_factory() as uow:
        assert await uow.stories.list_for_user(ann) == []


async def test_a_prep_is_one_per_interview_and_round_trips(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, interview = await person(uow_factory)
    async with uow_factory() as uow:
        saved = await uow.preps.save(Prep(user_id=ann, interview_id=interview, created_at=T0,
                                          checked=["company"], questions=["Why now?"]))
        await uow.commit()
    assert saved.id is not None
    saved.stories, saved.practised, saved.asked_questions = [1, 3], True, False
    saved.checked.append("interviewer")
    async with uow_factory() as uow:
        await uow.preps.save(saved)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.preps.get(ann, interview)
        other = await uow.preps.get(ann + 1000, interview)
    assert loaded == saved
    assert other is None  # never someone else's
    async with uow_factory() as uow:
        assert await uow.preps.list_for_user(ann) == [saved]
        assert await uow.preps.list_for_user(ann + 1000) == []


async def test_forget_deletes_the_persons_stories_and_preps(
        uow_factory: UnitOfWorkFactory) -> None:
    ann, interview = await person(uow_factory)
    bob, _ = await person(uow_factory, BOB)
    await add(uow_factory, story(ann))
    await add(uow_factory, story(bob))
    async with uow_factory() as uow:
        await uow.preps.save(Prep(user_id=ann, interview_id=interview, created_at=T0))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.users.delete(ann)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.stories.list_for_user(ann) == []
        assert await uow.preps.get(ann, interview) is None
        assert len(await uow.stories.list_for_user(bob)) == 1
