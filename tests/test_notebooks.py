"""Rules every committed notebook keeps, and what the exercise and solution runs show."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kamcourse.testing import notebook_text, run_notebook, widget_values

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


def test_exercise_02_runs_unanswered_and_says_so(tmp_path: Path) -> None:
    joined = notebook_text(run_notebook(ROOT / "exercises" / "02_kap_framework.ipynb", workbook=tmp_path / "wb.json"))
    assert "Not answered yet" in joined
    assert "Traceback" not in joined and "Error" not in joined


LEARNER_STRATEGY = {
    "condition": "brenna_opening",
    "response": "we propose packaging for its plant-based range from the first day, with a line trial at Brenna",
    "alternative": "we use the months to certify our recycled content and qualify the fibre tray with packaging technology",  # noqa: E501 (a literal line of data)
}


def test_solution_02_gets_full_marks_in_its_own_workbook_and_leaves_the_learner_s_alone(tmp_path: Path) -> None:
    from kamcourse import checks
    from kamcourse.workbook import Workbook

    book = Workbook(tmp_path / "work" / "workbook.json")  # a learner's answers, one of them partly right
    checks.check("kap.placement", {"p1": "Operations", "p2": "Situational analysis"}, workbook=book)
    checks.check("kap.strategy", LEARNER_STRATEGY, workbook=book)
    before = book.path.read_bytes()
    joined = notebook_text(run_notebook(ROOT / "solutions" / "02_kap_framework.ipynb", workbook=book.path))
    assert "Correct: all 15 items are in the right box." in joined
    assert "Correct: your strategy prepares for something the case says may happen" in joined
    assert book.path.read_bytes() == before, "the solution changed the learner's workbook"
    key = Workbook(book.path.with_name("answer-key.json"))
    assert {k: v["attempts"][-1]["status"] for k, v in key.load()["exercises"].items()} == {
        "kap.placement": "correct",
        "kap.strategy": "correct",
    }
    # The learner's copy, run again on the learner's workbook (as after a restart), shows the
    # learner's own answers, not the key's.
    run = run_notebook(ROOT / "exercises" / "02_kap_framework.ipynb", workbook=book.path)
    values = widget_values(run)
    assert LEARNER_STRATEGY["response"] in values and LEARNER_STRATEGY["alternative"] in values
    assert "Process stages \u2192 Operations" in values  # item 1, as the learner placed it
    assert values.count("(choose)") >= 13, "the items the learner left open stay open"
    progress = notebook_text(run)
    assert "Partly right" in progress and "Traceback" not in progress
    assert book.path.read_bytes() == before
    # A trainer who opens the exercise on the answer key sees it all correct.
    again = notebook_text(run_notebook(ROOT / "exercises" / "02_kap_framework.ipynb", workbook=key.path))
    assert again.count("<td>Correct</td>") == 2 and "Traceback" not in again  # kam.progress's table


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_links_to_other_notebooks_resolve(path: Path) -> None:
    import re

    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    targets = re.findall(r"\]\(([^)#\s]+\.ipynb)\)", text)
    missing = [t for t in targets if not (path.parent / t).resolve().exists()]
    assert missing == [], f"{path.name} links to missing notebooks: {missing}"


def test_every_lesson_links_to_the_next_module() -> None:
    """The learning path is walkable: each lesson links to the next module's lesson that exists
    (the module map in content/modules.yaml gives the order)."""
    from kamcourse import course

    order = [m["lesson"] for m in course.modules()]
    present = [name for name in order if (ROOT / "notebooks" / f"{name}.ipynb").exists()]
    missing = []
    for here, after in zip(present, present[1:], strict=False):
        nb = nbformat.read(ROOT / "notebooks" / f"{here}.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        if f"]({after}.ipynb)" not in text:
            missing.append(f"{here} -> {after}")
    assert missing == [], f"lessons without a link to the next one: {missing}"
