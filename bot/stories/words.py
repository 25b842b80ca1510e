"""Story bank words: the list, one story, confirmations and refusals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import employer
from bot.model import Interview, Outcome
from bot.stories.bank import GAP_WORDS, MAX_STORIES, SKILLS, heading, suggested_tag
from bot.stories.model import Story
from bot.values import Choice, Reply

__all__ = [
    "EMPTY_BANK",
    "added",
    "already_saved",
    "bad_tags",
    "edited",
    "gaps_line",
    "missing_story",
    "no_such_story",
    "no_undo",
    "not_a_story_yet",
    "nothing_to_edit",
    "nothing_to_save",
    "offer_to_save",
    "remove_ask",
    "removed",
    "saved_from_reflection",
    "story_detail",
    "story_list",
    "told",
    "too_many",
    "unknown_action",
    "which_story",
]

_OUTCOME = {
    Outcome.CALLBACK: "callback",
    Outcome.OFFER: "offer",
    Outcome.REJECTED: "not this time",
    Outcome.NO_REPLY: "no reply yet",
}

EMPTY_BANK = (
    "Your story bank is empty. A good story is short: what happened, what you did, and the "
    "result (in numbers if you can). Add one with\n"
    "`/debrief stories add Cut checkout latency | Our checkout was slow at peak; I profiled "
    "it and cached prices; p99 fell from 2s to 400ms.`")


def _tags(story: Story) -> str:
    return ", ".join(story.tags) if story.tags else "no skill tags yet"


def _where(story: Story, interviews: dict[int, Interview], now: datetime,
           zone: ZoneInfo) -> str:
    told = [interviews[i] for i in story.told_in if i in interviews]
    if not told:
        return "Not told in an interview yet."
    parts = []
    for interview in told:
        when = f"{interview.happens_at.astimezone(zone):%a %d %b}"
        if interview.outcome is not None:
            came = _OUTCOME[interview.outcome]
        elif interview.happens_at > now:
            came = "coming up"
        else:
            came = "waiting to hear"
        parts.append(f"{employer(interview)} ({when}): {came}")
    return "Told at " + "; ".join(parts) + "."


def gaps_line(stories: list[Story]) -> str:
    covered = {t for s in stories for t in s.tags}
    missing = [GAP_WORDS[s] for s in SKILLS if s not in covered]
    if not missing:
        return "Your bank covers every skill interviewers usually ask about."
    if len(missing) == 1:
        return f"Gap: no story about {missing[0]} yet."
    return "Gaps: no story yet about " + ", ".join(missing[:-1]) + f" or {missing[-1]}."


def story_list(stories: list[Story], interviews: dict[int, Interview], now: datetime,
               zone: ZoneInfo) -> Reply:
    lines = []
    for story in stories:
        lines.append(f"{story.number}. {heading(story.title)} - {_tags(story)}")
        lines.append(f"   {_short(story.text)}")
        lines.append(f"   {_where(story, interviews, now, zone)}")
    lines += ["", gaps_line(stories),
              "`/debrief stories <n>` shows one in full; `add`, `edit <n>`, `remove <n>`, "
              "`told <n> [interview]` change them."]
    return Reply(title="Your story bank", text="\n".join(lines), tags=frozenset({"private"}))


def story_detail(story: Story, interviews: dict[int, Interview], now: datetime,
                 zone: ZoneInfo) -> Reply:
    return Reply(
        title=f"Story {story.number}: {heading(story.title)}",
        text=(f"{story.text}\n\nSkills: {_tags(story)}\n"
              f"{_where(story, interviews, now, zone)}"),
        tags=frozenset({"private"}),
        actions=(Choice("Remove", f"/debrief stories remove {story.number}", "danger"),))


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _numbers_hint(story: Story) -> str:
    if "impact in numbers" in story.tags:
        return ""
    return (" If you can, add the result in numbers - it's what people remember "
            f"(`/debrief stories edit {story.number} …`).")


def _tag_hint(story: Story) -> str:
    """A skill the story's words hint at, offered as the tag to add; nothing when none
    does (it suggested "leadership, failure" for every story, a food bank's included)."""
    skill = suggested_tag(story.tags, story.title, story.text)
    if skill is None:
        return ""
    also = " also" if story.tags else ""
    tags = ", ".join([*story.tags, skill])
    return (f" If it's{also} a story about {GAP_WORDS[skill]}, tag it: "
            f'`/debrief stories edit {story.number} tags:"{tags}"`.')


def added(story: Story) -> str:
    return (f"Saved as story {story.number}: \"{heading(story.title)}\" ({_tags(story)})."
            f"{_numbers_hint(story)}{_tag_hint(story)}")


def already_saved(story: Story) -> str:
    return (f"You already have this one as story {story.number}: \"{heading(story.title)}\". "
            f"`/debrief stories {story.number}` shows it; `edit {story.number}` changes it.")


def saved_from_reflection(story: Story, company: str) -> str:
    return (f"Saved to your story bank as story {story.number}: \"{heading(story.title)}\" "
            f"({_tags(story)}), marked as told at {company}.{_numbers_hint(story)}"
            f"{_tag_hint(story)}")


def edited(story: Story) -> str:
    return f"Updated story {story.number}: \"{heading(story.title)}\" ({_tags(story)})."


def told(story: Story, interview: Interview, already: bool) -> str:
    if already:
        return f"Story {story.number} is already marked as told at {employer(interview)}."
    return (f"Noted: you told \"{heading(story.title)}\" at {employer(interview)}. When you "
            "hear back, the story bank shows what came of it.")


def remove_ask(story: Story) -> Reply:
    return Reply(
        text=(f"Remove story {story.number}, \"{heading(story.title)}\"? Type `/debrief stories "
              f"remove {story.number} confirm` or press the button - you can put it back "
              "afterwards if you change your mind."),
        actions=(Choice("Remove it", f"/debrief stories remove {story.number} confirm",
                        "danger"),))


def removed(story: Story) -> Reply:
    """Removing can't be undone in the bank, so the reply carries the story back: its
    button saves it again, as it was (a new number at the end)."""
    tags = f' tags:"{", ".join(story.tags)}"' if story.tags else ""
    return Reply(
        text=(f"Removed story {story.number} (\"{heading(story.title)}\"). Changed your mind? "
              "Tap \"Put it back\" to save it again. `/debrief stories` shows the rest."),
        actions=(Choice("Put it back",
                        f"/debrief stories add {story.title} | {story.text}{tags}"),))


def offer_to_save(text: str) -> Reply:
    """A story pasted in the DM with nothing open: kept only if they say so."""
    return Reply(
        text=("That reads like a story you could tell in an interview - what happened, what "
              "you did, the result. Keep it in your story bank? (Nothing is saved unless you "
              "tap the button.)"),
        actions=(Choice("Save as a story", f"/debrief stories add {text.strip()}",
                        "primary"),))


def no_undo(bank: list[Story]) -> str:
    """``stories undo``: what undoes what, with the latest story's own number."""
    latest = max(bank, key=lambda s: s.number, default=None)
    drop = (f"`/debrief stories remove {latest.number}` takes back the one you added last"
            if latest else "nothing is saved now")
    return ("There's no undo in the story bank, but nothing is lost on a slip: a removed "
            f"story's reply has a \"Put it back\" button, and {drop}.")


def no_such_story(ref: str) -> str:
    return (f"You don't have a story number {ref[:20]}. `/debrief stories` lists yours with "
            "their numbers.")


def which_story(action: str) -> str:
    return (f"Which story? Give its number from `/debrief stories`, like "
            f"`/debrief stories {action} 2`.")


def missing_story() -> str:
    return ("A story needs what happened, what you did and the result. Try "
            "`/debrief stories add <title> | <what happened, what you did, the result>`, "
            "or just tell it in one sentence. Nothing was saved.")


def nothing_to_edit(number: int) -> str:
    return (f"What should change? `/debrief stories edit {number} <new story>` replaces the "
            f"text (with `<title> | <story>` the title too), and "
            f'`/debrief stories edit {number} tags:"conflict, failure"` the skills.')


def nothing_to_save(company: str) -> str:
    return (f"Your reflection on {company} has no answer to \"what will they remember\" to "
            "save. Add a story yourself with `/debrief stories add …`.")


def not_a_story_yet(company: str) -> str:
    return (f"I didn't save that one: what you said {company} will remember is still general, "
            "and a story needs one detail (a number, a name or a result). Tell one in a "
            "sentence: `/debrief stories add <what happened, what you did, the result>`.")


def bad_tags(unknown: list[str]) -> str:
    words = ", ".join(f'"{w[:30]}"' for w in unknown[:5])
    return (f"I don't know the skill {words}. Use any of: {', '.join(SKILLS)}. "
            "Nothing was changed.")


def too_many() -> str:
    return (f"Your bank already holds {MAX_STORIES} stories, the most I keep. Remove one you "
            "no longer tell (`/debrief stories remove <n>`) first. Nothing was saved.")


def unknown_action(word: str) -> str:
    return (f"`{word[:20]}` isn't something I can do with stories. Use `/debrief stories` "
            "(list), `add`, `edit <n>`, `remove <n>`, `told <n> [interview]` or `<n>` to see "
            "one.")
