"""Lessons 01 and 09 as a learner runs them: unanswered exercises, full-mark solutions, answers that
survive a restart, saved work untouched by a lesson run, and times that agree with the module map."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from kamcourse import course
from kamcourse.testing import notebook_text, run_notebook
from kamcourse.workbook import Workbook

ROOT = Path(__file__).resolve().parent.parent
LESSONS = {"01": "01_why_key_account_management", "09": "09_organising_for_kam"}
FULL_MARKS = {
    "01": ["Correct: all 8 decisions hold", "Correct: all 10 statements are placed on the right side."],
    "09": [
        "Correct: all 11 duties are with the right role.",
        "Correct: your mix suits a team-sold",
        "Correct: every metric is aligned, controllable, trackable and focused",
    ],
}
RESTORED = {"01": "Correct: all 8 decisions hold", "09": "Correct: every metric is aligned"}


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_the_lesson_states_the_time_of_the_module_map(number: str) -> None:
    entry = next(m for m in course.modules() if m["number"] == number)
    assert entry["lesson"] == LESSONS[number]
    first = nbformat.read(ROOT / "notebooks" / f"{LESSONS[number]}.ipynb", as_version=4).cells[0].source
    lesson, exercise = map(int, re.search(r"about (\d+) minutes \(plus (\d+) for the exercise\)", first).groups())
    assert lesson + exercise == entry["minutes"]
    solution = nbformat.read(ROOT / "solutions" / f"{LESSONS[number]}.ipynb", as_version=4).cells[0].source
    assert f"**Time:** about {exercise} minutes" in solution


def test_next_lesson_links_run_00_01_02_and_09_back_to_the_start() -> None:
    def text(name: str) -> str:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")

    assert "**Next:** [Why key account management" in text("00_start_here")
    assert "(01_why_key_account_management.ipynb)" in text("00_start_here")
    assert re.search(r"\*\*Next lesson:\*\* \[[^]]+\]\(02_kap_framework\.ipynb\)", text(LESSONS["01"]))
    last = text(LESSONS["09"]).rsplit("**Next lesson:**", 1)[1]
    assert "capstone" in last and "is coming" in last and "(00_start_here.ipynb)" in last


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_exercise_runs_unanswered_and_says_so(tmp_path: Path, number: str) -> None:
    joined = notebook_text(run_notebook(ROOT / "exercises" / f"{LESSONS[number]}.ipynb", workbook=tmp_path / "wb.json"))
    assert "Not answered yet" in joined
    assert "Traceback" not in joined and "Error" not in joined
    for phrase in FULL_MARKS[number]:
        assert phrase not in joined


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_solution_gets_full_marks_and_the_answers_survive_a_restart(tmp_path: Path, number: str) -> None:
    book = tmp_path / "wb.json"
    joined = notebook_text(run_notebook(ROOT / "solutions" / f"{LESSONS[number]}.ipynb", workbook=book))
    for phrase in FULL_MARKS[number]:
        assert phrase in joined, phrase
    # The solution saved its worked answers in the trainer's answer key beside the learner's
    # workbook, never in the learner's own file.
    key = tmp_path / "answer-key.json"
    assert key.exists() and not book.exists()
    # A learner with the same answers (the key's file as their workbook) runs the exercise again,
    # as after a kernel restart: the saved answers come back, and the plain-function check reads them.
    shutil.copyfile(key, book)
    again = notebook_text(run_notebook(ROOT / "exercises" / f"{LESSONS[number]}.ipynb", workbook=book))
    assert RESTORED[number] in again


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_running_the_lesson_never_changes_what_the_learner_saved(tmp_path: Path, number: str) -> None:
    path = tmp_path / "wb.json"
    book = Workbook(path)
    book.set_state("fundamentals.lesson.cut", {"cut": 37})
    book.set_state(
        "fundamentals.loader",
        {"file": "mine.csv", "column": "revenue", "customers": ["A", "B"], "revenues": [3.0, 1.0]},
    )
    book.set_state(
        "organising.lesson.congruence",
        {sid: 2 for sid in ("s1", "s2", "s3", "o1", "o2", "o3", "h1", "h2", "h3", "p1", "p2", "p3")},
    )
    book.set_state("organising.lesson.success_factors", {"budget": {"rating": 3, "evidence": "A committee meets"}})
    book.save_answer("fundamentals.quiz.key_account", "a")
    before = json.loads(path.read_text(encoding="utf-8"))
    run_notebook(ROOT / "notebooks" / f"{LESSONS[number]}.ipynb", workbook=path)
    after = json.loads(path.read_text(encoding="utf-8"))
    assert after == before, "a lesson run writes nothing: no answer, no widget state, no attempt"
