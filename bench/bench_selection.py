"""Benchmarks of issue 4 (selecting key accounts). Run: .venv/bin/python bench/bench_selection.py

1. Score + classify 1,000,000 accounts x 10 criteria, against the floor (a bare NumPy
   weighted sum of the same array). Every call validates everything (weights, ratings and
   the 1,000,000 account names); the name checks are also timed alone, since they are the
   part the floor does not do at all.
2. Read a 100,000-row account list as XLSX (python-calamine vs openpyxl) and as CSV.
"""

from __future__ import annotations

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
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 11, size=(n, k)).astype(float)
    criteria = [f"c{i}" for i in range(k)]
    weights = dict(zip(criteria, [10.0] * k))
    w = np.full(k, 10.0)
    strength = pd.Series(rng.uniform(0.5, 1.5, n))
    floor = best(lambda: arr @ w)

    def make_frame():
        return pd.DataFrame(arr, index=pd.Index([f"acc{i}" for i in range(n)]), columns=criteria)

    frame = make_frame()
    strength.index = frame.index

    def full_run():
        sc = selection.weighted_scores(weights, frame)
        portfolio.classify(sc, strength)

    full = best(full_run)
    score_only = best(lambda: selection.weighted_scores(weights, frame))
    names = best(lambda: selection.scoring.check_names(frame.index, "account"))
    return floor, full, score_only, names


def write_big_xlsx_csv(folder: Path, n=100_000):
    rng = np.random.default_rng(1)
    df = pd.DataFrame({
        "account": [f"Account {i:06d}" for i in range(n)],
        "segment": rng.choice(["Food", "Chemicals", "Retail"], n),
        "spend": rng.uniform(1e4, 1e7, n).round(2),
        "wallet": rng.integers(0, 11, n),
        "growth": rng.integers(0, 11, n),
    })
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
    floor, full, score_only, names = bench_scoring()
    print("Scoring + classifying 1,000,000 accounts x 10 criteria (best of 5, seconds)")
    print(f"  {'floor: bare NumPy arr @ w':45s} {floor:8.4f}")
    print(f"  {'weighted_scores (all checks)':45s} {score_only:8.4f}  x{score_only / floor:5.1f}")
    print(f"  {'scores + classify (all checks)':45s} {full:8.4f}  x{full / floor:5.1f}")
    print(f"  {'  of which account-name checks':45s} {names:8.4f}")
    print(f"  {'scores + classify without the name checks':45s} {full - names:8.4f}  x{(full - names) / floor:5.1f}")
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
        rows.append(("read_accounts(xlsx) (calamine + checks)",
                     best(lambda: read_accounts(xlsx_path, numeric=num, max_rows=100_000), 3)))
        rows.append(("read_accounts(csv)", best(lambda: read_accounts(csv_path, numeric=num, max_rows=100_000), 3)))
        for name, secs in rows:
            print(f"  {name:45s} {secs:8.3f}")


if __name__ == "__main__":
    main()
