"""Debrief's core service: the one entry point every adapter calls.

``handle`` turns one thing a person did into replies, inside one short transaction: the
handler validates, writes through the unit of work, and the service commits once. A
:class:`UserError` (or any failure) rolls everything back, so nothing is stored half-way.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import fields, replace
from datetime import datetime
from operator import attrgetter

from bot import copy
from bot.clock import SystemClock
from bot.config import CoreConfig
from bot.context import Context, UserError
from bot.copy.naming import employer
from bot.grammar import (
    PREFIX,
    CommandSyntaxError,
    is_command,
    parse_command,
    spec_for,
    unknown_option,
)
from bot.inbox import ClaimLost, finish_in
from bot.insights import handlers as stats
from bot.model import User
from bot.nudges import handlers as nudges
from bot.nudges.policy import NudgePolicy, user_zone
from bot.nudges.words import nudge_line
from bot.ports import ChartRenderer, Clock, StorageBusy, UnitOfWork, UnitOfWorkFactory
from bot.prep import handlers as prep
from bot.records import account
from bot.records import handlers as records
from bot.records.heard import typed_outside_a_reflection
from bot.records.said_settings import said_in_the_dm
from bot.records.small_talk import UNREAD, is_before_one, is_thanks
from bot.reflection import handlers as reflection
from bot.reflection.typed_when import company_as_typed
from bot.shortcuts import SETTING_WORDS, command_in_sentence, near_subcommand, read_shortcut
from bot.stories import handlers as stories
from bot.stories.bank import said_removal, said_story
from bot.throttle import Throttled
from bot.tips import handlers as tips
from bot.values import (
    Command,
    Destination,
    Identity,
    Incoming,
    Reply,
    clean_command,
    clean_incoming,
)

__all__ = ["Debrief"]

log = logging.getLogger(__name__)

Handler = Callable[[Context, Command], Awaitable[list[Reply]]]

HANDLERS: dict[str, Handler] = {
    "help": account.help_,
    "interview": reflection.log_interview,
    "reflect": reflection.reflect,
    "followup": records.followup,
    "draft": records.draft,
    "outcome": records.outcome,
    "nudges": nudges.nudges,
    "history": records.history,
    "tip": account.tip,
    "settings": account.settings,
    "export": account.export,
    "stats": stats.stats,
    "community": stats.community,
    "tips": tips.tips,
    "stories": stories.stories,
    "prep": prep.prep,
}


# Every field of a person, as one tuple: what ``handle`` compares after the handler to save
# the person only when something changed (a copy of the User cost more than the rest of a
# typical turn's bookkeeping).
_user_fields = attrgetter(*(f.name for f in fields(User)))


def _logs_an_interview(sentence: str) -> bool:
    """"i just had an interview at acme": a sentence about an interview that names where
    (bot.reflection.typed_when reads the company out of it)."""
    said = sentence.lower().split()
    return ("interview" in said or "interviewed" in said) and \
        company_as_typed(sentence) not in ("", sentence)


def _keep_private(replies: list[Reply], incoming: Incoming) -> list[Reply]:
    """Reflection content asked for in a channel goes to the DM, with a note where asked."""
    if incoming.in_dm or not any("private" in r.tags for r in replies):
        return replies
    out = [replace(r, destination=Destination.DM) if "private" in r.tags else r
           for r in replies]
    return [Reply(text=copy.SENT_TO_DM), *out]


def _shown_for(text: str) -> str | None:
    """The command a sentence typed with nothing open asks to be shown ("can you write my
    thank you note" -> ``draft``), else None. Deleting is never read from one there."""
    asked = command_in_sentence(text)
    return asked if asked is not None and asked.split()[0] in HANDLERS and \
        not asked.startswith("forget") else None


class Debrief:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock | None = None,
                 config: CoreConfig | None = None, charts: ChartRenderer | None = None) -> None:
        self._uow = uow_factory
        self.charts = charts  # None: /debrief stats is text only
        self.clock: Clock = clock or SystemClock()
        self.config = config or CoreConfig()
        self.policy = NudgePolicy(self.config)
        # Called with the earliest due time whenever a request scheduled nudges (the
        # composition root points it at Dispatcher.wake).
        self.on_scheduled: Callable[[datetime], None] | None = None
        self._failing = Throttled(log)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        incoming = clean_incoming(incoming)
        text = incoming.text.strip()
        command = incoming.command
        # Before the dialogue: help, quit and near-miss commands are never stored as answers.
        shortcut = read_shortcut(text) if command is None and not is_command(text) else None
        if shortcut is not None and shortcut.kind == "command":
            text = shortcut.text
        elif shortcut is not None and shortcut.kind == "help":
            command = Command("help")
        lead: list[Reply] = []
        thanked = False  # "/debrief thank you": met in kind, not as a command
        try:
            if command is None and is_command(text):
                command = parse_command(text)
        except CommandSyntaxError as exc:
            if exc.kind == "too_long":
                return [Reply(text=copy.command_too_long(2000))]
            meant = near_subcommand(exc.word)
            body = text.strip()[len(PREFIX):].strip()
            rest = body.partition(" ")[2]
            if (story := said_story(body)) is not None:  # "save this story: …"
                command = Command("stories", f"add {story}")
            elif (gone := said_removal(body)) is not None:  # "delete story 2": asks first
                command = Command("stories", f"remove {gone}")
            elif meant is None and _logs_an_interview(body):
                # "i just had an interview at acme": logged as said, the reply names it
                command = parse_command(f"{PREFIX} interview {body}")
            elif meant is None and rest and (asked := command_in_sentence(body)) is not None:
                # a sentence ("i want to cancel my reminders"): what it asks for, shown
                name, _, words = asked.partition(" ")
                command, lead = Command(name, words), [Reply(text=copy.took_sentence_as(asked))]
            elif meant is None and (is_thanks(body) or is_before_one(body)):
                thanked = True  # or nerves, or one still to come: met in kind too
            elif meant is None or meant == "forget":  # deleting everything is never guessed
                return [Reply(text=copy.unknown_subcommand(exc.word, meant,
                                                           sentence=bool(rest)))]
            else:  # "/debrief timezone berlin" keeps its word: settings timezone berlin
                if exc.word.lower() in SETTING_WORDS:
                    meant = f"{meant} {exc.word.lower()}"
                command = parse_command(f"{PREFIX} {meant} {rest}")
                lead = [Reply(text=copy.took_as(exc.word, meant))]
        if command is not None:  # names typed inside a command: nothing invisible is a name
            command = clean_command(command)
        if command is not None and incoming.command is None and (
                glued := unknown_option(command)) is not None:  # "position:Engineer"
            return [Reply(text=copy.unknown_option(*glued, command.name))]
        if command is not None and command.name == "forget":
            return await self._forget(incoming, command)
        if command is not None and command.name not in HANDLERS:
            return [Reply(text=copy.unknown_subcommand(command.name))]
        spec = spec_for(command.name) if command is not None else None
        if spec is not None and spec.admin_only and not incoming.surface.channels:
            return [Reply(text=copy.needs_a_community(spec.name))]
        try:
            async with self._uow() as uow:
                ctx, loaded = await self._context(uow, incoming)
                if thanked:  # where they typed it, with what is on record
                    said = await typed_outside_a_reflection(ctx, text[len(PREFIX):])
                    replies = [replace(said, destination=Destination.HERE)]
                elif shortcut is not None and shortcut.kind == "pause":
                    replies = await self._pause(ctx)
                elif command is None:
                    replies = await reflection.turn(ctx, text)
                    if UNREAD not in replies[0].tags:
                        pass
                    elif (in_words := await said_in_the_dm(ctx, text)) is not None:
                        replies = in_words  # "my name is Ann Lee": the command, as a button
                    elif (asked := _shown_for(text)) is not None:
                        # "can you write my thank you note?" with nothing open: the draft
                        name, _, words = asked.partition(" ")
                        replies = [Reply(text=copy.took_sentence_as(asked)),
                                   *await HANDLERS[name](ctx, Command(name, words))]
                else:
                    replies = lead + await HANDLERS[command.name](ctx, command)
                if _user_fields(ctx.user) != loaded:  # most turns change nothing about them
                    await uow.users.save(ctx.user)
                # A platform request's inbox entry is finished with its effects: a crash
                # after this commit cannot run the request again (see bot.inbox).
                claim = await finish_in(uow, self.clock.now())
                await uow.commit()
            if claim is not None:
                claim.finished = True
            if ctx.scheduled and self.on_scheduled is not None:
                self.on_scheduled(min(ctx.scheduled))
            for finish in ctx.after_commit:
                replies = await finish(replies)
            return _keep_private(replies, incoming)
        except UserError as exc:  # after "(I read `drfat` as …)": what the refusal is to
            return [*lead, Reply(text=exc.message)]
        except ClaimLost:
            log.info("another process took over this request; it answers instead")
            return []
        except StorageBusy:
            self._failing.error("the store was too busy for a %s from %s",
                                command.name if command else "dialogue turn",
                                incoming.identity)
            return [Reply(text=copy.BUSY)]
        except Exception:
            # One line a minute: a database that refuses writes fails every request.
            self._failing.error("handling a %s from %s failed",
                                command.name if command else "dialogue turn",
                                incoming.identity, exc_info=True)
            return [Reply(text=copy.TRY_AGAIN_LATER)]

    async def _context(self, uow: UnitOfWork,
                       incoming: Incoming) -> tuple[Context, tuple[object, ...]]:
        """The handler's context, and the person's fields as loaded (to save only what
        changed)."""
        now = self.clock.now()
        user = await uow.users.get_or_create(incoming.identity, created_at=now)
        loaded = _user_fields(user)
        if incoming.display_name:
            user.display_name = incoming.display_name[: self.config.max_name_length]
        if incoming.platform_timezone:
            user.platform_timezone = incoming.platform_timezone
        if incoming.channel_id and not incoming.in_dm:
            user.last_channel_id = incoming.channel_id
        return Context(uow, user, incoming, now, self.config, self.policy,
                       charts=self.charts), loaded

    @staticmethod
    async def _pause(ctx: Context) -> list[Reply]:
        """``quit``/``exit`` typed in a reflection: pause it, exactly like ``cancel``."""
        if ctx.user.active_interview_id is None:
            return [Reply(text=copy.NOTHING_TO_PAUSE)]
        return await reflection.turn(ctx, "cancel")

    async def _forget(self, incoming: Incoming, command: Command) -> list[Reply]:
        confirmed = (command.option("confirm") or command.text).strip().lower() in (
            "confirm", "yes", "true")
        if not confirmed:
            return await account.forget_ask(incoming.surface)
        try:
            async with self._uow() as uow:
                user = await uow.users.get(incoming.identity)
                if user is None or user.id is None:
                    return [Reply(text=copy.ALREADY_FORGOTTEN)]
                await uow.users.delete(user.id)
                await uow.tips.forget_creator(incoming.identity)
                await uow.commit()
        except Exception:
            log.exception("forget failed for %s", incoming.identity)
            return [Reply(text=copy.TRY_AGAIN_LATER)]
        return [Reply(text=copy.FORGET_DONE)]

    async def home(self, identity: Identity) -> Reply:
        """Upcoming reminders and recent interviews, for App Home and similar surfaces."""
        async with self._uow() as uow:
            user = await uow.users.get(identity)
            if user is None or user.id is None:
                return Reply(title="Debrief", text=copy.home_empty())
            zone = user_zone(user, self.config)
            pending = await uow.nudges.list_for_user(user.id)
            interviews = await uow.interviews.list_for_user(user.id, limit=5)
            known = {i.id: i for i in interviews if i.id is not None}
            missing = [n.interview_id for n in pending
                       if n.interview_id is not None and n.interview_id not in known]
            known.update(await uow.interviews.get_many(missing))
            lines = [nudge_line(n, known.get(n.interview_id) if n.interview_id else None, zone)
                     for n in pending[:10]]
        return copy.home_reply(lines, interviews, zone)

    async def suggest_interviews(self, identity: Identity, prefix: str) -> list[tuple[str, str]]:
        """(label, value) pairs for autocomplete: the person's interviews matching ``prefix``."""
        async with self._uow() as uow:
            user = await uow.users.get(identity)
            if user is None or user.id is None:
                return []
            interviews = await uow.interviews.list_for_user(user.id, limit=100)
        wanted = prefix.strip().lstrip("#").casefold()
        out = []
        for interview in interviews:
            label = f"#{interview.id} {employer(interview)}" + (
                f" ({interview.role})" if interview.role else "")
            if not wanted or wanted in label.casefold():
                out.append((label[:100], f"#{interview.id}"))
        return out[:25]

