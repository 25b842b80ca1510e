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
``tests/ops/test_ops_logs.py`` runs a whole reflection at DEBUG and looks for the answers.

The stdlib is enough here: a dozen lines of formatter instead of another dependency.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

__all__ = ["QUIET_LOGGERS", "JsonFormatter", "configure_logging"]

HUMAN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

#: Loggers that would log message bodies below these levels.
QUIET_LOGGERS: dict[str, int] = {
    "slack_sdk": logging.WARNING,
    "slack_bolt": logging.WARNING,
    "adapters.slack.bolt": logging.INFO,  # Bolt's logger in this app (see adapters.slack)
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


def configure_logging(*, level: str | int = "INFO", json_lines: bool = False,
                      stream: TextIO | None = None) -> logging.Handler:
    """Send every record at ``level`` or above to ``stream`` (stderr); return the handler."""
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(HUMAN_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    for name, floor in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(max(floor, numeric))
    return handler
