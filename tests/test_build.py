from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kamcourse import build
from kamcourse.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


def test_single_assignment_becomes_name_equals_ellipsis() -> None:
    source = "x = 1\n### BEGIN SOLUTION\nanswer = {\n    'a': 1,\n}\n### END SOLUTION\nkam.check('a.b', answer)"
    assert build.strip_source(source) == "x = 1\nanswer = ...  # your answer here\nkam.check('a.b', answer)"


def test_other_regions_become_ellipsis_keeping_indentation() -> None:
    source = "def f():\n    ### BEGIN SOLUTION\n    w.fill(1)\n    w.check()\n    ### END SOLUTION\n    return 2"
    assert build.strip_source(source) == "def f():\n    ...  # your answer here\n    return 2"


def test_markdown_regions_invite_an_answer() -> None:
    assert (
        build.strip_source("Q\n### BEGIN SOLUTION\nA\n### END SOLUTION", markdown=True)
        == "Q\n_Write your answer here._"
    )


@pytest.mark.parametrize(
    ("source", "pattern"),
    [
        ("### BEGIN SOLUTION\nx", "never closed"),
        ("x\n### END SOLUTION", "line 2 has no matching"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "opens inside another"),
    ],
)
def test_unbalanced_markers_are_reported_with_cell(source: str, pattern: str) -> None:
    with pytest.raises(InputError, match=f"sol.ipynb cell 3.*{pattern}|{pattern}"):
        build.strip_source(source, where="sol.ipynb cell 3")


def test_outputs_and_solution_only_cells_are_dropped() -> None:
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION")
    code.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    code.execution_count = 3
    secret = nbformat.v4.new_markdown_cell("trainer notes")
    secret.metadata["tags"] = ["solution-only"]
    nb.cells = [code, secret]
    out = build.strip_solutions(nb)
    assert len(out.cells) == 1
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None
    assert "print(1)" not in out.cells[0].source


def test_committed_exercises_match_their_solutions() -> None:
    """Fails when someone edits a solution without running `make exercises`."""
    assert build.main(["--check", "--root", str(ROOT)]) == 0


def test_check_mode_reports_drift_and_orphans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION")]
    nbformat.write(nb, tmp_path / "solutions" / "01_x.ipynb")
    assert build.main(["--check", "--root", str(tmp_path)]) == 1
    assert "exercises/01_x.ipynb" in capsys.readouterr().err
    assert build.main(["--root", str(tmp_path)]) == 0
    assert "a = ...  # your answer here" in (tmp_path / "exercises" / "01_x.ipynb").read_text()
    assert build.main(["--check", "--root", str(tmp_path)]) == 0
    (tmp_path / "exercises" / "99_orphan.ipynb").write_text("{}")
    assert build.main(["--check", "--root", str(tmp_path)]) == 1
    assert "no solution notebook" in capsys.readouterr().err


def test_solution_only_cells_by_first_line_marker_or_tag_are_dropped() -> None:
    nb = nbformat.v4.new_notebook()
    keep = nbformat.v4.new_code_cell("answer = 1")
    use = nbformat.v4.new_code_cell("### SOLUTION ONLY\nkam.workbook.use('answer-key')")
    note = nbformat.v4.new_markdown_cell("<!-- SOLUTION ONLY -->\nTrainers: the next cell fills the widget.")
    indented = nbformat.v4.new_code_cell("\n  ### solution only\nw.fill(1)")
    tagged = nbformat.v4.new_code_cell("w.fill(2)")
    tagged.metadata["tags"] = ["solution-only"]
    mention = nbformat.v4.new_markdown_cell("A cell that starts with ### SOLUTION ONLY is dropped.")
    nb.cells = [keep, use, note, indented, tagged, mention]
    out = build.strip_solutions(nb)
    assert [c.source for c in out.cells] == ["answer = 1", mention.source]


def test_a_cell_left_with_only_an_ellipsis_is_reported_as_an_orphan() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nwidget.fill(1)\n### END SOLUTION"),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 3\n### END SOLUTION\nkam.check('a.b', answer)"),
        nbformat.v4.new_code_cell("### SOLUTION ONLY\n### BEGIN SOLUTION\nwidget.fill(1)\n### END SOLUTION"),
        nbformat.v4.new_code_cell("x = 1\n...  # a learner's own ellipsis, not a generated one"),
    ]
    found = build.orphan_cells(nb, name="sol.ipynb")
    assert len(found) == 1 and found[0].startswith("sol.ipynb cell 1:") and "### SOLUTION ONLY" in found[0]


SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("solution", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_no_exercise_has_an_orphan_cell(solution: Path) -> None:
    """Every instruction of a learner's exercise points at a cell with something to do."""
    assert build.orphan_cells(nbformat.read(solution, as_version=4), name=solution.name) == []
