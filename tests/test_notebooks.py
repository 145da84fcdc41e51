"""Rules every committed notebook keeps, and what the exercise and solution runs show."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for d in ("notebooks", "solutions", "exercises") for p in (ROOT / d).glob("*.ipynb"))


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_without_outputs_and_with_a_kernelspec(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"{path.name}: cells {dirty} carry outputs; clear them before committing"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lessons_open_with_time_and_prerequisites_and_end_with_a_summary(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# ")
    assert "**Time:**" in first and "**Prerequisites:**" in first
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "## Summary" in text
    if path.stem != "00_start_here":
        assert "What you will learn" in first
        assert "## Self-check" in text
        assert f"../exercises/{path.name}" in text, "a lesson links to its exercise"
        assert (ROOT / "exercises" / path.name).exists()


def _run(path: Path, workbook: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    old = os.environ.get("KAMCOURSE_WORKBOOK")
    os.environ["KAMCOURSE_WORKBOOK"] = str(workbook)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if old is None:
            del os.environ["KAMCOURSE_WORKBOOK"]
        else:
            os.environ["KAMCOURSE_WORKBOOK"] = old
    return nb


def _texts(nb: nbformat.NotebookNode) -> list[str]:
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        chunk = []
        for out in cell.outputs:
            chunk.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
        texts.append("\n".join(chunk))
    return texts


def test_exercise_02_runs_unanswered_and_says_so(tmp_path: Path) -> None:
    nb = _run(ROOT / "exercises" / "02_kap_framework.ipynb", tmp_path / "wb.json")
    joined = "\n".join(_texts(nb))
    assert "Not answered yet" in joined
    assert "Traceback" not in joined and "Error" not in joined


def test_solution_02_gets_full_marks_and_a_rerun_restores_answers(tmp_path: Path) -> None:
    book = tmp_path / "wb.json"
    nb = _run(ROOT / "solutions" / "02_kap_framework.ipynb", book)
    joined = "\n".join(_texts(nb))
    assert "Correct: all 15 items are in the right box." in joined
    assert "Correct: your text has the form of a conditional plan" in joined
    # The learner's copy, run against the same workbook (as after a restart), shows the saved answers.
    again = _run(ROOT / "exercises" / "02_kap_framework.ipynb", book)
    assert "Correct: all 15 items" in "\n".join(_texts(again))
