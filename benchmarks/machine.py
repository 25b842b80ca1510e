"""What every benchmark prints: its figure table, the code measured and the machine's load."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import storage

__all__ = ["code_version", "cpus", "load", "table"]


def code_version() -> str:
    """Which code is measured: the git commit of the imported ``storage``, and local edits."""
    root = Path(storage.__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "bot", "storage", "adapters"], capture_output=True, text=True,
                               check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return f"code from {root} (not a git checkout)"
    edits = [line[3:] for line in dirty if line.strip()]
    return f"code {root} at {head}" + (
        f", with uncommitted changes in {', '.join(edits)}" if edits else ", clean")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def cpus() -> int:
    """CPUs this process may run on (fewer than the machine's when pinned)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def table(rows: list[tuple[str, str, str, str]]) -> str:
    """Rows of (figure, target, measured, result) as aligned columns."""
    header = ("figure", "target", "measured", "result")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*header), line.format(*("-" * w for w in widths))]
    out += [line.format(*r) for r in rows]
    return "\n".join(out)
