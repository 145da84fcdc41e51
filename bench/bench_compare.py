"""Benchmark of issue 13: collect and compare 300 groups' workbooks.

Run: .venv/bin/python bench/bench_compare.py [--groups 300] [--repeat 5]

Writes a practice room of generated workbooks (kamcourse.trainer.sample) into a temporary
folder, with damaged, foreign and newer-format files among them, then times (best of
``--repeat``, seconds):

1. collecting the folder -- ``kamcourse.exchange.collect`` (issue 14) when this copy of the
   course has it, else a bare ``json.load`` of every file as the floor;
2. ``compare()`` of the collected workbooks;
3. the overview of every exercise, then every exercise's agreement table (the whole analysis);
4. the compare widget loading the room and drawing its overview chart;
5. one exercise's charts as PNG: the spread of lesson 03's weights and the choices of the 3x3
   placement.

Target: collect + compare + overview of 300 workbooks well under 2 s.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kamcourse.trainer import compare, sample


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def plain_collect(folder: Path) -> dict[str, Any]:
    found = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        found[path.stem] = data
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kam-bench-compare-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        written = sample.write_room(folder, args.groups, seed=1, damaged=3, foreign=2, future=2)
        size = sum(p.stat().st_size for p in written)
        print(f"wrote {len(written)} files ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
        try:
            from kamcourse import exchange

            def collect() -> dict[str, Any]:
                result = exchange.collect(folder)
                return dict(result.workbooks)

            how = "kamcourse.exchange.collect"
            skipped = len(exchange.collect(folder).problems)
        except ImportError:

            def collect() -> dict[str, Any]:
                return plain_collect(folder)

            how = "json.load of every *.json (no kamcourse.exchange in this copy)"
            skipped = 0
        t_collect, books = best(collect, args.repeat)
        t_compare, room = best(lambda: compare.compare(books), args.repeat)
        t_overview, _ = best(lambda: compare.compare(books).overview(), args.repeat)

        def everything() -> int:
            fresh = compare.compare(books)
            fresh.overview()
            for exercise_id in fresh.exercises():
                fresh.exercise(exercise_id).agreement()
            return len(fresh.exercises())

        t_all, count = best(everything, args.repeat)

        from kamcourse.widgets import trainer as widgets

        t_widget, _ = best(lambda: widgets.compare_view(books), max(1, args.repeat // 2))

        from kamcourse.plots import trainer as plots

        def charts() -> None:
            for figure in (
                plots.spread_chart(room.exercise("sel.weights")),
                plots.choices_chart(room.exercise("kap.placement")),
            ):
                figure.savefig(io.BytesIO(), format="png", dpi=100)

        t_charts, _ = best(charts, max(1, args.repeat // 2))
    print(
        f"groups: {len(room)} compared, {len(room.problems)} left out by compare; "
        f"collect skipped {skipped} files ({how})"
    )
    rows = [
        ("collect the folder", t_collect),
        ("compare()", t_compare),
        ("compare() + overview of every exercise", t_overview),
        (f"compare() + overview + agreement of all {count} exercises", t_all),
        ("collect + compare + overview (the target)", t_collect + t_overview),
        ("compare widget: load + overview chart", t_widget),
        ("two charts to PNG (weights spread, placement choices)", t_charts),
    ]
    print(f"{'what':60s} seconds")
    for name, seconds in rows:
        print(f"{name:60s} {seconds:7.3f}")
    target = t_collect + t_overview
    print(
        f"target: collect + compare + overview of {args.groups} workbooks < 2 s: "
        f"{'met' if target < 2 else 'NOT met'} ({target:.2f} s)"
    )


if __name__ == "__main__":
    main()
