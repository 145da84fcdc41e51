"""Lessons 06-08 and their exercises, run unattended: the exercises run unanswered, the
solution of lesson 08 gets full marks and exports the worked plan in three formats, answers
come back after a restart, and running a lesson never changes the plan a learner saved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kamcourse import planning as P
from kamcourse.testing import notebook_text, run_notebook
from kamcourse.workbook import Workbook

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["06_situational_analysis", "07_strategy_formulation"])
def test_exercises_run_unanswered_and_say_so(tmp_path: Path, name: str) -> None:
    text = notebook_text(run_notebook(ROOT / "exercises" / f"{name}.ipynb", workbook=tmp_path / "wb.json"))
    assert "Not answered yet" in text
    assert "Traceback" not in text and "Internal error" not in text


def test_solution_08_exports_the_worked_plan_and_the_exercise_restores_the_answers(tmp_path: Path) -> None:
    book = tmp_path / "wb.json"
    text = notebook_text(run_notebook(ROOT / "solutions" / "08_key_account_plan.ipynb", workbook=book))
    assert "Correct: every influential person is covered" in text
    assert "Correct: your 6 actions are owned, dated and tied to the objectives" in text
    folder = tmp_path / "plans"  # beside the workbook: inside the course's git-ignored work/ folder by default
    for suffix in P.FORMATS:
        assert (folder / f"orvale_plan{suffix}").stat().st_size > 5_000
    assert "Sanna Virtanen" in (folder / "orvale_plan.html").read_text(encoding="utf-8")
    # The worked answers went to the trainer's answer key beside the learner's workbook, never into it.
    key = tmp_path / "answer-key.json"
    assert key.is_file() and not book.exists()
    # A learner with the same answers (the key's file as their workbook) runs the exercise again,
    # as after a restart: the saved answers come back.
    shutil.copyfile(key, book)
    again = notebook_text(run_notebook(ROOT / "exercises" / "08_key_account_plan.ipynb", workbook=book))
    assert "Correct: your 6 actions are owned" in again
    assert "Traceback" not in again


def test_running_lesson_08_never_changes_the_plan_a_learner_saved(tmp_path: Path) -> None:
    book = Workbook(tmp_path / "wb.json")
    plan = P.worked_plan(workbook=book).replace(account="Orvale Foods")
    P.save(plan, workbook=book)
    before = json.loads(book.path.read_text(encoding="utf-8"))["state"]
    text = notebook_text(run_notebook(ROOT / "notebooks" / "08_key_account_plan.ipynb", workbook=book.path))
    assert "Traceback" not in text and "Internal error" not in text
    after = json.loads(book.path.read_text(encoding="utf-8"))["state"]
    assert after["planning.plan.Orvale Foods"] == before["planning.plan.Orvale Foods"]
    assert (tmp_path / "plans" / "orvale_plan.html").is_file()
