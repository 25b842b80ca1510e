"""Configuration from environment variables (and a ``.env`` file), as DESIGN.md lists them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from adapters.inbox import InboxSettings
from bot.config import CoreConfig
from bot.durations import DurationError, parse_duration
from bot.nudges.dispatcher import DispatcherConfig

__all__ = ["DATABASE_DRIVERS", "LOG_LEVELS", "Settings", "core_config", "dispatcher_config",
           "inbox_settings"]

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# The async drivers Debrief is built and tested with (DESIGN.md: aiosqlite and asyncpg).
DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        "sqlite+aiosqlite:///./debrief.db", validation_alias="DEBRIEF_DATABASE_URL")
    # PostgreSQL only: connections each process keeps open for its work, and how many more
    # it may open while all of those are busy (closed again when they come back). Every
    # replica can hold their sum, plus the inbox's 2 + 3 (adapters.runtime): keep replicas
    # x (size + overflow + 5) under the server's max_connections.
    database_pool_size: int = Field(10, validation_alias="DEBRIEF_DATABASE_POOL_SIZE")
    database_max_overflow: int = Field(10, validation_alias="DEBRIEF_DATABASE_MAX_OVERFLOW")
    http_host: str = Field("0.0.0.0", validation_alias="DEBRIEF_HTTP_HOST")
    http_port: int = Field(3000, validation_alias="DEBRIEF_HTTP_PORT")
    default_timezone: str = Field("UTC", validation_alias="DEBRIEF_DEFAULT_TIMEZONE")
    thank_you_nudges: str = Field("2h,20h", validation_alias="DEBRIEF_THANK_YOU_NUDGES")
    check_in_after: str = Field("5d", validation_alias="DEBRIEF_CHECK_IN_AFTER")
    dispatch_interval: str = Field("2s", validation_alias="DEBRIEF_DISPATCH_INTERVAL")
    log_json: bool = Field(False, validation_alias="DEBRIEF_LOG_JSON")
    log_level: str = Field("INFO", validation_alias="DEBRIEF_LOG_LEVEL")
    # Operations: how long a claimed nudge is held before another process may take it over
    # (a crashed process's nudges wait this long), the first retry delay after a failed send
    # (doubling per attempt), and how long SIGTERM waits for sends in flight.
    nudge_lease: str = Field("120s", validation_alias="DEBRIEF_NUDGE_LEASE")
    retry_backoff: str = Field("30s", validation_alias="DEBRIEF_RETRY_BACKOFF")
    shutdown_grace: str = Field("10s", validation_alias="DEBRIEF_SHUTDOWN_GRACE")
    # Reliability: how long one request's inbox row is held before another process may run
    # it (after a crash), how long one request's work may take, and how long any one call
    # to the Slack or Discord API may take.
    inbox_lease: str = Field("60s", validation_alias="DEBRIEF_INBOX_LEASE")
    job_deadline: str = Field("60s", validation_alias="DEBRIEF_JOB_DEADLINE")
    platform_timeout: str = Field("10s", validation_alias="DEBRIEF_PLATFORM_TIMEOUT")

    slack_bot_token: str | None = Field(None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field("https://slack.com/api/", validation_alias="SLACK_API_URL")
    discord_token: str | None = Field(None, validation_alias="DISCORD_TOKEN")
    discord_api_url: str = Field("https://discord.com/api/v10", validation_alias="DISCORD_API_URL")
    discord_gateway_url: str | None = Field(None, validation_alias="DISCORD_GATEWAY_URL")
    # "auto" or a number of shards for large installs; unset: one gateway connection.
    discord_shard_count: str | None = Field(None, validation_alias="DISCORD_SHARD_COUNT")
    # true: no gateway session (no commands or DMs taken here), only nudges sent over REST.
    # For every replica but one: each gateway session receives every event.
    discord_delivery_only: bool = Field(False, validation_alias="DISCORD_DELIVERY_ONLY")

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone {value!r} (try Europe/Berlin)") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _usable_database(cls, value: str) -> str:
        try:
            url = make_url(value.strip())
        except ArgumentError as exc:
            raise ValueError(f"{value[:80]!r} is not a database URL (use "
                             "sqlite+aiosqlite:///./debrief.db or "
                             "postgresql+asyncpg://user:password@host/db)") from exc
        if url.drivername not in DATABASE_DRIVERS:
            raise ValueError(f"the driver {url.drivername!r} is not supported (use "
                             f"{' or '.join(d + '://' for d in DATABASE_DRIVERS)})")
        database = url.database or ""
        if url.get_backend_name() == "sqlite" and database not in ("", ":memory:") \
                and not database.startswith("file:") and "mode=memory" not in database:
            # A typo in the path must not quietly start an empty database somewhere new.
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                raise ValueError(f"the folder {str(folder)!r} for the SQLite file does not "
                                 "exist (create it first, or fix the path)")
        return value.strip()

    @field_validator("http_port", mode="before")
    @classmethod
    def _port(cls, value: Any) -> int:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 65535:
            raise ValueError(f"{text[:20]!r} is not a TCP port (use a number from 1 to 65535)")
        return int(text)

    @field_validator("database_pool_size", "database_max_overflow", mode="before")
    @classmethod
    def _connections(cls, value: Any, info: ValidationInfo) -> int:
        text = str(value).strip()
        least = 1 if info.field_name == "database_pool_size" else 0
        if not text.isdigit() or not least <= int(text) <= 1000:
            raise ValueError(f"{text[:20]!r} is not a number of connections (use a whole "
                             f"number from {least} to 1000)")
        return int(text)

    @field_validator("discord_shard_count")
    @classmethod
    def _shards(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        text = value.strip()
        if text.lower() == "auto":
            return "auto"
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"{text[:20]!r} is not a shard count (use auto or a number "
                             "from 1 up)")
        return text

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not a log level (use {', '.join(LOG_LEVELS)})")
        return level

    @field_validator("check_in_after", "dispatch_interval", "nudge_lease", "retry_backoff",
                     "shutdown_grace", "inbox_lease", "job_deadline", "platform_timeout")
    @classmethod
    def _one_duration(cls, value: str) -> str:
        try:
            parse_duration(value)
        except DurationError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("thank_you_nudges")
    @classmethod
    def _duration_list(cls, value: str) -> str:
        try:
            [parse_duration(part) for part in value.split(",") if part.strip()]
        except DurationError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @property
    def thank_you_delays(self) -> tuple[timedelta, ...]:
        return tuple(parse_duration(p) for p in self.thank_you_nudges.split(",") if p.strip())

    @property
    def check_in_delay(self) -> timedelta:
        return parse_duration(self.check_in_after)

    @property
    def dispatch_seconds(self) -> float:
        return parse_duration(self.dispatch_interval).total_seconds()

    @property
    def lease_seconds(self) -> float:
        return parse_duration(self.nudge_lease).total_seconds()

    @property
    def retry_backoff_delay(self) -> timedelta:
        return parse_duration(self.retry_backoff)

    @property
    def shutdown_grace_seconds(self) -> float:
        return parse_duration(self.shutdown_grace).total_seconds()

    @property
    def inbox_lease_seconds(self) -> float:
        return parse_duration(self.inbox_lease).total_seconds()

    @property
    def job_deadline_seconds(self) -> float:
        return parse_duration(self.job_deadline).total_seconds()

    @property
    def platform_timeout_seconds(self) -> float:
        return max(1.0, parse_duration(self.platform_timeout).total_seconds())

    @property
    def pool_options(self) -> dict[str, int]:
        """``storage.create_engine``'s pool size for the core's engine (none on SQLite)."""
        if make_url(self.database_url).get_backend_name() == "sqlite":
            return {}
        return {"pool_size": self.database_pool_size,
                "max_overflow": self.database_max_overflow}

    @property
    def slack_configured(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))

    @property
    def discord_configured(self) -> bool:
        return bool(self.discord_token)


# The core's configuration, built from the settings (used by the console and by `debrief run`).
def core_config(settings: Settings) -> CoreConfig:
    return CoreConfig(default_timezone=settings.default_timezone,
                      thank_you_delays=settings.thank_you_delays,
                      check_in_after=settings.check_in_delay)


def dispatcher_config(settings: Settings) -> DispatcherConfig:
    return DispatcherConfig(interval=settings.dispatch_seconds,
                            lease=timedelta(seconds=settings.lease_seconds),
                            backoff_base=settings.retry_backoff_delay)


def inbox_settings(settings: Settings) -> InboxSettings:
    return InboxSettings(lease=settings.inbox_lease_seconds,
                         deadline=settings.job_deadline_seconds)
