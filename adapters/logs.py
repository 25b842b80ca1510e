"""Log output: one human-readable line per record by default, one JSON object per line with
``DEBRIEF_LOG_JSON=true`` (for log shippers), at ``DEBRIEF_LOG_LEVEL``.

What people typed never reaches the logs. Debrief's own messages name identities, ids and
error codes, never texts. The libraries that do log bodies are held at a level where they
don't, whatever ``DEBRIEF_LOG_LEVEL`` says:

    slack_sdk, slack_bolt       request and response bodies at DEBUG
    discord.http, .gateway      REST bodies and every gateway event (DM texts) at DEBUG
    sqlalchemy.engine           statements with their parameters (answers) at INFO
    aiosqlite, asyncpg          statements at DEBUG

and SQL errors carry no parameters (``hide_parameters`` in :mod:`storage.engine`).
Whatever still gets through passes :class:`SafeRecords` on the way out: a library's record
keeps only its first words (Bolt puts request bodies after a ``(``, ``{`` or ``:``), no
record carries a control character (a newline in a request cannot forge a log line; an
escape sequence cannot repaint a terminal) and none is longer than :data:`MAX_MESSAGE`.
``tests/ops/test_ops_logs.py`` runs a whole reflection at DEBUG and looks for the answers.

The stdlib is enough here: a dozen lines of formatter instead of another dependency.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

__all__ = ["MAX_MESSAGE", "QUIET_LOGGERS", "JsonFormatter", "SafeRecords", "configure_logging"]

HUMAN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

#: Loggers that would log message bodies below these levels.
QUIET_LOGGERS: dict[str, int] = {
    "slack_sdk": logging.WARNING,
    "slack_bolt": logging.WARNING,
    # Bolt's logger in this app (see adapters.slack). Bolt logs the whole body of a request
    # that fails the signature check at INFO.
    "adapters.slack.bolt": logging.WARNING,
    "discord": logging.INFO,
    "sqlalchemy": logging.WARNING,
    "aiosqlite": logging.INFO,
    "asyncpg": logging.INFO,
    # Noise, not privacy: "Running job" every tick, and "skipped: maximum number of running
    # instances" while a long batch runs (one tick at a time is the design).
    "apscheduler": logging.ERROR,
    "alembic.runtime.plugins": logging.WARNING,
    "aiohttp.access": logging.WARNING,
    "asyncio": logging.INFO,
}

#: The longest message a record may carry (a huge request can't grow the log).
MAX_MESSAGE = 2000
# Our own loggers; every other record comes from a library.
OWN = ("adapters.", "bot.", "storage.", "__main__")
LIBRARY_LOGGERS_IN_OURS = ("adapters.slack.bolt",)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_DETAILS = re.compile(r"[({\[:]")


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


class SafeRecords(logging.Filter):
    """Make every record safe to write: see the module docstring."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a library's bad format string: keep the template only
            message = str(record.msg)
        name = record.name
        library = not name.startswith(OWN) or name.startswith(LIBRARY_LOGGERS_IN_OURS)
        if library:
            head = _DETAILS.split(message, maxsplit=1)[0].strip()
            if head != message.strip():
                message = f"{head} [details withheld]"
            if record.exc_info and record.exc_info[0] is not None:
                message += f" ({record.exc_info[0].__name__})"
                record.exc_info = None
                record.exc_text = None
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + f"... [{len(message) - MAX_MESSAGE} more]"
        record.msg = _escape(message)
        record.args = None
        return True


# Attributes every LogRecord has; anything else was passed with ``extra=`` and is kept.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}`` plus ``exc_info`` and ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        return json.dumps(entry, default=str, ensure_ascii=False)


class _HumanFormatter(logging.Formatter):
    """Human lines; a traceback's lines are indented, so no line of one can pass for a log
    line of its own."""

    def __init__(self, fmt: str, *, tracebacks: bool = True) -> None:
        super().__init__(fmt)
        self._tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if not self._tracebacks and (record.exc_info or record.exc_text):
            # The line says what failed; the terminal's person needs no traceback.
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None,
                                            "exc_text": None})
        return super().format(record).replace("\n", "\n    ")


def configure_logging(*, level: str | int = "INFO", json_lines: bool = False,
                      stream: TextIO | None = None, tracebacks: bool = True) -> logging.Handler:
    """Send every record at ``level`` or above to ``stream`` (stderr); return the handler.
    ``tracebacks=False`` (the console) logs failures as their one line."""
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines
                         else _HumanFormatter(HUMAN_FORMAT, tracebacks=tracebacks))
    handler.addFilter(SafeRecords())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    for name, floor in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(max(floor, numeric))
    return handler
