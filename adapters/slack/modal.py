"""The "log an interview" modal: built from the core's command grammar, read back into a
:class:`~bot.values.Command`.

The labels and hints come from ``bot.grammar`` (the ``interview`` subcommand's options), so
the modal asks for exactly what ``/debrief interview company:… role:…`` accepts. Slack's
datetime picker answers with a unix timestamp; it is turned into the person's local
``YYYY-MM-DD HH:MM`` in their Slack timezone, the form the core's time grammar reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.slack.render import escape_plain
from bot import copy
from bot.config import CoreConfig
from bot.grammar import spec_for
from bot.values import Command

__all__ = ["INTERVIEW_MODAL", "ModalOrigin", "Submission", "interview_modal", "read_submission"]

INTERVIEW_MODAL = "debrief_interview_modal"
ACTION = "value"
SUBMIT_LABEL = copy.FORM_SUBMIT
CLOSE_LABEL = copy.FORM_CANCEL

_LIMITS = CoreConfig()
_MAX_LENGTH = {"company": _LIMITS.max_name_length, "role": _LIMITS.max_name_length,
               "interviewer": _LIMITS.max_name_length, "notes": _LIMITS.max_answer_length}


@dataclass(frozen=True, slots=True)
class ModalOrigin:
    """Where ``/debrief interview`` was typed, carried through the modal's private_metadata
    so the confirmation goes back there."""

    channel_id: str | None

    def dump(self) -> str:
        return json.dumps({"c": self.channel_id})

    @classmethod
    def load(cls, raw: str | None) -> ModalOrigin:
        try:
            data = json.loads(raw or "{}")
            return cls(str(data.get("c") or "") or None)
        except (ValueError, AttributeError):
            return cls(None)


# The form's inputs: the interview's own options. The optional profile (field, stage …)
# stays off the form so logging stays quick; it is typed or added with `history #n edit`.
FORM_FIELDS = ("company", "role", "when", "interviewer", "notes")


@dataclass(frozen=True, slots=True)
class Submission:
    command: Command | None
    errors: dict[str, str]


def _plain(text: str, limit: int) -> dict[str, Any]:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": escape_plain(text)}


def interview_modal(origin: ModalOrigin, now: datetime) -> dict[str, Any]:
    spec = spec_for("interview")
    assert spec is not None, "the grammar always has an interview subcommand"
    blocks: list[dict[str, Any]] = []
    for option in (o for o in spec.options if o.name in FORM_FIELDS):
        element: dict[str, Any]
        if option.name == "when":
            element = {"type": "datetimepicker", "action_id": ACTION,
                       "initial_date_time": int(now.timestamp())}
        else:
            element = {"type": "plain_text_input", "action_id": ACTION,
                       "max_length": _MAX_LENGTH.get(option.name, _LIMITS.max_name_length),
                       "multiline": option.name == "notes"}
        block: dict[str, Any] = {
            "type": "input", "block_id": option.name, "element": element,
            "label": _plain(option.name.capitalize(), 2000),
            "optional": option.name != "company",
        }
        if option.name != "when":  # its hint lists typed forms, which a picker doesn't need
            block["hint"] = _plain(option.description, 2000)
        blocks.append(block)
    return {
        "type": "modal", "callback_id": INTERVIEW_MODAL,
        "title": _plain(copy.INTERVIEW_FORM_TITLE, 24),
        "submit": _plain(SUBMIT_LABEL, 24), "close": _plain(CLOSE_LABEL, 24),
        "private_metadata": origin.dump(), "blocks": blocks,
    }


def read_submission(values: dict[str, Any], zone: ZoneInfo | None) -> Submission:
    """The submitted state as an ``interview`` command, or per-block errors for Slack's
    ``response_action: errors``. The core validates everything again (it trusts no adapter)."""
    options: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    for block_id, element in ((b, (values.get(b) or {}).get(ACTION) or {})
                              for b in FORM_FIELDS):
        if block_id == "when":
            stamp = element.get("selected_date_time")
            if stamp:  # an exact instant: right whatever zone the person set in Debrief
                instant = datetime.fromtimestamp(int(stamp), UTC)
                options.append(("when", instant.isoformat()))
            continue
        value = " ".join(str(element.get("value") or "").split()) if block_id != "notes" \
            else str(element.get("value") or "").strip()
        limit = _MAX_LENGTH[block_id]
        if len(value) > limit:
            errors[block_id] = copy.text_too_long(block_id, limit, len(value))
        elif value:
            options.append((block_id, value))
        elif block_id == "company":
            errors[block_id] = copy.FORM_MISSING_COMPANY
    if errors:
        return Submission(None, errors)
    return Submission(Command("interview", "", tuple(options)), {})
