"""Text as typed in chat, cleaned to go into a note: emoji, emoticons, Slack/Discord
shortcodes, odd spaces and wrapping quotes removed, curly apostrophes made plain, and
acronyms, product names, well-known employers and place names typed in lowercase written
as they are spelled ("sql" -> "SQL", "looker" -> "Looker", "google" -> "Google", "berlin"
-> "Berlin"). Used by the reference
reader, "what you bring" and the names."""

from __future__ import annotations

import re
import unicodedata

from bot.notes import lexicon
from bot.notes.places import place_names

__all__ = ["alternation", "clean_text", "known_names", "owns", "possessives"]


def alternation(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """The phrases as one regex alternation, longest first (so the longest one matches)."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_EMOTICON = re.compile(r"(?<!\w)(?:[:;=8xX][-'^]?[)(\]\[dDpP/\\|*3oO]+|<3+|\^_\^|:'\()(?!\w)")
# Not inside an address or a link: "cto@acme.com", "google.com", "acme.com/sql".
# "the ceo's vision" is the CEO's: an "'s" after it is no part of another word.
_ACRONYM_WORD = re.compile(r"(?<![\w'@./-])(?:" + alternation(lexicon.PHRASE_ACRONYMS) +
                           r")(?![\w@/-])(?!'(?!s\b))(?!\.\w)")
# Tools and well-known employers, by how they are typed in lowercase.
_KNOWN_NAMES = {**lexicon.PRODUCT_NAMES, **lexicon.COMPANY_NAMES}
# "react" and "node" are everyday words except beside the words of their trade: "5 years of
# react", "react native", "in node" (not "how I react to feedback").
_FRAMEWORK = re.compile(r"\b(?:(?:of|in|with|using|on|\+)\s+(?P<name>react|node)\b|"
                        r"(?<=(?i:react) and )(?:some )?(?P<name3>node)\b|"
                        r"(?P<name4>react)(?= and (?:some )?node\b)|"
                        r"(?P<name2>react|node)(?=\s+(?:native|js|developer|dev|components?|"
                        r"hooks|apps?|frontend|backend|projects?|code|codebase|library|stuff|skills|"
                        r"experience|knowledge|background|work)\b))")
# "go" is the verb except as a language, said beside another one or after "of"/"in"/"with"
# and ending the phrase: "some python and a bit of go", "rust and go", "5 years in go".
_GO = re.compile(r"(?:(?<=\bof )|(?<=\bin )|(?<=\bwith )|(?<=\busing )|(?<=\+ )|"
                 r"(?<=python and )|(?<=python, )|(?<=java and )|(?<=rust and )|"
                 r"(?<=kotlin and )|(?<=python & ))go(?=\s*(?:$|[,.;)]|and\b|&|\+))", re.I)
# Days and months typed in lowercase: a weekday always ("by friday"), a month where it names
# one - after "in", "by", "since", "early", "next"… or before a day ("march 3") - since
# "march" and "may" are everyday words too ("we may march on").
_WEEKDAY = re.compile(r"(?<![\w'@./-])(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                      r"sunday)(?![\w'@/-])")
_MONTH = re.compile(r"(?:(?<=\bin )|(?<=\bby )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|"
                    r"(?<=\bearly )|(?<=\blate )|(?<=\bmid )|(?<=\bnext )|(?<=\blast )|"
                    r"(?<=\bthis )|(?<=\bof )|(?<=\bend of )|(?<=\bmid-))(?:january|february|"
                    r"march|april|may|june|july|august|september|october|november|december)"
                    r"(?![\w'-])|(?:january|february|march|april|may|june|july|august|"
                    r"september|october|november|december)(?= \d{1,2}(?:st|nd|rd|th)?\b)")
# "excel" is a product unless it is the verb ("to excel at").
_PRODUCT_WORD = re.compile(r"(?<![\w'@./-])(?:" + alternation(frozenset(_KNOWN_NAMES)) +
                           r")(?![\w'@/-])(?!\.\w)(?<!excel(?= at\b| in\b))", re.I)


def known_names(text: str) -> str:
    """Acronyms, product names and places typed in lowercase, written as they are spelled
    ("sql" -> "SQL", "looker" -> "Looker", "the london office" -> "the London office",
    bot.notes.places); anything typed with a capital is left as typed."""
    text = _ACRONYM_WORD.sub(lambda m: _capitals(m.group(0)), text)
    text = _PRODUCT_WORD.sub(lambda m: _spelled(m.group(0)), text)
    text = _FRAMEWORK.sub(_framework, text)
    text = _WEEKDAY.sub(lambda m: m.group(0).capitalize(), text)
    text = _MONTH.sub(lambda m: m.group(0).capitalize(), text)
    text = _GO.sub(lambda m: "Go" if m.group(0) == "go" else m.group(0), text)
    text = _FROM_TO.sub(_tools_moved, text)
    text = _AMPERSAND_NAME.sub(lambda m: m.group(0).upper(), text)
    return place_names(text)


# Names of a few letters around "&" typed in lowercase: "at&t", "h&m", "p&g".
_AMPERSAND_NAME = re.compile(r"(?<![\w'@./-])[a-z]{1,3}&[a-z]{1,3}(?![\w'@/-])")


# A move from one tool to another ("from rails to go", "from php to node"): both are tools
# there, even the words that are everyday words elsewhere; "from home to office" is not.
_FROM_TO = re.compile(r"\bfrom (?P<a>[a-z][\w.+#-]*) to (?P<b>[a-z][\w.+#-]*)\b")
_MOVED_TOOLS = {"go": "Go", "golang": "Go", "rails": "Rails", "ruby": "Ruby", "node": "Node",
                "react": "React", "swift": "Swift", "rust": "Rust", "dart": "Dart",
                "flutter": "Flutter", "elixir": "Elixir", "perl": "Perl", "angular": "Angular",
                "vue": "Vue", "spark": "Spark"}


def _tool(word: str) -> str | None:
    return _MOVED_TOOLS.get(word) or _KNOWN_NAMES.get(word)


def _tools_moved(match: re.Match[str]) -> str:
    a, b = _tool(match.group("a")), _tool(match.group("b"))
    return f"from {a} to {b}" if a and b else match.group(0)


def _spelled(typed: str) -> str:
    """A known name as it is spelled, when typed in lowercase ("power bi"), with only a
    first capital ("Github", "React native", "Power bi": how a sentence or a phone starts
    it) or in any case as one of several words; otherwise as typed ("JAVA", "eBay")."""
    spelled = _KNOWN_NAMES.get(typed.lower(), typed)
    first_capital_only = typed[:1].isupper() and typed[1:] == typed[1:].lower()
    if typed.islower() or first_capital_only or " " in spelled:
        return spelled
    return typed


def _framework(match: re.Match[str]) -> str:
    name = next(match.group(g) for g in ("name", "name2", "name3", "name4") if match.group(g))
    return match.group(0).replace(name, name.capitalize())


def _capitals(acronym: str) -> str:
    """"sql" -> "SQL"; a plural keeps its small s ("llms" -> "LLMs", "apis" -> "APIs")."""
    if acronym.endswith("s") and acronym[:-1] in lexicon.PHRASE_ACRONYMS:
        return acronym[:-1].upper() + "s"
    return acronym.upper()


# Emoji typed as Slack/Discord shortcodes (":tada:", ":+1:"), which chat shows as pictures.
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]{1,40}:(?![\w:])", re.I)


def clean_text(text: str) -> str:
    """Emoji, emoticons, odd spaces and wrapping quotes removed; apostrophes made plain."""
    if not text.isascii():  # plain ASCII has no curly quotes, emoji or joiners to look at
        text = _without_symbols(text)
    text = _EMOTICON.sub(" ", text)
    text = _SHORTCODE.sub(" ", text)
    text = " ".join(text.split())
    while len(text) >= 2 and text[0] + text[-1] in ('""', "''", "()", "[]", "**", "__", "``"):
        text = text[1:-1].strip()
    if _shouted(text):  # "THEIR NEW WAREHOUSE IN DALLAS!!!": names come back in known_names
        text = text.lower()
    text = re.sub(r"([!?])[!?]+", r"\1", text)
    text = _NO_APOSTROPHE.sub(lambda m: _APOSTROPHE[m.group(0).lower()]
                              if m.group(0).islower() else m.group(0), text)
    text = _ITS.sub("it's", text)
    text = possessives(text)
    text = _SHORTHAND.sub(lambda m: _SHORTHANDS[m.group(0).lower()], text)
    text = _CO.sub(lambda m: m.group(0)[:-2] + "company", text)
    return _DOUBLED.sub(r"\1", text)


# Apostrophes left out on a phone keyboard, where the word can be nothing else.
_APOSTROPHE = {w.replace("'", ""): w for w in (
    "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "weren't", "haven't",
    "hasn't", "couldn't", "wouldn't", "shouldn't", "they're", "you're", "they've",
    "we've", "you've", "they'll", "that's", "what's", "there's")}
_NO_APOSTROPHE = re.compile(r"\b(?:" + "|".join(_APOSTROPHE) + r")\b", re.I)
# Chat shorthand and the commonest slips, written out for a letter ("abt their app",
# "impressed w my portfolio", "thier roadmap").
_SHORTHANDS = {"abt": "about", "alot": "a lot", "thru": "through", "ppl": "people",
               "convo": "conversation", "mgmt": "management", "w/": "with", "w/o": "without",
               "b/c": "because", "thier": "their", "teh": "the", "experince": "experience",
               "expirience": "experience", "managment": "management", "w": "with",
               "u": "you", "ur": "your", "qs": "questions", "im": "I'm", "ive": "I've",
               "bc": "because", "rly": "really", "tho": "though", "smth": "something",
               "n": "and", "r": "are", "id": "I'd"}
# "n" and "r" only where they can be nothing else: "the app n my react stuff" (a word on
# each side, not "big o of n"), "they r moving" (after a subject).
_SHORTHAND = re.compile(r"(?<![\w/'])(?:abt|alot|thru|ppl|convo|mgmt|w/o|w/|b/c|thier|teh|"
                        r"experince|expirience|managment|w(?= [a-z])|u(?![.&-]\w| of\b)|ur|"
                        r"qs|im(?= [a-z])|ive(?= [a-z])|bc|rly|tho|smth|"
                        r"(?:(?<=\bhow )|(?<=\bwhere )|(?<=\bwhat )|(?<=\bwhy )|(?<=\bif )|"
                        r"(?<=\bthink ))id(?= [a-z])|"
                        r"(?<=[a-z] )n(?= [a-z])(?! (?:of|is)\b)(?<!\bo n)|"
                        r"(?:(?<=\bthey )|(?<=\bwe )|(?<=\byou )|(?<=\bu )|(?<=\bthere )|"
                        r"(?<=\bthese )|(?<=\bthose )|(?<=\bwho ))r)(?![\w/'])", re.I)
# "3 yrs at a retail co": chat shorthand for a company ("Acme Co", "co-op" stay).
_CO = re.compile(r"\b(?:a|an|the|small|big)(?: [a-z][\w-]*){1,2} co\b(?![.'&-])")
# A possessive typed without its apostrophe: "companys" is no word ("the company's"), and
# "the teams plans" is one team's plans: a noun people mean in the singular, after "the"
# or "their", before a word that is no verb, joint or preposition ("the teams are remote"
# and "the teams working on search" stay plural).
_COMPANYS = re.compile(r"\b(compan|bod|agenc|famil)ys\b")
_OWNER_NOUNS = ("team|company|ceo|cto|cfo|coo|cpo|founder|manager|interviewer|recruiter|"
                "department|org|organisation|organization|startup|firm|agency|business|group|"
                "bank|school|hospital|store|lab|boss|division|platform|product|app")
_OWNER = re.compile(r"\b(?P<det>the|our|your|their|his|her|my|this|that)\s+"
                    r"(?P<noun>" + _OWNER_NOUNS + r")s\s+(?P<next>[a-z][\w-]*)")
_JOINTS = frozenset("""
    and or but nor are were have had has do did does will would can could should may might
    must that who which where when why how what whose in on at of for with to from by into
    onto about like across over under after before during around between behind within
    without than then so as all both each every is was be been being i we they he she you it
    there here too also not just only still even already now
""".split())
# Verbs that follow a plural subject ("the teams work closely", "the teams sit in berlin").
_PLURAL_VERBS = frozenset("""
    use work want need get seem look sit report talk say said think feel keep make run own
    lead build ship move grow hire plan spend help share love like hate know tend
""".split())
# "-ing" and "-ed" words are verbs there ("the teams working on search"), but these nouns.
_ING_NOUNS = frozenset({"onboarding", "hiring", "funding", "pricing", "branding",
                        "marketing", "tooling", "testing", "reporting", "planning",
                        "training", "engineering", "offering", "offerings", "roadmap",
                        "thinking", "messaging", "spending", "rebranding", "need", "needs"})


def possessives(text: str) -> str:
    """"the teams plans" -> "the team's plans", "the companys roadmap" -> "the company's
    roadmap": the apostrophe a phone keyboard left out, where the words say it is one."""
    text = _COMPANYS.sub(lambda m: m.group(1) + "y's", text)

    def owned(m: re.Match[str]) -> str:
        if not owns(m.group("next")):
            return m.group(0)
        return f"{m.group('det')} {m.group('noun')}'s {m.group('next')}"
    return _OWNER.sub(owned, text)


def owns(following: str, plural: bool = True) -> bool:
    """Whether the word after "teams" or "globexs" makes it an owner ("plans", "new"), not
    a plural before its joint or preposition ("are", "on"), or, where a plural can be
    meant, before its verb ("work", "working")."""
    following = following.lower()
    if following in _JOINTS:
        return False
    return not plural or (following not in _PLURAL_VERBS and not (
        following.endswith(("ing", "ed")) and following not in _ING_NOUNS))


# "why its been slow": "its" before a verb or an article is "it's".
_ITS = re.compile(r"\bits(?= (?:been|going|not|a|an|the|so|very|really|pretty|quite|got)\b)")


# A small word typed twice ("the the rollout", "to to"); "that that" and "had had" can be
# meant, so only words that never are.
# Not the start of a name: "at AT&T" and "at at&t" are no "at at" (they read "at&T").
_DOUBLED = re.compile(r"\b(the|a|an|to|of|in|on|at|for|with|about|and|our|my|your|their|"
                      r"is|was)\s+\1\b(?![&'.-]\w)", re.I)


def _shouted(text: str) -> bool:
    """Typed with caps lock on: three or more words, nearly all their letters capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and len(letters) >= 8 and \
        sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _without_symbols(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("So", "Cs", "Co") or char in "\u200d\ufe0f\ufe0e\u20e3" or \
                0x1F3FB <= ord(char) <= 0x1F3FF:
            kept.append(" ")
        else:
            kept.append(char)
    return "".join(kept)
