"""Export of the worked Orvale Foods plan: time per format, with and without charts.

Each format is written ``REPEATS`` times (default 5) with :func:`kamcourse.planning.export`
into a temporary folder; the first run of each also pays the import of its writer (python-docx,
XlsxWriter) and of matplotlib, so the table shows the first run and the median of the rest.
"With charts" draws the stakeholder map and the opportunity matrix once per export (the
Excel file holds the tables only, so it draws no chart).

Run: .venv/bin/python bench/bench_planning_export.py [repeats]

Measured on the shared 2-core machine (7 repeats, load average 5.6; first run / median of
the next): DOCX with charts 1253 / 734 ms (170 KB), HTML with charts 519 / 355 ms (211 KB),
XLSX 78 / 24 ms (14 KB); without charts DOCX 114 ms, HTML 3 ms. Drawing the two charts is
about 350 ms of each charted export. Under a load average of 20 the same run gave DOCX
1198 ms and HTML 412 ms (medians).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kam-bench-export-"))
    os.environ["KAMCOURSE_WORKBOOK"] = str(folder / "workbook.json")
    start = time.perf_counter()
    from kamcourse import planning as P

    plan = P.worked_plan()
    print(
        f"worked plan built in {1000 * (time.perf_counter() - start):.0f} ms "
        f"(python {platform.python_version()}, load avg {os.getloadavg()[0]:.1f})"
    )
    print("| format | charts | first run | median of the next | size |")
    print("|---|---|---|---|---|")
    for charts in (True, False):
        for suffix in P.FORMATS:
            times = []
            for i in range(REPEATS):
                t0 = time.perf_counter()
                path = P.export(plan, folder / f"orvale_plan_{i}{suffix}", charts=charts)
                times.append(time.perf_counter() - t0)
            rest = statistics.median(times[1:]) if len(times) > 1 else times[0]
            print(
                f"| {suffix} | {'yes' if charts else 'no'} | {1000 * times[0]:.0f} ms | {1000 * rest:.0f} ms | "
                f"{path.stat().st_size / 1024:.0f} KB |"
            )


if __name__ == "__main__":
    main()
