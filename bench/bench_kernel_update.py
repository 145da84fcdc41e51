"""Kernel time per slider move in the two live views of lessons 03 and 04, and where it goes.

Run: .venv/bin/python bench/bench_kernel_update.py [--moves 40] [--profile] [--view editor|portfolio|both]

* ``editor``: the weights editor of lesson 03 on the case portfolio (20 accounts x 8 criteria, as
  the lesson shows it). Each timed move is the second of a pair, as in the browser benchmark: one
  weight down by 1 (total 99: refused, chart marked out of date), then another up by 1 (total
  100: saved, re-scored, re-ranked, chart redrawn as a PNG with its caption) -- the "redraw".
* ``editor-oneway``: the same editor with one weight dragged one way (12 timed moves), so every
  move shows weights, a legend and often a ranking never shown before: nothing drawn earlier can
  be reused (the pairs above come back to earlier weights every 8 moves).
* ``portfolio``: the portfolio view of lesson 04 (20 case accounts): the attractiveness cut moves
  by 5 (saved, re-classified, matrix redrawn as a PNG, summary table).

Both drive the widget from code exactly as the browser does (``slider.value = ...`` runs the
observer), on a demonstration copy (a throwaway workbook). Printed per view: wall and CPU time
of this process per move (median, p90), and the 1-minute load average before and after (the
machine's 2 cores are shared; CPU time is the steadier figure). ``--profile`` adds a cProfile of
the moves (top functions by own time and by cumulative time).

Target (issue 15): CPU per update, median <= 30 ms for both views.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TARGET_MS = 30.0


def _widgets(topic: str, old: str) -> object:
    """The lesson's widget module, under its new name (``widgets.selection``) or the old one."""
    import importlib

    try:
        return importlib.import_module(f"kamcourse.widgets.{topic}")
    except ModuleNotFoundError:
        return importlib.import_module(f"kamcourse.widgets.{old}")


def measure(
    name: str,
    prepare: Callable[[int], None] | None,
    timed: Callable[[int], None],
    check: Callable[[], str],
    expect: str,
    moves: int,
    profile: cProfile.Profile | None,
) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for i in range(moves + 3):
        if prepare is not None:
            prepare(i)
        t0, c0 = time.perf_counter(), time.process_time()
        if profile is not None and i >= 3:
            profile.enable()
        timed(i)
        if profile is not None:
            profile.disable()
        t1, c1 = time.perf_counter(), time.process_time()
        text = check()
        if expect not in text:
            raise RuntimeError(f"{name}: move {i} did not show {expect!r}: {text[:300]}")
        if i >= 3:  # warm-up moves are not counted
            wall.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
    return wall, cpu


def editor_bench(moves: int, profile: cProfile.Profile | None) -> tuple[list[float], list[float]]:
    from kamcourse import testing

    S = _widgets("selection", "sel")
    editor = S.weights_editor(demo=True)  # type: ignore[attr-defined]
    names = list(editor.sliders)
    pair: dict[str, str] = {}

    def prepare(i: int) -> None:
        down, up = names[i % len(names)], names[(i + 3) % len(names)]
        if editor.sliders[down].value < 1 or editor.sliders[up].value > 99:
            down, up = up, down
        pair["up"] = up
        testing.set_value(editor.sliders[down], editor.sliders[down].value - 1)
        if "not 100" not in testing.output_text(editor.message):
            raise RuntimeError("the refusal move was not refused: " + testing.output_text(editor.message))

    def timed(_i: int) -> None:
        slider = editor.sliders[pair["up"]]
        testing.set_value(slider, slider.value + 1)

    return measure("editor", prepare, timed, lambda: testing.output_text(editor.chart), "(total 100)", moves, profile)


def editor_oneway_bench(moves: int, profile: cProfile.Profile | None) -> tuple[list[float], list[float]]:
    """The weights editor with one weight dragged one way: "Growth of spend" down a point (untimed),
    "Size of wallet" up a point (timed), so every timed move shows weights never shown before
    (a new legend, often a new ranking). ``moves`` is capped at 13 (Growth of spend 15 -> 0)."""
    from kamcourse import testing

    S = _widgets("selection", "sel")
    editor = S.weights_editor(demo=True)  # type: ignore[attr-defined]

    def prepare(_i: int) -> None:
        testing.set_value(editor.sliders["Growth of spend"], editor.sliders["Growth of spend"].value - 1)

    def timed(_i: int) -> None:
        testing.set_value(editor.sliders["Size of wallet"], editor.sliders["Size of wallet"].value + 1)

    return measure(
        "editor-oneway",
        prepare,
        timed,
        lambda: testing.output_text(editor.chart),
        "(total 100)",
        min(moves, 12),
        profile,
    )


def portfolio_bench(moves: int, profile: cProfile.Profile | None) -> tuple[list[float], list[float]]:
    from kamcourse import testing

    P = _widgets("portfolio", "port")
    make = getattr(P, "view", None) or P.portfolio_view  # type: ignore[attr-defined]  # renamed in issue 10
    view = make(demo=True)
    if view.median.value:
        testing.set_value(view.median, False)
    state = {"sign": 1}

    def timed(_i: int) -> None:
        value = view.a_slider.value
        if not 100 <= value + 5 * state["sign"] <= 900:
            state["sign"] = -state["sign"]
        testing.set_value(view.a_slider, value + 5 * state["sign"])

    return measure(
        "portfolio", None, timed, lambda: testing.output_text(view.chart), "Cuts: attractiveness", moves, profile
    )


def p90(values: list[float]) -> float:
    return float(np.percentile(values, 90))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--view", choices=["editor", "editor-oneway", "portfolio", "both", "all"], default="all")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the timed moves")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="kam-bench-")
    os.environ["KAMCOURSE_WORKBOOK"] = os.path.join(folder, "workbook.json")
    benches = {"editor": editor_bench, "editor-oneway": editor_oneway_bench, "portfolio": portfolio_bench}
    chosen = {"all": list(benches), "both": ["editor", "portfolio"]}.get(args.view, [args.view])
    print(
        f"Kernel time per slider move, {time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {args.moves} moves (+3 warm-up)"
    )
    for name in chosen:
        profile = cProfile.Profile() if args.profile else None
        load0 = os.getloadavg()[0]
        wall, cpu = benches[name](args.moves, profile)
        load1 = os.getloadavg()[0]
        label = {
            "editor": "lesson 03 weights editor (redraw)",
            "editor-oneway": "lesson 03 editor, one-way drag",
            "portfolio": "lesson 04 portfolio view",
        }[name]
        print(
            f"  {label:36s} wall median {statistics.median(wall):6.1f} ms, p90 {p90(wall):6.1f} | "
            f"CPU median {statistics.median(cpu):6.1f} ms, p90 {p90(cpu):6.1f} | load {load0:.1f}/{load1:.1f} | "
            f"target CPU median <= {TARGET_MS:.0f} ms: {'met' if statistics.median(cpu) <= TARGET_MS else 'NOT met'}"
        )
        if profile is not None:
            for key in ("tottime", "cumulative"):
                buffer = io.StringIO()
                pstats.Stats(profile, stream=buffer).sort_stats(key).print_stats(22)
                lines = buffer.getvalue().splitlines()
                start = next(i for i, line in enumerate(lines) if "ncalls" in line)
                print(f"    -- {name}: by {key} ({args.moves} moves)")
                print("\n".join("    " + line for line in lines[start:] if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
