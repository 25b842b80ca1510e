"""Fixtures for the operations tests: ``debrief run`` as a real subprocess against fakes.

The fakes of the Slack and Discord tests are reused (their folders go on ``sys.path``, as
pytest does for those folders' own tests). Figures that the tests measure are printed as
they are measured and again, all together, at the end of the run (``ops figures``), so
they show in CI's output whatever the capture settings.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
for folder in (HERE.parent / "slack", HERE.parent / "discord"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from ops_env import STARTED, Report  # noqa: E402 - needs the folders above on sys.path

_FIGURES: list[str] = []


@pytest.fixture(autouse=True)
def _no_process_outlives_its_test() -> Iterator[None]:
    yield
    while STARTED:
        process = STARTED.pop().proc
        if process is not None and process.returncode is None:
            process.kill()


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest) -> Report:
    """``report("text")`` prints a figure now (past pytest's capture) and in the summary."""
    name = request.node.name

    def say(text: str) -> None:
        line = f"[{name}] {text}"
        _FIGURES.append(line)
        with capsys.disabled():
            print(f"\n    {line}", flush=True)

    return say


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES:
        terminalreporter.section("ops figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)
