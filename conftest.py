"""Project-wide pytest setup: every notebook run gets its own, empty workbook.

The kernels that nbval starts inherit this process's environment, so pointing
``KAMCOURSE_WORKBOOK`` at a fresh file before each notebook's kernel starts keeps the
learner's real ``work/workbook.json`` untouched and makes each exercise run unanswered.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_WORKBOOKS = Path(tempfile.mkdtemp(prefix="kamcourse-test-workbooks-"))
os.environ["KAMCOURSE_WORKBOOK"] = str(_WORKBOOKS / "default.json")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    path = Path(str(item.fspath))
    if path.suffix == ".ipynb":
        name = f"{path.parent.name}-{path.stem}.json"
        os.environ["KAMCOURSE_WORKBOOK"] = str(_WORKBOOKS / name)
