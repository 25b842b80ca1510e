"""Configuration from environment variables (and a ``.env`` file), as DESIGN.md lists them."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.config import CoreConfig
from bot.durations import DurationError, parse_duration
from bot.nudges.dispatcher import DispatcherConfig

__all__ = ["LOG_LEVELS", "Settings", "core_config", "dispatcher_config"]

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        "sqlite+aiosqlite:///./debrief.db", validation_alias="DEBRIEF_DATABASE_URL")
    http_host: str = Field("0.0.0.0", validation_alias="DEBRIEF_HTTP_HOST")
    http_port: int = Field(3000, validation_alias="DEBRIEF_HTTP_PORT")
    default_timezone: str = Field("UTC", validation_alias="DEBRIEF_DEFAULT_TIMEZONE")
    thank_you_nudges: str = Field("2h,20h", validation_alias="DEBRIEF_THANK_YOU_NUDGES")
    check_in_after: str = Field("7d", validation_alias="DEBRIEF_CHECK_IN_AFTER")
    dispatch_interval: str = Field("2s", validation_alias="DEBRIEF_DISPATCH_INTERVAL")
    log_json: bool = Field(False, validation_alias="DEBRIEF_LOG_JSON")
    log_level: str = Field("INFO", validation_alias="DEBRIEF_LOG_LEVEL")
    # Operations: how long a claimed nudge is held before another process may take it over
    # (a crashed process's nudges wait this long), the first retry delay after a failed send
    # (doubling per attempt), and how long SIGTERM waits for sends in flight.
    nudge_lease: str = Field("120s", validation_alias="DEBRIEF_NUDGE_LEASE")
    retry_backoff: str = Field("30s", validation_alias="DEBRIEF_RETRY_BACKOFF")
    shutdown_grace: str = Field("10s", validation_alias="DEBRIEF_SHUTDOWN_GRACE")

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

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not a log level (use {', '.join(LOG_LEVELS)})")
        return level

    @field_validator("check_in_after", "dispatch_interval", "nudge_lease", "retry_backoff",
                     "shutdown_grace")
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
