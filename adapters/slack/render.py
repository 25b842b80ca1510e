"""The core's :class:`~bot.values.Reply` as Slack Block Kit, escaped so it can never ping.

Escaping rules (the core's text may contain what people typed):

* ``&``, ``<`` and ``>`` become entities everywhere, which turns ``<!channel>``,
  ``<!here>`` and ``<@U123>`` into visible text that notifies nobody. Text objects are sent
  with ``verbatim: true`` so Slack does not auto-parse ``@here``-style words either, and the
  notification fallback gets a word joiner after ``@`` in ``@here``/``@channel``/``@everyone``.
* Slack mrkdwn has no escape character, so ``*``, ``_``, ``~`` and stray backticks outside
  the core's own ```code``` spans become look-alike characters (the approach jsx-slack's
  ``<Escape>`` takes), and a leading ``>`` gets a soft hyphen in front so it is no quote.
  URLs are left alone so links keep working.
* The core writes plain text; only this module adds formatting around it (the header, bold
  field names, the copy block).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from adapters.text import split_lines
from bot import copy
from bot.values import Choice, Reply

__all__ = [
    "ACTION_PREFIX",
    "ANSWERED_MARK",
    "CHOICE_PREFIX",
    "MULTI_BLOCK",
    "MULTI_DONE",
    "MULTI_SELECT",
    "SlackMessage",
    "answered_blocks",
    "escape_mrkdwn",
    "escape_plain",
    "fallback_text",
    "home_view",
    "render_reply",
    "unescape_slack",
]

CHOICE_PREFIX = "debrief_choice_"
ACTION_PREFIX = "debrief_action_"
MULTI_BLOCK = "debrief_multi"
MULTI_SELECT = "debrief_multi_select"
MULTI_DONE = "debrief_multi_done"
MULTI_DONE_VALUE = "done"
# Labels the core does not (yet) provide; symbols rather than sentences where possible.
DONE_LABEL = copy.PICK_DONE
ANSWERED_MARK = "✓"

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
SECTION_CHARS = 2900  # of 3000, leaving room for the ``` fences
HEADER_CHARS = 150
BUTTON_LABEL_CHARS = 75
BUTTON_VALUE_CHARS = 2000
BUTTONS_PER_BLOCK = 25
CHECKBOX_OPTIONS = 10
FALLBACK_CHARS = 3900

# Chained str.replace, not str.translate: translate takes its slow path (a dict look-up per
# character) whenever a character maps to more than one or to a non-Latin-1 one, and that
# made the help text's blocks cost ~0.4 ms of CPU per reply (issue 14).
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))  # "&" first
_LOOKALIKES = (("*", "\u2217"), ("_", "\u02cd"), ("~", "\u223c"), ("`", "\u02cb"))
_SOFT_HYPHEN = "\u00ad"
_WORD_JOINER = "\u2060"
_URL = re.compile(r"https?://[^\s<>`]+")
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_BROADCAST = re.compile(r"@(?=(here|channel|everyone)\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """What ``chat.postMessage`` and friends take: notification text plus blocks."""

    text: str
    blocks: list[dict[str, Any]]


def unescape_slack(text: str) -> str:
    """What a person typed: Slack sends ``&``, ``<`` and ``>`` as entities."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def escape_plain(text: str) -> str:
    """For ``plain_text`` objects (labels, headers): entities only, no formatting exists."""
    return _replace_all(text, _ENTITIES)


@functools.lru_cache(maxsize=512)
def escape_mrkdwn(text: str) -> str:
    """For ``mrkdwn`` objects: entities, no formatting from the text, no leading quote.
    Remembered for the texts seen most recently: the help, questions and their buttons
    repeat for everybody (a pure function of the text)."""
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_neutralise(text[pos:match.start()]))
        out.append(escape_plain(match.group()))
        pos = match.end()
    out.append(_neutralise(text[pos:]))
    escaped = "".join(out)
    return "\n".join(_SOFT_HYPHEN + line if line.lstrip().startswith("&gt;") else line
                     for line in escaped.split("\n"))


def _neutralise(segment: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(segment):
        out.append(escape_plain(_replace_all(segment[pos:match.start()], _LOOKALIKES)))
        out.append(escape_plain(match.group()))
        pos = match.end()
    out.append(escape_plain(_replace_all(segment[pos:], _LOOKALIKES)))
    return "".join(out)


def _escape_code_block(text: str) -> str:
    """Inside ``` nothing is formatted; only a run of backticks could close the block."""
    return escape_plain(re.sub(r"`{3,}", lambda m: "\u02cb" * len(m.group()), text))


def fallback_text(reply: Reply) -> str:
    """The notification / screen-reader text: title and text, escaped, never a broadcast."""
    parts = [p for p in (reply.title, reply.text) if p]
    text = "\n".join(parts) or (reply.copy_text or "")
    return _BROADCAST.sub("@" + _WORD_JOINER, escape_plain(text))[:FALLBACK_CHARS]


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": escape_plain(_clip(text, limit)), "emoji": True}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"




def _escaped_chunks(text: str, escape: Callable[[str], str], size: int) -> list[str]:
    """Escape chunk by chunk (entities grow the text), then split any chunk still too long
    without cutting an entity in half."""
    out: list[str] = []
    for chunk in split_lines(text, size // 2):
        escaped = escape(chunk)
        while len(escaped) > size:
            cut = size
            amp = escaped.rfind("&", size - 5, size)
            if amp != -1 and ";" not in escaped[amp:size]:
                cut = amp
            out.append(escaped[:cut])
            escaped = escaped[cut:]
        if escaped:
            out.append(escaped)
    return out


def _button(choice: Choice, action_id: str) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button", "action_id": action_id,
        "text": _plain(choice.label, BUTTON_LABEL_CHARS),
        "value": choice.value[:BUTTON_VALUE_CHARS],
    }
    if choice.style in ("primary", "danger"):
        button["style"] = choice.style
    return button


def _button_rows(choices: tuple[Choice, ...], prefix: str) -> list[dict[str, Any]]:
    buttons = [_button(c, f"{prefix}{i}") for i, c in enumerate(choices)]
    return [{"type": "actions", "block_id": f"{prefix}{n}",
             "elements": buttons[n:n + BUTTONS_PER_BLOCK]}
            for n in range(0, len(buttons), BUTTONS_PER_BLOCK)]


def _multi_block(choices: tuple[Choice, ...], done_value: str) -> list[dict[str, Any]]:
    options = [{"text": _plain(c.label, BUTTON_LABEL_CHARS),
                "value": c.value[:150]} for c in choices[:CHECKBOX_OPTIONS]]
    return [{"type": "actions", "block_id": MULTI_BLOCK, "elements": [
        {"type": "checkboxes", "action_id": MULTI_SELECT, "options": options},
        {"type": "button", "action_id": MULTI_DONE, "style": "primary",
         "text": _plain(DONE_LABEL, BUTTON_LABEL_CHARS), "value": done_value},
    ]}]


def _content_blocks(reply: Reply) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append({"type": "header", "text": _plain(reply.title, HEADER_CHARS)})
    if reply.text:
        blocks += [{"type": "section", "text": _mrkdwn(chunk)}
                   for chunk in _escaped_chunks(reply.text, escape_mrkdwn, SECTION_CHARS)
                   if chunk.strip()]
    for field in reply.fields:
        # One section per field (not Slack's two-column ``fields``): values are often long,
        # multi-line lists. The name is the only formatting this adapter adds.
        chunks = _escaped_chunks(field.value, escape_mrkdwn, SECTION_CHARS - HEADER_CHARS)
        name = f"*{escape_mrkdwn(_clip(field.name, HEADER_CHARS))}*"
        for i, chunk in enumerate(chunks or [""]):
            blocks.append({"type": "section",
                           "text": _mrkdwn(f"{name}\n{chunk}" if i == 0 else chunk)})
    if reply.copy_text:
        blocks += [{"type": "section", "text": _mrkdwn(f"```{chunk}```")}
                   for chunk in _escaped_chunks(reply.copy_text, _escape_code_block,
                                                SECTION_CHARS)]
    return blocks


def _numbered(reply: Reply) -> tuple[Choice, ...]:
    """A question's choices show their numbers, because typing the number works too (the
    same as Discord and the console); other buttons show their labels as they are."""
    if "question" not in reply.tags or "scale" in reply.tags:  # "4 · Good fit" is numbered
        return reply.choices
    return tuple(Choice(f"{n}. {c.label}", c.value, c.style)
                 for n, c in enumerate(reply.choices, start=1))


def _keyed(choices: tuple[Choice, ...], reply: Reply) -> tuple[Choice, ...]:
    """A question's buttons carry the question's key in their value (see AnswerKey), so a
    click names the question it answers."""
    key = reply.answer_key
    if key is None:
        return choices
    return tuple(Choice(c.label, key.wrap(c.value), c.style) for c in choices)


def _interactive_blocks(reply: Reply) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if reply.choices and reply.multi:
        # Checkbox values stay plain; the "Done" button carries the question's key.
        blocks += _multi_block(_numbered(reply), reply.answer_key.wrap(MULTI_DONE_VALUE)
                               if reply.answer_key else MULTI_DONE_VALUE)
    elif reply.choices:
        blocks += _button_rows(_keyed(_numbered(reply), reply), CHOICE_PREFIX)
    if reply.actions:
        blocks += _button_rows(_keyed(reply.actions, reply), ACTION_PREFIX)
    return blocks


def render_reply(reply: Reply) -> list[SlackMessage]:
    """One reply as one message, or several when it exceeds Slack's 50-block limit (a long
    export). Buttons go on the last message so they stay next to the question."""
    content = _content_blocks(reply)
    interactive = _interactive_blocks(reply)
    text = fallback_text(reply)
    if len(content) + len(interactive) <= MAX_BLOCKS:
        return [SlackMessage(text, content + interactive)]
    pages: list[list[dict[str, Any]]] = [content[n:n + MAX_BLOCKS]
                                         for n in range(0, len(content), MAX_BLOCKS)]
    if len(pages[-1]) + len(interactive) > MAX_BLOCKS:
        pages.append([])
    pages[-1] += interactive
    return [SlackMessage(text if i == 0 else text[:200], page) for i, page in enumerate(pages)]


def home_view(reply: Reply) -> dict[str, Any]:
    """App Home: the person's overview, as a ``home`` view (up to 100 blocks)."""
    blocks = (_content_blocks(reply) + _interactive_blocks(reply))[:MAX_HOME_BLOCKS]
    return {"type": "home", "blocks": blocks}


def answered_blocks(blocks: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    """A clicked message: same content, buttons replaced by "✓ <label>" so they are spent."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    mark = f"{ANSWERED_MARK} {escape_mrkdwn(html.unescape(label))}"
    return [*kept, {"type": "context", "elements": [_mrkdwn(_clip(mark, SECTION_CHARS))]}]
