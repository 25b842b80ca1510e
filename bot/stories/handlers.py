"""``/debrief stories``: list, show, add, edit, remove and mark stories as told.

Typed forms: ``stories``, ``stories <n>``, ``stories add <title> | <story> [tags:…]``,
``stories edit <n> <story> [tags:…]``, ``stories remove <n>`` (then ``… confirm``),
``stories told <n> [interview]`` and ``stories save [interview]`` (the reflection's "what
will they remember" answer, offered after the summary). Discord gives the same as named
options (``action``, ``number``, ``text``, ``tags``).
"""

from __future__ import annotations

import re

from bot.context import Context, UserError
from bot.copy.naming import employer
from bot.model import Interview
from bot.prep.guard import still_ahead
from bot.reflection.reading import is_nothing
from bot.stories import words
from bot.stories.bank import (
    MAX_STORIES,
    MAX_TITLE,
    infer_tags,
    natural_title,
    parse_tags,
    said_story,
    split_story,
    story_named,
    worth_keeping,
)
from bot.stories.model import Story
from bot.values import Command, Reply

__all__ = ["REMEMBER_KEY", "save_from_reflection", "stories"]

# The reflection answer a story is offered from ("what will they remember about you").
REMEMBER_KEY = "remember"
_ACTIONS = ("list", "add", "edit", "remove", "told", "save")


async def stories(ctx: Context, cmd: Command) -> list[Reply]:
    action = (cmd.option("action") or "").lower().strip()
    rest = cmd.text.strip()
    if not action:
        first, _, tail = rest.partition(" ")
        if first.lower() in _ACTIONS or first.lower() in ("delete", "show"):
            action, rest = first.lower(), tail.strip()
        elif re.fullmatch(r"#?\d{1,9}", first):
            action = "show"
        elif first.lower().strip("!.") == "undo":
            raise UserError(words.no_undo(await ctx.uow.stories.list_for_user(ctx.user_id)))
        elif first:
            raise UserError(words.unknown_action(first))
    action = {"delete": "remove"}.get(action, action)
    text = cmd.option("text") or ""
    if action in ("", "list"):
        return [await _list(ctx)]
    # "stories save this story: …", "stories add this story: …": the story after it
    said = said_story(f"{action} {text or rest}") if action in ("add", "save") else None
    if action == "add" or said is not None:
        return [await _add(ctx, said or text or rest, cmd.option("tags"))]
    if action == "save":
        return [await save_from_reflection(ctx, text or rest)]
    number_text = cmd.option("number") or ""
    if not number_text:
        number_text, _, rest = rest.partition(" ")
        rest = rest.strip()
    if action not in ("show", "edit", "remove", "told"):
        raise UserError(words.unknown_action(action))
    story = await _find(ctx, number_text, action, rest if action == "remove" else "")
    if not re.fullmatch(r"#?\d{1,9}", number_text.strip()):
        rest = ""  # the words were the story's title, not what follows it
    if action == "show":
        return [await _show(ctx, story)]
    if action == "edit":
        return [await _edit(ctx, story, text or rest, cmd.option("tags"))]
    if action == "remove":
        confirmed = (text or rest).lower() in ("confirm", "yes", "sure")
        if not confirmed:
            return [words.remove_ask(story)]
        await ctx.uow.stories.delete(ctx.user_id, story.number)
        return [words.removed(story)]
    return [await _told(ctx, story, text or rest)]


async def _list(ctx: Context) -> Reply:
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    if not bank:
        return Reply(text=words.EMPTY_BANK)
    return words.story_list(bank, await _interviews(ctx, bank), ctx.now, ctx.zone)


async def _show(ctx: Context, story: Story) -> Reply:
    return words.story_detail(story, await _interviews(ctx, [story]), ctx.now, ctx.zone)


async def _interviews(ctx: Context, bank: list[Story]) -> dict[int, Interview]:
    ids = sorted({i for s in bank for i in s.told_in})
    return await ctx.uow.interviews.get_many(ids) if ids else {}


async def _find(ctx: Context, number_text: str, action: str, rest: str = "") -> Story:
    """The story by its number, "last", or a title typed in full or in part ("churn
    fix"), when only one story has it."""
    m = re.fullmatch(r"#?(\d{1,9})", number_text.strip())
    if not m:
        named = story_named(await ctx.uow.stories.list_for_user(ctx.user_id),
                            f"{number_text} {rest}")
        if named is None:
            raise UserError(words.which_story(action if action != "show" else "edit"))
        return named
    story = await ctx.uow.stories.get(ctx.user_id, int(m.group(1)))
    if story is None:
        raise UserError(words.no_such_story(m.group(1)))
    return story


def _tags(ctx: Context, tags_text: str | None, *texts: str) -> list[str]:
    if tags_text is None or not tags_text.strip():
        return infer_tags(*texts)
    known, unknown = parse_tags(tags_text)
    if unknown:
        raise UserError(words.bad_tags(unknown))
    return known


def _checked(ctx: Context, title: str, text: str) -> tuple[str, str]:
    title = ctx.check_length("story title", title, MAX_TITLE)
    text = ctx.check_length("story", text, ctx.config.max_answer_length)
    if not title or len(text.split()) < 3:
        raise UserError(words.missing_story())
    return title, text


async def _add(ctx: Context, raw: str, tags_text: str | None) -> Reply:
    parts = split_story(raw)
    title, text = _checked(ctx, parts.title, parts.text)
    tags = _tags(ctx, tags_text, title, text)
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    for kept in bank:  # the same story sent twice is kept once
        if (kept.title.casefold(), kept.text.casefold()) == (title.casefold(), text.casefold()):
            return Reply(text=words.already_saved(kept))
    if len(bank) >= MAX_STORIES:
        raise UserError(words.too_many())
    story = await ctx.uow.stories.add(Story(
        user_id=ctx.user_id, number=0, title=title, text=text, tags=tags,
        created_at=ctx.now))
    return Reply(text=words.added(story))


async def _edit(ctx: Context, story: Story, raw: str, tags_text: str | None) -> Reply:
    if not raw.strip() and not (tags_text or "").strip():
        raise UserError(words.nothing_to_edit(story.number))
    if raw.strip():
        parts = split_story(raw)
        has_title = "|" in raw or "\n" in raw.strip()
        title, text = _checked(ctx, parts.title if has_title else story.title, parts.text)
        story.title, story.text = title, text
        if not (tags_text or "").strip():
            story.tags = infer_tags(title, text)
    if (tags_text or "").strip():
        story.tags = _tags(ctx, tags_text)
    story.updated_at = ctx.now
    await ctx.uow.stories.save(story)
    return Reply(text=words.edited(story))


async def _told(ctx: Context, story: Story, ref: str) -> Reply:
    interview = await ctx.find_interview(ref) if ref else await _latest_happened(ctx)
    assert interview.id is not None
    already = interview.id in story.told_in
    if not already:
        story.told_in.append(interview.id)
        story.updated_at = ctx.now
        await ctx.uow.stories.save(story)
    return Reply(text=words.told(story, interview, already))


async def _latest_happened(ctx: Context) -> Interview:
    for interview in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50):
        if not still_ahead(ctx, interview):
            return interview
    return await ctx.find_interview(None)


async def save_from_reflection(ctx: Context, ref: str) -> Reply:
    """Save the reflection's "what will they remember" answer as a story, told there.
    Saving the same answer twice keeps one story; a generic answer ("I'm a hard worker")
    is not a story, so it is not saved (see :func:`worth_keeping`)."""
    interview = await ctx.find_interview(ref) if ref.strip() else await _latest_happened(ctx)
    assert interview.id is not None
    answer = interview.answers.get(REMEMBER_KEY)
    if not isinstance(answer, str) or is_nothing(answer):
        raise UserError(words.nothing_to_save(employer(interview)))
    if not worth_keeping(answer):
        raise UserError(words.not_a_story_yet(employer(interview)))
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    for story in bank:
        if story.source_interview_id == interview.id and story.text == answer.strip():
            return Reply(text=words.saved_from_reflection(story, employer(interview)))
    if len(bank) >= MAX_STORIES:
        raise UserError(words.too_many())
    text = answer.strip()[: ctx.config.max_answer_length]
    title = natural_title(text)[:MAX_TITLE]
    story = await ctx.uow.stories.add(Story(
        user_id=ctx.user_id, number=0, title=title, text=text, tags=infer_tags(text),
        told_in=[interview.id], source_interview_id=interview.id, created_at=ctx.now))
    return Reply(text=words.saved_from_reflection(story, employer(interview)))
