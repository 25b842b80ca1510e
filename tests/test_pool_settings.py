"""DEBRIEF_DATABASE_POOL_SIZE and DEBRIEF_DATABASE_MAX_OVERFLOW size the PostgreSQL pool of
``debrief run``'s core engine (each replica holds at most their sum, plus the inbox's)."""

from __future__ import annotations

from typing import Any

from adapters.runtime import Runtime
from adapters.settings import Settings


def _settings(**env: Any) -> Settings:
    return Settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-test",  # type: ignore[call-arg]
                    SLACK_SIGNING_SECRET="secret", **env)


async def test_the_variables_size_the_core_engines_postgresql_pool() -> None:
    runtime = Runtime(_settings(
        DEBRIEF_DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/nowhere",
        DEBRIEF_DATABASE_POOL_SIZE="3", DEBRIEF_DATABASE_MAX_OVERFLOW="0"))
    try:
        pool: Any = runtime.engine.pool
        assert (pool.size(), pool._max_overflow) == (3, 0)
    finally:
        await runtime.engine.dispose()
        await runtime.inbox_engine.dispose()


def test_by_default_each_process_keeps_10_connections_and_may_open_10_more() -> None:
    settings = _settings(
        DEBRIEF_DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/nowhere")
    assert settings.pool_options == {"pool_size": 10, "max_overflow": 10}


def test_sqlite_takes_no_pool_size(tmp_path: Any) -> None:
    settings = _settings(DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
                         DEBRIEF_DATABASE_POOL_SIZE="3")
    assert settings.pool_options == {}
