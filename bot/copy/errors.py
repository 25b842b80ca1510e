"""Errors for bad input: what was not understood, what to type instead, and that nothing
was saved half-way (DESIGN: "Bad input gets a clear, friendly error")."""

from __future__ import annotations

__all__ = [
    "bad_area",
    "bad_duration",
    "bad_quiet_hours",
    "bad_setting",
    "bad_time",
    "bad_timezone",
    "command_too_long",
    "missing_company",
    "needs_a_community",
    "no_such_interview",
    "no_such_nudge",
    "snooze_out_of_range",
    "text_too_long",
    "unknown_nudge_action",
    "unknown_subcommand",
    "when_out_of_range",
    "which_nudge",
    "zone_from_abbreviation",
]


def needs_a_community(name: str) -> str:
    return (f"`/debrief {name}` works in a community with channels - a Slack workspace or "
            "a Discord server - and there are none here.")


def unknown_subcommand(word: str, meant: str | None = None) -> str:
    if meant:
        return (f"I don't know the command `{word[:40]}` - did you mean "
                f"`/debrief {meant}`?")
    return (f"I don't know the command `{word[:40]}`. Type `/debrief help` to see "
            "everything I can do.")


def command_too_long(limit: int) -> str:
    return f"That command is too long for me (over {limit} characters). Please shorten it."


def text_too_long(what: str, limit: int, length: int) -> str:
    return (f"That {what} is {length} characters; I keep at most {limit}. "
            "Please shorten it and send it again - nothing was saved.")


def missing_company() -> str:
    return ("Which company was it? Try `/debrief interview Acme` - you can add "
            '`when:"tomorrow 3pm"`, `role:"Data Analyst"` and `interviewer:"Jane Doe"`.')


def bad_time(text: str) -> str:
    return (f"I couldn't read the time \"{text[:60]}\". Try `now`, `2h ago`, "
            "`in 90 minutes`, `today 14:00`, `tomorrow at 3pm`, `next monday`, `fri 10:30`, "
            "`Dec 4 10:30` or `2026-12-01 10:00` (in your timezone). Nothing was saved.")


def bad_duration(text: str) -> str:
    return (f"I couldn't read \"{text[:60]}\" as a time to snooze to. Try `30m`, "
            "`2 hours`, `1d`, `tomorrow` (09:00), `tomorrow 9:00` or `next monday`.")


def bad_timezone(text: str, suggestions: tuple[str, ...] = ()) -> str:
    if suggestions:
        names = " or ".join(f"`{name}`" for name in suggestions)
        return (f"I don't know the timezone \"{text[:60]}\" - did you mean {names}? "
                "Nothing was changed.")
    return (f"I don't know the timezone \"{text[:60]}\". Use a city such as `berlin` or "
            "`new york`, or an IANA name such as `Europe/Berlin`, `America/New_York` or "
            "`Asia/Kolkata`. Nothing was changed.")


def zone_from_abbreviation(abbreviation: str, zone: str) -> str:
    return (f"(I read \"{abbreviation[:10]}\" as {zone}: the local time there all year, "
            "summer time included. If you meant somewhere else, set its city, e.g. "
            "`/debrief settings timezone phoenix`.)")


def bad_quiet_hours(text: str) -> str:
    return (f"I couldn't read \"{text[:60]}\" as quiet hours. Use a range such as "
            "`22:00-08:00`, or `off`. Nothing was changed.")


def no_such_interview(ref: str) -> str:
    return (f"I couldn't find an interview matching \"{ref[:60]}\". "
            "`/debrief history` lists yours with their numbers (#).")


def no_such_nudge(ref: str) -> str:
    return (f"I couldn't find a scheduled reminder #{ref[:20]}. "
            "`/debrief nudges` lists them with their numbers.")


def when_out_of_range(text: str) -> str:
    return (f"\"{text[:60]}\" is too far away: I can log interviews from the last 90 days up "
            "to a year ahead. Nothing was saved.")


def unknown_nudge_action(word: str) -> str:
    return (f"`{word[:20]}` isn't something I can do with reminders. Use "
            "`/debrief nudges` (list), `/debrief nudges cancel <#>` or "
            "`/debrief nudges snooze <#> 2h`.")


def which_nudge() -> str:
    return ("Which reminder? Give its number from `/debrief nudges`, like "
            "`/debrief nudges cancel 12`.")


def snooze_out_of_range() -> str:
    return "I can snooze a reminder to any time in the next 30 days. Nothing was changed."


def bad_area(word: str) -> str:
    return (f"I don't have tips for \"{word[:40]}\". Pick one of: stand out, follow up, "
            "professional, prepared, right jobs.")


def bad_setting(word: str) -> str:
    return (f"I can't change \"{word[:40]}\". Try `/debrief settings timezone Europe/Berlin`, "
            "`/debrief settings quiet 22:00-08:00` (or `quiet off`) or `/debrief settings name "
            "Ann Lee`.")
