"""The stats chart as a real PNG (matplotlib, Agg), and how the console hands it over.

The PNG is checked twice: its header (signature and IHDR width/height, read by hand) and
by opening it with matplotlib's own image reader.
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from stats_seed import NOW, seed_history

from adapters.charts import MatplotlibChartRenderer
from adapters.console import ConsoleApp
from bot.clock import FixedClock
from bot.insights.chart import stats_chart
from bot.insights.patterns import analyse
from bot.memory import MemoryStore, memory_uow_factory
from bot.service import Debrief
from bot.values import Chart, ChartSeries, Identity

WINDOW = 24 * 3600
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the IHDR chunk, which must come first."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def opened(data: bytes) -> tuple[int, ...]:
    from matplotlib import image

    return tuple(image.imread(io.BytesIO(data), format="png").shape)


async def seeded_chart() -> Chart:
    store = MemoryStore()
    who = Identity("console", "local", "ann")
    await seed_history(memory_uow_factory(store), who)
    async with memory_uow_factory(store)() as uow:
        user = await uow.users.get(who)
        assert user is not None and user.id is not None
        interviews = await uow.interviews.list_for_user(user.id)
    chart = stats_chart(analyse(interviews, NOW, timedelta(seconds=WINDOW)),
                        ZoneInfo("Europe/Berlin"))
    assert chart is not None
    return chart


async def test_the_chart_of_a_seeded_history_shows_outcomes_by_the_factor_that_matters(
        ) -> None:
    chart = await seeded_chart()
    # Fit separates the seeded callbacks most clearly: good fit 2 of 2, fit 1-3 0 of 3.
    assert chart.kind == "bars" and chart.title == "Callbacks by how well the role fit"
    assert chart.x_labels == ("fit 1-3", "good fit (4-5)")
    assert [(s.label, s.values, s.tone) for s in chart.series] == [
        ("called back", (0.0, 2.0), "good"), ("no callback", (3.0, 0.0), "open")]
    data = await MatplotlibChartRenderer().render(chart)
    assert png_size(data) == (chart.width_px, chart.height_px) == (1000, 560)
    assert opened(data) == (560, 1000, 4)  # RGBA rows x columns


async def test_a_ratings_line_chart_still_draws_where_no_factor_stands_out() -> None:
    chart = stats_chart(analyse([], NOW, timedelta(seconds=WINDOW)), ZoneInfo("UTC"))
    assert chart is None  # nothing to draw at all
    lines = Chart(title="How you rated yourself", x_labels=("#1 Acme\n01 Mar", "#2 B\n02 Mar"),
                  series=(ChartSeries("Prepared", (0.0, 2.0)),),
                  markers=((0, "rejected", "bad"),))
    data = await MatplotlibChartRenderer().render(lines)
    assert png_size(data) == (1000, 560)


async def test_odd_charts_still_draw_at_the_size_asked() -> None:
    """One interview, gaps, a dollar sign (no mathtext), no outcomes, another size."""
    chart = Chart(title="$5 Ltd", x_labels=("#1 $5 Ltd\n01 Mar",),
                  series=(ChartSeries("Prepared", (None,)), ChartSeries("Fit", (1.0,))),
                  width_px=640, height_px=400)
    data = await MatplotlibChartRenderer().render(chart)
    assert png_size(data) == (640, 400)


def test_neither_the_core_nor_the_cli_imports_matplotlib_until_a_chart_is_drawn() -> None:
    code = ("import sys, bot.service, adapters.cli, adapters.charts, adapters.console; "
            "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "False"


async def test_the_console_saves_the_chart_and_prints_a_path_that_exists(
        tmp_path: Path) -> None:
    store = MemoryStore()
    who = Identity("console", "local", "ann")
    await seed_history(memory_uow_factory(store), who)
    core = Debrief(memory_uow_factory(store), FixedClock(NOW),
                   charts=MatplotlibChartRenderer())
    out = io.StringIO()
    app = ConsoleApp(core, who, stdout=out, files_dir=tmp_path / "charts")
    await app.send("/debrief stats")
    await app.send("/debrief stats")  # a second chart does not overwrite the first
    paths = re.findall(r"Chart saved to (\S+\.png) - ", out.getvalue())
    assert len(paths) == 2 and paths[0] != paths[1]
    for path in map(Path, paths):
        assert path.parent == tmp_path / "charts"
        assert png_size(path.read_bytes()) == (1000, 560)
    assert "== Your interview patterns ==" in out.getvalue()


def test_debrief_console_draws_the_chart_after_a_reflection(tmp_path: Path) -> None:
    """The real CLI in a subprocess: reflect, then /debrief stats prints where the PNG is."""
    answers = ["2", "my latency story", "sent", "their migration", "1", "1,2,3",
               "What does success look like?", "5", "platform work"]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DEBRIEF_", "SLACK_", "DISCORD_"))}
    env.update(DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
               TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1")
    lines = ["/debrief interview Acme", *answers, "/debrief interview Globex", *answers,
             "/debrief stats", "/quit"]
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "console", "--user", "ann", "--tz", "UTC"],
        input="".join(f"{line}\n" for line in lines), text=True, capture_output=True,
        cwd=tmp_path, env=env, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "Across your 2 past interviews" in result.stdout
    (path,) = re.findall(r"Chart saved to (\S+\.png) - ", result.stdout)
    assert Path(path).is_file() and Path(path).is_relative_to(tmp_path)
    assert png_size(Path(path).read_bytes()) == (1000, 560)


async def test_one_interview_gets_no_chart_and_a_no_is_not_marked_in_red() -> None:
    """One interview drew a chart of a single dot under a red "rejected" banner; after a
    run of noes, every interview had one."""
    store = MemoryStore()
    who = Identity("console", "local", "ann")
    from stats_seed import HISTORY
    await seed_history(memory_uow_factory(store), who, HISTORY[:1])  # Acme: rejected
    async with memory_uow_factory(store)() as uow:
        user = await uow.users.get(who)
        assert user is not None and user.id is not None
        interviews = await uow.interviews.list_for_user(user.id)
    window = timedelta(seconds=WINDOW)
    assert stats_chart(analyse(interviews, NOW, window), ZoneInfo("UTC")) is None
    await seed_history(memory_uow_factory(store), who, [(40, "Globex", HISTORY[0][2], None,
                                                         HISTORY[0][4])])
    async with memory_uow_factory(store)() as uow:
        interviews = await uow.interviews.list_for_user(user.id)
    chart = stats_chart(analyse(interviews, NOW, window), ZoneInfo("UTC"))
    assert chart is not None and chart.kind == "lines"
    assert [(label, tone) for _, label, tone in chart.markers] == [("rejected", "open")] * 2
