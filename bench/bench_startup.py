"""Start-up costs: ``import kamcourse`` in a fresh interpreter, and a lesson's first widget in the browser.

Run: .venv/bin/python bench/bench_startup.py [--runs 10] [--browser] [--notebook PATH ...]

1. Import times (always): ``--runs`` fresh interpreters for each statement, interleaved (so a
   burst of load from other processes hits every statement alike), wall time of the whole
   process, median and p90, minus nothing (the bare interpreter is printed as its own line):
   ``pass``, ``import kamcourse``, ``import kamcourse.selection`` (+ portfolio), and the widget
   layers lessons 03 and 04 import (ipywidgets, matplotlib, pandas come with them).
2. With ``--browser``: JupyterLab in Chromium as ``tests/browser`` drives it. For each notebook
   (default lessons 03 and 04), open it (page load to cells shown and kernel idle: "open"), then
   Run > Restart Kernel and Run All Cells: time from the confirm click to the first widget view
   rendered in the page ("first widget", measured in the page) and to every cell run ("all run").
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

STATEMENTS = {
    "bare interpreter (pass)": "pass",
    "import kamcourse": "import kamcourse",
    "kamcourse core of lessons 03-04": "import kamcourse.selection, kamcourse.portfolio",
}


def _widget_statement(new: str, old: str) -> str:
    return (
        "import importlib\n"
        "try:\n"
        f"    importlib.import_module('kamcourse.widgets.{new}')\n"
        "except ModuleNotFoundError:\n"
        f"    importlib.import_module('kamcourse.widgets.{old}')\n"
    )


STATEMENTS["widgets of lesson 03"] = _widget_statement("selection", "sel")
STATEMENTS["widgets of lesson 04"] = _widget_statement("portfolio", "port")


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(0.9 * (len(ordered) - 1))))]


def import_times(runs: int) -> None:
    env = dict(os.environ, KAMCOURSE_WORKBOOK=os.path.join(tempfile.mkdtemp(prefix="kam-bench-"), "wb.json"))
    times: dict[str, list[float]] = {label: [] for label in STATEMENTS}
    load0 = os.getloadavg()[0]
    for _ in range(runs):
        for label, statement in STATEMENTS.items():
            t0 = time.perf_counter()
            subprocess.run([PYTHON, "-c", statement], check=True, cwd=ROOT, env=env)
            times[label].append((time.perf_counter() - t0) * 1000)
    load1 = os.getloadavg()[0]
    print(f"Fresh interpreter + statement, {runs} runs each (interleaved), load {load0:.1f}/{load1:.1f}")
    for label, values in times.items():
        print(f"  {label:34s} median {statistics.median(values):7.1f} ms | p90 {p90(values):7.1f} ms")


_FIRST_WIDGET = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  window.__kamFirst = null;
  window.__kamT0 = performance.now();
  // A rendered widget view: its output holds the view's node (the mime-type attribute is not set on it).
  const seen = () => Array.from(panel.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets'))
      .some(view => !/Loading widget/i.test(view.textContent || ''));
  const obs = new MutationObserver(() => {
    if (window.__kamFirst === null && seen()) { window.__kamFirst = performance.now(); obs.disconnect(); }
  });
  obs.observe(panel, {subtree: true, childList: true, characterData: true});
}
"""


def browser_times(notebooks: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import re

    from labpage import (  # type: ignore[import-not-found]
        _RUN_FINISHED,
        _WATCH_RUN,
        CHROMIUM,
        CHROMIUM_ARGS,
        RUN_ALL_TIMEOUT_MS,
        open_notebook,
        start_lab,
        stop_lab,
    )
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="kamcourse-bench-"))
    lab, proc = start_lab(tmp)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for notebook in notebooks:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                load0 = os.getloadavg()[0]
                t0 = time.perf_counter()
                open_notebook(page, lab, notebook)
                opened = (time.perf_counter() - t0) * 1000
                page.evaluate(_WATCH_RUN)
                page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
                page.locator(".lm-Menu-item[data-command='runmenu:restart-and-run-all']").click()
                page.evaluate(_FIRST_WIDGET)
                t1 = time.perf_counter()
                page.locator(".jp-Dialog .jp-mod-accept").click()
                page.wait_for_function("() => window.__kamFirst !== null", timeout=RUN_ALL_TIMEOUT_MS, polling=50)
                first = float(page.evaluate("() => window.__kamFirst - window.__kamT0"))
                page.wait_for_function(_RUN_FINISHED, timeout=RUN_ALL_TIMEOUT_MS, polling=100)
                all_run = (time.perf_counter() - t1) * 1000
                load1 = os.getloadavg()[0]
                print(
                    f"  {notebook:42s} open {opened:7.0f} ms | run all -> first widget {first:7.0f} ms | "
                    f"all run {all_run:7.0f} ms | load {load0:.1f}/{load1:.1f}"
                )
                page.close()
            browser.close()
    finally:
        stop_lab(lab, proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--notebook", action="append")
    args = parser.parse_args()
    import_times(args.runs)
    if args.browser:
        notebooks = args.notebook or [
            "notebooks/03_selecting_key_accounts.ipynb",
            "notebooks/04_portfolio_matrix.ipynb",
        ]
        print(f"JupyterLab in Chromium, {time.strftime('%Y-%m-%d %H:%M')}")
        browser_times(notebooks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
