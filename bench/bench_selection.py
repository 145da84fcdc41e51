"""Benchmarks of issue 4 (selecting key accounts). Run: .venv/bin/python bench/bench_selection.py

1. Score + classify 1,000,000 accounts x 10 criteria, against the floor (a bare NumPy
   weighted sum of the same array). Every call validates everything (weights, ratings and
   the 1,000,000 account names); the name checks are also timed alone, since they are the
   part the floor does not do at all.
2. Read a 100,000-row account list as XLSX (python-calamine vs openpyxl) and as CSV
   (skipped with ``--scoring``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kamcourse import portfolio, selection  # noqa: E402
from kamcourse.io import read_accounts  # noqa: E402


def best(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_scoring(n=1_000_000, k=10):
    """Seconds (best of 5) of: the floor, scoring + classifying with every check inside each call
    (on the same table, and on a table whose index is new at each call, so pandas' own
    hash table of the names is built again), the name checks alone, the check once
    (:func:`selection.check_ratings`) and scoring + classifying the checked table."""
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 11, size=(n, k)).astype(float)
    criteria = [f"c{i}" for i in range(k)]
    weights = dict(zip(criteria, [10.0] * k, strict=True))
    w = np.full(k, 10.0)
    floor = best(lambda: arr @ w)
    names = [f"acc{i}" for i in range(n)]
    frame = pd.DataFrame(arr, index=pd.Index(names), columns=criteria)
    strength = pd.Series(rng.uniform(0.5, 1.5, n), index=frame.index)

    def full_run(table=frame):
        sc = selection.weighted_scores(weights, table)
        portfolio.classify(sc, strength)

    fresh = iter([frame.set_axis(pd.Index(list(names)), axis=0) for _ in range(5)])
    cold = best(lambda: full_run(next(fresh)))
    full = best(full_run)
    score_only = best(lambda: selection.weighted_scores(weights, frame))
    name_checks = best(lambda: selection.scoring.check_names(frame.index, "account"))
    check_once = best(lambda: selection.check_ratings(frame), 3)
    checked = selection.check_ratings(frame)
    checked_run = best(lambda: portfolio.classify(selection.weighted_scores(weights, checked), strength))
    return {
        "floor": floor,
        "cold": cold,
        "full": full,
        "score_only": score_only,
        "names": name_checks,
        "check_once": check_once,
        "checked": checked_run,
    }


def write_big_xlsx_csv(folder: Path, n=100_000):
    rng = np.random.default_rng(1)
    df = pd.DataFrame(
        {
            "account": [f"Account {i:06d}" for i in range(n)],
            "segment": rng.choice(["Food", "Chemicals", "Retail"], n),
            "spend": rng.uniform(1e4, 1e7, n).round(2),
            "wallet": rng.integers(0, 11, n),
            "growth": rng.integers(0, 11, n),
        }
    )
    csv_path = folder / "big.csv"
    df.to_csv(csv_path, index=False)
    xlsx_path = folder / "big.xlsx"
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Accounts")
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    wb.save(xlsx_path)
    return csv_path, xlsx_path


def read_openpyxl(path: Path):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return rows


def read_calamine(path: Path):
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def main():
    r = bench_scoring()
    floor = r["floor"]
    print("Scoring + classifying 1,000,000 accounts x 10 criteria (best of 5, seconds)")
    rows = [
        ("floor: bare NumPy arr @ w", floor),
        ("scores + classify, all checks, new index", r["cold"]),
        ("scores + classify, all checks, same table", r["full"]),
        ("weighted_scores alone, same table", r["score_only"]),
        ("  account-name checks alone, same table", r["names"]),
        ("check_ratings once (names, criteria, ratings)", r["check_once"]),
        ("scores + classify of the checked table", r["checked"]),
    ]
    for label, secs in rows:
        print(f"  {label:48s} {secs:8.4f}  x{secs / floor:5.1f}")
    print(
        f"  load average {os.getloadavg()[0]:.1f}; target: checked scoring + classify within 3x the floor -> "
        f"{'met' if r['checked'] <= 3 * floor else 'NOT met'}"
    )
    if "--scoring" in sys.argv:
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = write_big_xlsx_csv(Path(tmp))
        print("\nReading 100,000 account rows x 5 columns (best of 3, seconds)")
        rows = []
        try:
            rows.append(("xlsx raw cells, python-calamine", best(lambda: read_calamine(xlsx_path), 3)))
        except ImportError:
            print("  python-calamine not installed")
        try:
            rows.append(("xlsx raw cells, openpyxl read_only", best(lambda: read_openpyxl(xlsx_path), 3)))
        except ImportError:
            print("  openpyxl not installed")
        num = ["spend", "wallet", "growth"]
        rows.append(
            (
                "read_accounts(xlsx) (calamine + checks)",
                best(lambda: read_accounts(xlsx_path, numeric=num, max_rows=100_000), 3),
            )
        )
        rows.append(("read_accounts(csv)", best(lambda: read_accounts(csv_path, numeric=num, max_rows=100_000), 3)))
        for name, secs in rows:
            print(f"  {name:45s} {secs:8.3f}")


if __name__ == "__main__":
    main()
