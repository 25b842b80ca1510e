"""Tools and skills typed one after another without commas, as a list a letter would write.

On a phone "what do you bring" comes as "python sql" or "6 yrs spark airflow dbt"; in a
note that reads "my Python SQL". A run of two or more known tools with only spaces between
them is one list: "Python and SQL", "Spark, Airflow and dbt" (and, when the answer's own
list goes on after it, "SQL, Python and stakeholder management"). A word that is a tool
only beside its trade ("spark", "react", "node", "swift") counts in a run that holds a
name that is only ever a tool, or in a run of three. A known name of several words stays
one ("power bi", "spark sql", "react native"). Nothing is added but the commas and the "and".
"""

from __future__ import annotations

import re

from bot.notes import lexicon

__all__ = ["listed_skills", "tool_in_a_list"]

# Skill acronyms that are things one works in (not "ceo", "q3", "cv").
_SKILL_ACRONYMS = frozenset({
    "sql", "aws", "gcp", "html", "css", "php", "vba", "spss", "dax", "jql", "nlp", "ml",
    "ai", "etl", "sas", "hplc", "pcr", "lims", "gis", "cad", "fea", "seo", "sem",
})
# Tools whose name is an everyday word too: a tool beside another tool only.
_TRADE_WORDS = {"spark": "Spark", "react": "React", "node": "Node", "swift": "Swift",
                "ruby": "Ruby", "rails": "Rails", "pandas": "pandas", "r": "R",
                "redux": "Redux", "unity": "Unity", "flutter": "Flutter", "dart": "Dart",
                "perl": "Perl", "bash": "Bash", "git": "Git", "cypress": "Cypress",
                "playwright": "Playwright", "selenium": "Selenium", "jest": "Jest",
                "mocha": "Mocha"}
_LONGEST = 3


def _written(words: list[str]) -> tuple[str, bool] | None:
    """How the words are written as one tool, and whether they are only ever a tool."""
    typed = " ".join(words).lower()
    if typed in lexicon.PRODUCT_NAMES:
        return lexicon.PRODUCT_NAMES[typed], True
    if typed in _SKILL_ACRONYMS:
        return typed.upper(), True
    if typed in _TRADE_WORDS:
        return _TRADE_WORDS[typed], False
    return None


def _tokens(text: str) -> list[tuple[int, int, str, bool] | None]:
    """Each word's span: (start, end, written, sure) for a tool (the longest known name at
    that place), None for any other word."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[\w+#./-]*[\w+#]", text)]
    found: list[tuple[int, int, str, bool] | None] = []
    index = 0
    while index < len(spans):
        for size in range(min(_LONGEST, len(spans) - index), 0, -1):
            words = [text[a:b] for a, b in spans[index:index + size]]
            known = _written(words)
            if known is not None:
                found.append((spans[index][0], spans[index + size - 1][1], *known))
                index += size
                break
        else:
            found.append(None)
            index += 1
    return found


_GOES_ON = re.compile(r"\s*(?:,|&|\+|\band\b|\bplus\b)", re.I)


def listed_skills(text: str) -> str:
    """"python sql" -> "Python and SQL"; "spark airflow dbt" -> "Spark, Airflow and dbt";
    anything else stays as typed."""
    tokens = _tokens(text)
    out: list[str] = []
    run: list[tuple[int, int, str, bool]] = []
    position = 0
    for token in [*tokens, None]:
        if token is not None and (not run or text[run[-1][1]:token[0]] == " "):
            run.append(token)
            continue
        # three in a row are tools whatever else they name ("cypress playwright selenium")
        if len(run) >= 3 or (len(run) == 2 and any(sure for *_, sure in run)):
            names = [written for _, _, written, _ in run]
            goes_on = _GOES_ON.match(text, run[-1][1]) is not None
            joined = ", ".join(names) if goes_on else \
                ", ".join(names[:-1]) + " and " + names[-1]
            out.append(text[position:run[0][0]] + joined)
            position = run[-1][1]
        run = [token] if token is not None else []
    out.append(text[position:])
    return "".join(out)


def tool_in_a_list(text: str) -> bool:
    """Whether ``text`` opens with a trade word written as a tool in a list ("React,
    TypeScript and GraphQL"), whose capital is the tool's, not the sentence's."""
    first = re.match(r"([\w+#]+)(?=,| and )", text)
    return first is not None and _TRADE_WORDS.get(first.group(1).lower()) == first.group(1)
