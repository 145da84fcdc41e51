"""Running any notebook top to bottom never changes what a learner saved, and no learner sees NaN.

A learner's workbook is prepared as a learner would leave it: every exercise answered through
``kam.check`` with the solutions' answers (after a wrong try), every self-check answered, and
the lesson widgets moved as a person moves them (a slider, a rating, a pasted table, an
uploaded list...). Then every notebook of ``notebooks/``, ``exercises/`` (as committed, answer
cells unanswered) and ``solutions/`` is run top to bottom against a copy of that workbook, in
its own kernel; the workbook file must come out byte for byte as it went in. The same runs
are read for ``NaN``: a missing value is shown as a dash or a word, never as ``NaN``.

Notebooks are found when the tests are collected, so a lesson added later is covered too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kamcourse import checks, io, testing
from kamcourse.testing import notebook_text, run_notebook
from kamcourse.workbook import Workbook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for d in ("notebooks", "exercises", "solutions") for p in (ROOT / d).glob("*.ipynb"))

NAN = re.compile(r"\b(NaN|nan|NaT)\b|<NA>")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --------------------------------------------------------------------------- the learner's workbook
def _harvest_solution_answers(folder: Path) -> dict[str, Any]:
    """Every answer the solution notebooks give, read from where they saved it."""
    answers: dict[str, Any] = {}
    for solution in sorted((ROOT / "solutions").glob("*.ipynb")):
        where = folder / solution.stem
        where.mkdir()
        run_notebook(solution, workbook=where / "workbook.json")
        for saved in sorted(where.glob("*.json")):  # the answer key, or (older solutions) the given file
            for exercise_id, record in Workbook(saved).load()["exercises"].items():
                if "answer" in record:
                    answers[exercise_id] = record["answer"]
    return answers


def _move_lesson_widgets(book: Workbook) -> None:
    """Move each lesson widget as a person would, so that its state is saved in ``book``."""
    from kamcourse import widgets

    sel, port = widgets.selection, widgets.portfolio
    grid = sel.ratings_grid(workbook=book)
    grid.set_rating("Orvale Foods", "Growth of spend", 3)
    editor = sel.weights_editor(ratings=grid, workbook=book)
    testing.set_value(editor.sliders["Size of wallet"], 23)  # left at a total of 103, mid-edit
    view = sel.sensitivity_view(workbook=book)
    testing.set_value(view.criterion, "Growth of spend")
    testing.set_value(view.weight, 35)
    team = sel.calibration_view(workbook=book)
    testing.set_value(
        team.paste,
        "rater,account,criterion,rating\nMy,Orvale Foods,Growth of spend,2\nTeam,Orvale Foods,Growth of spend,9",
    )
    testing.click(team.use_pasted)
    csf = port.csf_editor("Orvale Foods", workbook=book)
    testing.set_value(csf.weights["Price"], 25)
    matrix = port.view(workbook=book)
    testing.set_value(matrix.a_slider, 650)
    alloc = port.allocation(400, workbook=book)
    testing.set_value(alloc.weights["Star"], 40)
    loader = port.account_loader(workbook=book)
    loader.load_path(io.example("accounts_fr.csv"))
    # Lesson 05: the quick check left partly answered (built empty, as in a learner's own cell),
    # one answer in the two views, a contact added, a stage changed. Lesson 02's grid saves nothing.
    rel = widgets.relationships
    check = rel.quick_check(workbook=book)
    testing.set_value(check.questionnaire.buttons["planning"], "agree")
    views = rel.two_views(workbook=book)
    testing.set_value(views.first.buttons["trust"], "agree")
    contacts = rel.contact_editor("Key account manager - Buyer", workbook=book)
    testing.set_value(contacts.text, contacts.text.value + "\nQuality engineer - Quality manager")
    grid = rel.fit_grid(workbook=book)
    testing.set_value(grid.stages["Marlow Brewing Group"], "interdependent")


@pytest.fixture(scope="module")
def learner_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook as a learner leaves it after working through the course (built once)."""
    folder = tmp_path_factory.mktemp("learner")
    book = Workbook(folder / "work" / "workbook.json")
    answers = _harvest_solution_answers(tmp_path_factory.mktemp("solutions"))
    groups = sorted({p.stem for p in (ROOT / "kamcourse" / "content" / "exercises").glob("*.yaml")})
    for group in groups:
        for item in checks.exercises(group):
            if item.kind == "generic.choice":
                wrong = next(o["id"] for o in item.key["options"] if o["id"] != item.key["answer"])
                checks.check(item.id, wrong, workbook=book)
                checks.check(item.id, item.key["answer"], workbook=book)
            elif item.id in answers:
                checks.check(item.id, answers[item.id], workbook=book)
            if item.hints:
                checks.hint(item.id, workbook=book)
    _move_lesson_widgets(book)
    return book.path


def test_the_learner_workbook_holds_answers_and_widget_states(learner_workbook: Path) -> None:
    data = Workbook(learner_workbook).load()
    answered = {k for k, v in data["exercises"].items() if "answer" in v}
    for group in ("sel", "port"):
        assert {e.id for e in checks.exercises(group)} <= answered, f"every {group} exercise is answered"
        for item in checks.exercises(group):  # the solutions' answers are right
            assert data["exercises"][item.id]["attempts"][-1]["status"] == "correct", item.id
    assert all(checks.check(k, workbook=Workbook(learner_workbook)).status != "not_answered" for k in answered)
    for key in (
        "sel.ratings_grid",
        "sel.weights_editor",
        "sel.sensitivity",
        "sel.calibration",
        "port.csf_editor.Orvale Foods",
        "port.portfolio_view",
        "port.allocation",
        "port.loader",
    ):
        assert key in data["state"], key
    assert data["state"]["sel.weights_editor"]["Size of wallet"] == 23
    quick = data["state"]["rel.lesson.quick_check"]
    assert quick["planning"] == "agree" and list(quick.values()).count(None) == 5, "left partly answered"
    assert data["state"]["rel.lesson.two_views"]["first"]["trust"] == "agree"
    assert data["state"]["rel.lesson.contacts"].endswith("Quality engineer - Quality manager")
    assert data["state"]["rel.lesson.fit_grid"]["Marlow Brewing Group"][1] == "interdependent"


# --------------------------------------------------------------------------- every notebook, run
@pytest.fixture(scope="module", params=NOTEBOOKS, ids=_name)
def run(
    request: pytest.FixtureRequest, learner_workbook: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """One notebook run top to bottom against a copy of the learner's workbook (once per notebook)."""
    path: Path = request.param
    folder = tmp_path_factory.mktemp(path.stem) / "work"
    folder.mkdir()
    book = folder / "workbook.json"
    shutil.copyfile(learner_workbook, book)
    before = book.read_bytes()
    try:
        text, error = notebook_text(run_notebook(path, workbook=book)), None
    except Exception as exc:  # noqa: BLE001 - reported by each test below, naming the notebook
        text, error = "", str(exc)[-3000:]
    return {
        "name": _name(path),
        "before": before,
        "after": book.read_bytes(),
        "text": text,
        "error": error,
        "siblings": sorted(p.name for p in folder.iterdir()),
    }


def test_running_a_notebook_never_changes_what_the_learner_saved(run: dict[str, Any]) -> None:
    assert run["error"] is None, f"{run['name']} fails on a learner's saved work:\n{run['error']}"
    if run["before"] != run["after"]:
        import json

        old, new = json.loads(run["before"]), json.loads(run["after"])
        changed = sorted(
            {
                *(k for k in new["exercises"] if new["exercises"][k] != old["exercises"].get(k)),
                *(f"state {k}" for k in new["state"] if new["state"][k] != old["state"].get(k)),
            }
        )
        pytest.fail(f"{run['name']} changed the learner's saved work: {changed}")
    if run["name"].startswith("solutions/"):
        assert "answer-key.json" in run["siblings"], "a solution saves its worked answers in the trainer's workbook"


def test_no_learner_ever_sees_nan(run: dict[str, Any]) -> None:
    assert run["error"] is None, f"{run['name']} fails on a learner's saved work:\n{run['error']}"
    hits = [m.start() for m in NAN.finditer(run["text"])]
    shown = [run["text"][max(0, h - 80) : h + 20].replace("\n", " | ") for h in hits[:3]]
    assert not hits, f"{run['name']} shows a missing value as NaN: {shown}"
