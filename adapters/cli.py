"""The ``debrief`` command: the composition root that wires core, storage and adapters.

    debrief console [--user NAME] [--tz ZONE]   the whole bot in this terminal
    debrief run                                 Slack and/or Discord + scheduler + HTTP
    debrief db upgrade                          apply database migrations
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from dataclasses import replace

from pydantic import ValidationError

from adapters.logs import configure_logging
from adapters.settings import Settings, core_config, dispatcher_config
from bot import copy
from bot.zones import UnknownZone, resolve_zone

__all__ = ["main"]

NOTHING_TO_RUN = (
    "debrief run: no chat platform is configured, so there is nothing to serve.\n"
    "Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) for "
    "Slack, and/or DISCORD_TOKEN for Discord - in the environment or a .env file.\n"
    "To try Debrief without any platform, run: debrief console"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debrief", description="Debrief, the interview coach")
    sub = parser.add_subparsers(dest="command", required=True)
    console = sub.add_parser("console", help="the whole bot in this terminal")
    console.add_argument("--user", default=None, help="who you are (default: your login)")
    console.add_argument("--tz", default=None, help="your IANA timezone, e.g. Europe/Berlin")
    sub.add_parser("run", help="serve Slack and/or Discord, the scheduler and HTTP")
    db = sub.add_parser("db", help="database tasks")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        for line in configuration_errors(exc):
            print(line, file=sys.stderr)
        return 2
    console = args.command == "console"
    configure_logging(level="WARNING" if console else settings.log_level,
                      json_lines=settings.log_json, tracebacks=not console)
    if args.command == "console":
        zone = None
        if args.tz:
            try:
                match = resolve_zone(args.tz)
            except UnknownZone as exc:
                print(unknown_zone_line(args.tz, exc.suggestions), file=sys.stderr)
                return 2
            zone = match.key
            if match.abbreviation:
                print(copy.zone_from_abbreviation(match.abbreviation, zone).replace("`", ""))
        user = (args.user or _login() or "me").strip()[:64] or "me"
        from storage.sqlite_files import FilesRefuseWrites
        try:
            return asyncio.run(_console(settings, user, zone))
        except KeyboardInterrupt:  # Ctrl-C while a request was running: leave quietly
            print(file=sys.stderr)
            return 130
        except FilesRefuseWrites as exc:
            print(f"debrief: the database refuses writes: {exc.reason}. Make its files "
                  "writable, then start again.", file=sys.stderr)
            return 1
    from storage.sqlite_files import FilesRefuseWrites
    try:
        if args.command == "db":
            return asyncio.run(_db_upgrade(settings))
        if not (settings.slack_configured or settings.discord_configured):
            print(NOTHING_TO_RUN, file=sys.stderr)
            return 2
        from adapters.runtime import serve
        return asyncio.run(serve(settings))
    except FilesRefuseWrites as exc:  # a schema to migrate on files that refuse writes
        print(f"debrief: the database refuses writes: {exc.reason}. Make its files "
              "writable, then start again.", file=sys.stderr)
        return 1


def unknown_zone_line(typed: str, suggestions: tuple[str, ...]) -> str:
    hint = (f"did you mean {' or '.join(suggestions)}?" if suggestions else
            "use a city such as berlin or an IANA name such as Europe/Berlin")
    return f"debrief: unknown timezone {typed[:64]!r} - {hint}"


def configuration_errors(exc: ValidationError) -> list[str]:
    """One ``debrief: configuration error - VAR: what is wrong`` line per bad setting."""
    lines = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"debrief: configuration error - {name}: {message}")
    return lines


def _login() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return None


async def _db_upgrade(settings: Settings) -> int:
    from storage import upgrade
    await upgrade(settings.database_url)
    print("Database is up to date.")
    return 0


async def _console(settings: Settings, user: str, tz: str | None) -> int:
    from adapters.charts import MatplotlibChartRenderer
    from adapters.console import ConsoleApp, ConsoleGateway
    from bot.clock import SystemClock
    from bot.nudges.dispatcher import Dispatcher
    from bot.service import Debrief
    from bot.values import Identity
    from storage import create_engine, sql_uow_factory, upgrade
    from storage.sqlite_files import SqliteFiles, database_path, guard_engine

    await upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    path = database_path(settings.database_url)
    files = SqliteFiles(path) if path else None
    if files is not None:  # files made immutable mid-session: refused, not SIGBUS
        guard_engine(engine, files)
    try:
        uow = sql_uow_factory(engine)
        clock = SystemClock()
        debrief = Debrief(uow, clock, core_config(settings), charts=MatplotlibChartRenderer())
        app = ConsoleApp(debrief, Identity("console", "local", user), timezone=tz,
                         display_name=user)
        dispatcher = Dispatcher(uow, ConsoleGateway(app), clock, debrief.config,
                                replace(dispatcher_config(settings), platforms=("console",)))
        debrief.on_scheduled = dispatcher.wake
        dispatcher.start()
        try:
            await app.run()
        finally:
            await dispatcher.stop()
    finally:
        if files is None or files.refusal() is None:
            await engine.dispose()  # closing checkpoints: not on files that refuse writes
        if files is not None:
            files.close()
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m adapters.cli`
    sys.exit(main())
