"""Every lesson and every solution, run in JupyterLab in Chromium as a learner runs it.

Notebooks are found when the tests are collected, so a lesson added later is covered
without touching this file. A notebook fails on any error output (an exception, a widget's
"Internal error" written to stderr, any stderr stream), on "Error displaying widget" or
"model not found", and on any widget left unrendered; the message names the notebook and
the cell. A full-page screenshot of each notebook goes to ``test-artifacts/``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from labpage import ROOT, Lab, assert_no_problems, open_notebook, restart_and_run_all, screenshot

NOTEBOOKS = sorted(
    str(p.relative_to(ROOT)) for folder in ("notebooks", "solutions") for p in (ROOT / folder).glob("*.ipynb")
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_clean_in_browser(page, lab: Lab, path: str) -> None:
    before = _digest(ROOT / path)
    open_notebook(page, lab, path)
    restart_and_run_all(page)
    screenshot(page, path.replace("/", "__").removesuffix(".ipynb"))
    assert_no_problems(page, path)
    assert _digest(ROOT / path) == before, f"{path} was written to while the browser ran it (autosave?)"
