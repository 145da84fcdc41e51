"""A workbook saved before issue 10's renames restores into the widgets of lessons 02 and 05.

``tests/data/workbooks/before_rename_02_05.json`` was written by the code as it was before the
topic names became one per layer (``widgets/rel.py``, ``checkers/rel.py``, strings ``rel``/``kap``),
by driving its widgets as a person would: the lesson widgets of lesson 05 (quick check, two views,
contact editor, fit grid) and the exercises of lessons 02 and 05, part answered. Exercise ids
(``kap.placement``, ``rel.diagnose``, ...) and state keys (``rel.lesson.quick_check``, ...) did not
change, so every saved answer must come back in the renamed widgets, and building them writes nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kamcourse import widgets
from kamcourse.widgets import relationships as relw
from kamcourse.workbook import Workbook

SAVED = Path(__file__).resolve().parent / "data" / "workbooks" / "before_rename_02_05.json"


@pytest.fixture()
def old_book(book: Workbook) -> Workbook:
    book.path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAVED, book.path)
    return book


def _saved() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAVED.read_text(encoding="utf-8"))
    return data


def test_the_saved_workbook_is_the_old_one() -> None:
    data = _saved()
    assert set(data["state"]) == {
        "rel.lesson.quick_check",
        "rel.lesson.two_views",
        "rel.lesson.contacts",
        "rel.lesson.fit_grid",
    }
    assert set(data["exercises"]) == {
        "kap.placement",
        "kap.strategy",
        "kap.quiz.horizontal",
        "rel.diagnose",
        "rel.quick_check",
        "rel.contacts",
        "rel.portfolio",
        "rel.quiz.aim",
    }


def test_lesson_05_widgets_restore_the_state_saved_before_the_rename(old_book: Workbook) -> None:
    state = _saved()["state"]
    before = old_book.path.read_bytes()
    quick = relw.quick_check(workbook=old_book)
    assert quick.questionnaire.values() == state["rel.lesson.quick_check"]
    assert quick.check is not None and quick.check.total == 10
    views = relw.two_views(workbook=old_book)
    assert views.first.values() == state["rel.lesson.two_views"]["first"]
    assert views.second.values() == state["rel.lesson.two_views"]["second"]
    editor = relw.contact_editor(workbook=old_book)
    assert editor.text.value == state["rel.lesson.contacts"]
    assert editor.structure is not None and editor.structure.kind == "mixed"
    grid = relw.fit_grid(workbook=old_book)
    assert {a: list(v) for a, v in grid.portfolio().items()} == state["rel.lesson.fit_grid"]
    assert old_book.path.read_bytes() == before, "restoring wrote into the workbook"


@pytest.mark.parametrize(
    "exercise_id",
    [
        "kap.placement",
        "kap.strategy",
        "kap.quiz.horizontal",
        "rel.diagnose",
        "rel.quick_check",
        "rel.contacts",
        "rel.portfolio",
        "rel.quiz.aim",
    ],
)
def test_exercises_of_lessons_02_and_05_restore_the_answers_saved_before_the_rename(
    old_book: Workbook, exercise_id: str
) -> None:
    saved = _saved()["exercises"][exercise_id]["answer"]
    before = old_book.path.read_bytes()
    ex = widgets.exercise(exercise_id, workbook=old_book)
    assert type(ex).__name__ != "TextExercise", "the lesson's own widget, not a text box"
    assert ex.get_answer() == saved
    assert old_book.path.read_bytes() == before, "restoring wrote into the workbook"
