"""Every notebook runs top to bottom without an error, with a fresh workbook (as nbval did).

Each run goes through tests/notebook_runs.py, so a test that inspects the same run (a fresh
workbook) shares it instead of executing the notebook again: one execution per notebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kamcourse import testing

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p for folder in ("notebooks", "solutions", "exercises", "trainer") for p in (ROOT / folder).glob("*.ipynb")
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_notebook_runs_with_a_fresh_workbook(path: Path, tmp_path: Path) -> None:
    testing.run_notebook(path, workbook=tmp_path / "workbook.json")  # raises CellExecutionError if a cell fails


def test_every_folder_has_notebooks() -> None:
    for folder in ("notebooks", "solutions", "exercises", "trainer"):
        assert any(p.parent.name == folder for p in NOTEBOOKS), folder
