"""A workbook saved by lessons 03-04 before the topics were renamed (``sel``/``port`` modules)
restores into the renamed widgets (:mod:`kamcourse.widgets.selection`,
:mod:`kamcourse.widgets.portfolio`): exercise ids and workbook state keys did not change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kamcourse import checks, testing
from kamcourse.widgets import exercise
from kamcourse.widgets import portfolio as port
from kamcourse.widgets import selection as sel
from kamcourse.workbook import Workbook

SAVED = Path(__file__).parent / "data" / "workbooks" / "before_rename_03_04.json"


@pytest.fixture()
def book(tmp_path: Path) -> Workbook:
    path = tmp_path / "workbook.json"
    shutil.copy(SAVED, path)
    return Workbook(path)


def _saved() -> dict:
    return json.loads(SAVED.read_text(encoding="utf-8"))


def test_lesson_03_widgets_restore_what_was_saved_before_the_rename(book: Workbook) -> None:
    state = _saved()["state"]
    grid = sel.ratings_grid(workbook=book)
    assert grid.ratings().loc["Orvale Foods", "Growth of spend"] == 3.0
    assert grid.ratings().loc["Halvorsen Dairies", "Profit potential"] == 9.0
    editor = sel.weights_editor(ratings=grid, workbook=book)
    assert {k: int(s.value) for k, s in editor.sliders.items()} == state["sel.weights_editor"]
    view = sel.sensitivity_view(workbook=book)
    assert (view.criterion.value, view.weight.value) == ("Profit potential", 35)
    team = sel.calibration_view(workbook=book)
    assert team.paste.value == state["sel.calibration"]["text"]


def test_lesson_04_widgets_restore_what_was_saved_before_the_rename(book: Workbook) -> None:
    state = _saved()["state"]
    csf = port.csf_editor("Orvale Foods", workbook=book)
    assert csf.state()["weights"] == state["port.csf_editor.Orvale Foods"]["weights"]
    matrix = port.view(workbook=book)
    assert (matrix.a_slider.value, matrix.s_slider.value) == (600.0, 0.9)
    alloc = port.allocation(400, workbook=book)
    assert alloc.state() == state["port.allocation"]
    loader = port.account_loader(workbook=book)
    assert "accounts_fr.csv" in testing.output_text(loader.message)


@pytest.mark.parametrize("exercise_id", sorted(_saved()["exercises"]))
def test_exercise_answers_restore_into_the_renamed_exercise_widgets(book: Workbook, exercise_id: str) -> None:
    saved = _saved()["exercises"][exercise_id]["answer"]
    widget = exercise(exercise_id, workbook=book)
    assert type(widget).__module__ in (
        "kamcourse.widgets.selection.exercises",
        "kamcourse.widgets.portfolio.exercises",
        "kamcourse.widgets.exercises",
    )
    kind = checks.exercise(exercise_id).kind
    assert kind.split(".")[0] in ("selection", "portfolio", "generic")  # kinds follow the new module names
    assert widget.get_answer() == saved
