"""The core stays platform-neutral: ``bot/`` imports no adapter, storage or platform library.

DESIGN.md asks for this to be enforced by a test rather than hope. We walk the AST of every
module under ``bot/`` (including imports inside functions and ``if TYPE_CHECKING`` blocks),
so a lazy ``import sqlalchemy`` tucked into a function is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

FORBIDDEN = (
    "adapters",
    "storage",
    "slack_bolt",
    "slack_sdk",
    "discord",
    "sqlalchemy",
    "aiosqlite",
    "asyncpg",
    "aiohttp",
    "pydantic",
    "pydantic_settings",
    "alembic",
)


def core_modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


def imported_modules(source: str, path: Path) -> list[tuple[int, str]]:
    """Every absolute module name imported anywhere in ``source`` (with its line)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in
              ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def forbidden_in(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in FORBIDDEN else None


def test_the_core_package_has_modules_to_check() -> None:
    names = {p.relative_to(BOT).as_posix() for p in core_modules()}
    # A sanity check that the walk below really looks at the core (and its subpackages).
    assert {"service.py", "nudges/dispatcher.py", "reflection/handlers.py",
            "copy/messages.py"} <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(BOT).as_posix())
def test_core_module_imports_no_adapter_storage_or_platform_library(path: Path) -> None:
    offenders = [
        f"{path.relative_to(BOT.parent)}:{line} imports {name}"
        for line, name in imported_modules(path.read_text(encoding="utf-8"), path)
        if forbidden_in(name)
    ]
    assert offenders == []


@pytest.mark.parametrize("snippet, caught", [
    ("import sqlalchemy", "sqlalchemy"),
    ("from storage.sql import x", "storage"),
    ("def f():\n    import discord.ui\n", "discord"),
    ("if TYPE_CHECKING:\n    from adapters.settings import Settings\n", "adapters"),
    ("import importlib\nimportlib.import_module('slack_sdk')\n", "slack_sdk"),
    ("from pydantic import BaseModel", "pydantic"),
])
def test_the_checker_catches_forbidden_imports_wherever_they_hide(snippet: str,
                                                                  caught: str) -> None:
    names = [forbidden_in(name) for _, name in imported_modules(snippet, Path("x.py"))]
    assert caught in names


def test_the_checker_allows_the_core_and_the_standard_library() -> None:
    snippet = "import asyncio\nfrom bot.model import User\nfrom .values import Reply\n" \
              "from apscheduler.schedulers.asyncio import AsyncIOScheduler\n"
    assert [n for _, n in imported_modules(snippet, Path("x.py")) if forbidden_in(n)] == []


PLATFORM_NAMES = {"slack", "discord", "console"}


def platform_comparisons(source: str, path: Path) -> list[int]:
    """Lines comparing something with a platform's name (``platform == "discord"``): the
    core words replies by what the adapter declares (bot.values.Surface), not by name."""
    lines = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in PLATFORM_NAMES
                   for o in operands):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(BOT).as_posix())
def test_core_module_never_branches_on_a_platform_name(path: Path) -> None:
    assert platform_comparisons(path.read_text(encoding="utf-8"), path) == []


def test_the_platform_name_checker_catches_a_comparison() -> None:
    assert platform_comparisons('if sub.platform != "discord":\n    pass\n', Path("x.py")) == [1]


# DESIGN.md: modules under ~400 lines. The insights package is where stats, tips and
# after-the-silence words grow, so it keeps room: each module well under the limit.
INSIGHTS_MODULE_LIMIT = 360


@pytest.mark.parametrize("path", sorted((BOT / "insights").glob("*.py")),
                         ids=lambda p: p.name)
def test_insights_modules_leave_room_to_grow(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= INSIGHTS_MODULE_LIMIT, f"{path.name} has {lines} lines: split it by topic"
