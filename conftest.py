"""Project-wide pytest setup.

* Notebook runs are shared: every test that runs a notebook through
  ``kamcourse.testing.run_notebook`` goes through tests/notebook_runs.py, which executes each
  notebook once per distinct input (notebook, workbook content, environment) in a test run. It is
  put in place here, before any test module imports ``run_notebook``.
* No test writes to the learner's real ``work/workbook.json``: ``KAMCOURSE_WORKBOOK`` points at a
  file in a temporary folder, removed when the run ends.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

import notebook_runs  # noqa: E402 - tests/notebook_runs.py

import kamcourse.testing  # noqa: E402 - after the path to tests/ is set

kamcourse.testing.run_notebook = notebook_runs.run_notebook  # type: ignore[assignment]

_WORKBOOKS = Path(tempfile.mkdtemp(prefix="kamcourse-test-workbooks-"))
os.environ["KAMCOURSE_WORKBOOK"] = str(_WORKBOOKS / "default.json")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_WORKBOOKS, ignore_errors=True)
