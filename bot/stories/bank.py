"""Reading a story as people type it, and the skills it shows.

How a story is typed (``/debrief stories add …``):

* ``<title> | <what happened, what you did, the result>``: the ``|`` separates them;
* or the title on the first line and the story on the lines after it;
* or a short title and a colon: ``conflict with pm: we disagreed on scope, …`` (up to
  :data:`COLON_TITLE_WORDS` words before the first ``:``);
* or one natural sentence: the title is its first clause (up to the first ``.``, ``;``,
  ``!``, ``?``, `` - `` or ``,``; at most 60 characters, cut at a word), the story the whole
  sentence.

Limits: a title at most 100 characters, a story at most 1,000, at most 50 stories per
person. Skill tags come from the words used (below) and can be set by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.notes import lexicon
from bot.notes.people import job_acronyms
from bot.notes.written import as_written
from bot.reflection.reading import specifics
from bot.stories.model import Story

__all__ = [
    "GAP_WORDS",
    "MAX_STORIES",
    "MAX_TITLE",
    "NATURAL_TITLE",
    "SKILLS",
    "StoryText",
    "heading",
    "infer_tags",
    "looks_like_story",
    "parse_tags",
    "said_removal",
    "said_story",
    "split_story",
    "story_named",
    "suggested_tag",
    "worth_keeping",
]

MAX_TITLE = 100
MAX_STORIES = 50
NATURAL_TITLE = 60
COLON_TITLE_WORDS = 6

# The skills a small bank should cover (COACHING.md), in the order they are shown.
SKILLS: tuple[str, ...] = ("impact in numbers", "leadership", "conflict", "failure",
                           "learning fast")

# How a gap reads in "no story about … yet".
GAP_WORDS: dict[str, str] = {
    "impact in numbers": "a result you can put in numbers",
    "leadership": "leading or influencing others",
    "conflict": "a disagreement you worked through",
    "failure": "a failure and what you learned",
    "learning fast": "learning something fast",
}

_SKILL_WORDS: dict[str, re.Pattern[str]] = {
    "impact in numbers": re.compile(
        r"(?:[$€£]\s?\d|\d[\d,.]*\s?(?:%|percent|x\b|k\b|m\b|ms\b|h\b|hrs?\b|hours?|days?|weeks?|"
        r"months?|minutes?|mins?|seconds?|secs?|users?|customers?|people|clients?|sales|"
        r"revenue|dollars|euros?|pounds?)"
        r"|\b(?:doubled|tripled|halved)\b"
        # a number in words ("renewed for two years", "three launches on time"), not a
        # delay ("slipped two weeks" is the failure, not its result)
        r"|(?<!slipped )(?<!slipped by )(?<!delayed )(?<!delayed by )(?<!late by )"
        r"(?<!behind by )(?<!lost )(?<!wasted )\b(?:two|three|four|five|six|seven|eight|"
        r"nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|a hundred|hundreds of|a thousand|thousands of|millions of)\s+"
        r"(?:more\s+|new\s+|other\s+)?(?:times|x|hours?|days?|weeks?|months?|years?|users?|"
        r"customers?|people|clients?|teams?|launches|releases|projects|accounts|deals|"
        r"sales|hires|percent)\b)", re.IGNORECASE),
    "leadership": re.compile(
        r"\b(?:led|lead|leading|managed|mentored|coached|organi[sz]ed|drove|convinced|"
        r"persuaded|influenced|rallied|took (?:charge|ownership|the lead)|delegated|"
        r"coordinated|spearheaded|championed|"
        r"my team)\b", re.IGNORECASE),
    "conflict": re.compile(
        r"\b(?:conflict|disagree\w*|push(?:ed)? ?back|argu\w+|tension|clash\w*|"
        r"escalat\w+|difficult (?:stakeholder|colleague|customer|client|manager)|"
        r"compromise)\b", re.IGNORECASE),
    "failure": re.compile(
        # "cut failed payments by 30%" is a result, not a failure of theirs
        r"\b(?:fail(?:ed|ure|ures|ing|s)?\b(?!\s+(?:payments?|transactions?|tests?|builds?|"
        r"jobs?|logins?|orders?|deploy\w*|requests?|calls?|checks?|charges?)\b)|mistake\w*|"
        r"went wrong|got it wrong|missed|broke|outage|setback|lesson|learn(?:ed|t) from|"
        r"screwed up|messed up)\b", re.IGNORECASE),
    "learning fast": re.compile(
        r"\b(?:taught myself|picked up|new to|ramp(?:ed)? up|first time|never used|"
        r"crash course|learn(?:ed|t) (?:\w+ )?(?:in|within) (?:a|one|two|\d+)|"
        r"quickly learn\w*|learn(?:ed|t) quickly)\b", re.IGNORECASE),
}

# Words that hint at a skill without showing it for sure: the saved message suggests the
# tag ("If it's also a story about a disagreement you worked through, …") rather than
# setting it. Numbers are not suggested: the message asks for them in its own words.
_HINT_WORDS: dict[str, re.Pattern[str]] = {
    "leadership": re.compile(
        r"\b(?:helped|onboard\w*|trained|taught (?!myself)|owned|initiative|proposed|"
        r"pitched|buy-?in|aligned|stakeholders?|set up|introduced|"
        r"got (?:everyone|the team|them)|our team|the team|a team)\b", re.IGNORECASE),
    "conflict": re.compile(
        r"\b(?:pm|product manager|client|complain\w*|objections?|concerns?|negotiat\w*|"
        r"trade-?offs?|deadline|scope|frustrat\w*|upset|angry|difficult|convinc\w*|"
        r"persuad\w*)\b", re.IGNORECASE),
    "failure": re.compile(
        r"\b(?:late|delay\w*|bugs?|incident|post-?mortem|retro\w*|rolled back|rollback|"
        r"wrong|didn'?t work|lost|regret\w*|slipped|underestimated|overlooked|"
        r"should have|shouldn'?t have)\b", re.IGNORECASE),
    "learning fast": re.compile(
        r"\b(?:new|first|learn(?:ed|t|ing)|course|certificat\w*|self-?taught|ramp\w*|"
        r"unfamiliar|stepped in|covered for|took over|overnight)\b", re.IGNORECASE),
}


def suggested_tag(story_tags: list[str], *texts: str) -> str | None:
    """The skill the story's words hint at most (ties in ``SKILLS`` order) that it is not
    tagged with yet, or None."""
    joined = " ".join(texts)
    hits = {skill: len(pattern.findall(joined)) for skill, pattern in _HINT_WORDS.items()
            if skill not in story_tags}
    best = max((n for n in hits.values()), default=0)
    return next((s for s in SKILLS if hits.get(s) == best), None) if best else None


# What people may type for a skill (`tags:"numbers, lead"`).
_TAG_WORDS: dict[str, str] = {s: s for s in SKILLS} | {
    "impact": "impact in numbers", "numbers": "impact in numbers",
    "metrics": "impact in numbers", "results": "impact in numbers",
    "lead": "leadership", "leading": "leadership", "influence": "leadership",
    "disagreement": "conflict", "conflicts": "conflict",
    "fail": "failure", "failures": "failure", "mistake": "failure",
    "learning": "learning fast", "learn fast": "learning fast",
    "learning quickly": "learning fast", "fast learning": "learning fast",
}


@dataclass(frozen=True, slots=True)
class StoryText:
    title: str
    text: str


def split_story(raw: str) -> StoryText:
    """Title and story from what was typed (see the module docstring). Either may be
    empty when nothing usable was typed; the caller says what is missing."""
    raw = raw.strip()
    if "|" in raw:
        title, _, text = raw.partition("|")
        return StoryText(_one_line(title), text.strip())
    if "\n" in raw:
        title, _, text = raw.partition("\n")
        return StoryText(_one_line(title), text.strip())
    title, colon, text = raw.partition(": ")
    if colon and text.strip() and len(title.split()) <= COLON_TITLE_WORDS \
            and not re.search(r"[.;!?,]", title):
        return StoryText(_one_line(title), text.strip())
    return StoryText(natural_title(raw), raw)


_AND_THEN = re.compile(r"\s+(?:and|but|so|which|because|then|after|before|when|while)\s+",
                      re.I)


def natural_title(sentence: str) -> str:
    """The first clause of a sentence, at most ``NATURAL_TITLE`` characters: cut at
    punctuation, else at the last "and", "but", "so" … that leaves a title that fits
    ("i migrated our reporting from excel to looker and cut the weekly report…" -> "i
    migrated our reporting from excel to looker"), else at a word."""
    first = re.split(r"[.;!?]\s|,\s| - | – ", sentence.strip() + " ", maxsplit=1)[0].strip()
    first = first.rstrip(".;!?,")
    if len(first) <= NATURAL_TITLE:
        return first
    heads = [first[:m.start()] for m in _AND_THEN.finditer(first)
             if 3 <= len(first[:m.start()].split()) and m.start() <= NATURAL_TITLE]
    if heads:
        return heads[-1].rstrip(",;:-")
    cut = first[:NATURAL_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


# Names spelled with a small first letter ("dbt", "iOS", "eBay"): a title keeps them so.
_SMALL_FIRST = frozenset(name for name in (*lexicon.PRODUCT_NAMES.values(),
                                           *lexicon.COMPANY_NAMES.values())
                         if name[:1].islower())


def heading(title: str) -> str:
    """A story's title as shown, read cleanly without changing what was saved: "i migrated
    our reporting from excel to looker" -> "I migrated our reporting from Excel to
    Looker", "conflict with pm" -> "Conflict with PM" (tools, places, "I", a first
    capital); a title typed with its own capitals keeps them."""
    text = job_acronyms(as_written(title))
    first = text.split(" ", 1)[0]
    if text[:1].islower() and first not in _SMALL_FIRST:
        text = text[:1].upper() + text[1:]
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


# "save this story: …", "add a story - …", "new story: …", "story: …": a story typed as a
# message of its own, in the DM or after /debrief.
_SAVE_THIS = re.compile(
    r"^(?:(?:please|pls|can you|could you|hey)\s+)*(?:(?:save|add|keep|store|remember|log|"
    r"record)\s+)?(?:(?:this|that|a|my|the|new|one)\s+)?(?:story|stories)\s*"
    r"(?:[:\-–—]\s*|for me:?\s+)(?P<story>\S.*)$", re.IGNORECASE | re.DOTALL)
_SAVE_WORDS = re.compile(r"^\W*(?:(?:please|pls|can you|could you|hey)\s+)*(?:save|add|keep|"
                         r"store|remember|log|record|new)\b|^\W*story\s*:", re.IGNORECASE)


def said_story(text: str) -> str | None:
    """The story in a message that asks to save it ("save this story: when our biggest
    client …"), else None."""
    found = _SAVE_THIS.match(text.strip())
    if found is None or not _SAVE_WORDS.match(text.strip()):
        return None
    return found.group("story").strip()


_PAST = re.compile(r"\b(?:i|we)\b[^.!?]*\b(?:\w{3,}ed|did|made|built|led|cut|got|took|ran|won|"
                   r"grew|wrote|set|taught|found|brought|sold|kept|fixed)\b", re.IGNORECASE)
# A paragraph this long, told in the first person and the past, with something specific in
# it, pasted in the DM with nothing open: a story to offer to keep, never saved unasked.
STORY_WORDS = 25


def looks_like_story(text: str) -> bool:
    return (len(text.split()) >= STORY_WORDS and bool(_PAST.search(text))
            and worth_keeping(text))


_REMOVE_THIS = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|i want to|i'?d like to)\s+)*(?:delete|remove|drop|"
    r"get rid of)\s+(?:(?:my|the|this|that)\s+)?(?P<last>(?:last|latest|newest)\s+)?"
    r"stor(?:y|ies)\b\s*(?P<ref>[^.!?]*)[.!?]*$", re.IGNORECASE)


def said_removal(text: str) -> str | None:
    """The story a message asks to remove ("delete story 2" -> "2", "remove my last story"
    -> "last"), else None. Removing still asks first."""
    found = _REMOVE_THIS.match(text.strip())
    if found is None:
        return None
    ref = found.group("ref").strip().lstrip("#")
    return "last" if found.group("last") and not ref else ref or None


def story_named(bank: list[Story], said: str) -> Story | None:
    """The one story ``said`` names: "last" (the newest), or words of its title ("churn
    fix"); None when none or several do."""
    wanted = " ".join(said.split()).strip(" \"'").casefold()
    if wanted in ("last", "latest", "newest", "last one"):
        return max(bank, key=lambda s: s.number, default=None)
    named = [s for s in bank if wanted and wanted in " ".join(s.title.split()).casefold()]
    return named[0] if len(named) == 1 else None


def infer_tags(*texts: str) -> list[str]:
    """The skills the words show, in ``SKILLS`` order."""
    joined = " ".join(texts)
    return [skill for skill in SKILLS if _SKILL_WORDS[skill].search(joined)]


def parse_tags(text: str) -> tuple[list[str], list[str]]:
    """(known skills in ``SKILLS`` order, words that name none) from ``"lead, failure"``."""
    found: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[,;/]|\band\b", text):
        word = " ".join(part.lower().strip(" .#").split())
        if not word:
            continue
        skill = _TAG_WORDS.get(word)
        if skill is None:
            unknown.append(word)
        else:
            found.add(skill)
    return [s for s in SKILLS if s in found], unknown


def worth_keeping(answer: object) -> bool:
    """Whether an answer reads like a story to tell again: a few words with something
    specific in them (a number, a named thing, a result), judged as the reflection judges
    "what will they remember" (:func:`bot.reflection.reading.specifics`). "I'm a hard
    worker", "idk" and "it went fine" are not stories, so they are never offered or saved."""
    return (isinstance(answer, str) and len(answer.split()) >= 3
            and specifics(answer).specific)
