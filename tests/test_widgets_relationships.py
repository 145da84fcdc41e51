"""Widgets of lesson 05 (relationship stages), driven without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kamcourse import testing, widgets
from kamcourse.testing import notebook_text, run_notebook, widget_values
from kamcourse.widgets import relationships as relw
from kamcourse.workbook import Workbook

ROOT = Path(__file__).resolve().parent.parent
QUINTARA = (
    "Key account manager - VP global procurement\nChief executive - Chief executive\n"
    "Head of operations - Supply chain director\nPackaging engineer - EHS manager"
)


# ------------------------------------------------------------------ quick check


def test_questionnaire_has_four_worded_answers_per_statement(book: Workbook) -> None:
    w = relw.quick_check()
    assert len(w.questionnaire.buttons) == 6
    first = w.questionnaire.buttons["exit"]
    assert list(first.options) == ["strongly disagree", "disagree", "agree", "strongly agree"]
    assert "0 of 6 statements answered" in testing.output_text(w.result)
    assert w.chart.outputs == ()


def test_quick_check_redraws_on_every_change_and_says_the_bands_are_illustrative(book: Workbook) -> None:
    w = relw.quick_check(["agree"] * 6)
    text = testing.output_text(w.result)
    assert "Total: 12/18 - Interdependent" in text and "illustrative, course-defined" in text
    assert "image/png" in testing.output_data(w.chart)[0]["data"]
    testing.set_value(w.questionnaire.buttons["planning"], "strongly disagree")
    text = testing.output_text(w.result)
    assert "Total: 10/18 - Co-operative" in text and "pull the score down: Joint long-term plans" in text
    testing.set_value(w.questionnaire.buttons["trust"], None)  # an answer taken back
    assert "5 of 6 statements answered" in testing.output_text(w.result) and w.chart.outputs == ()


def test_quick_check_answers_are_saved_and_restored_over_the_prefill(book: Workbook) -> None:
    w = relw.quick_check([2] * 6)
    testing.set_value(w.questionnaire.buttons["exit"], "strongly agree")
    assert book.get_state("rel.lesson.quick_check")["exit"] == "strongly agree"
    again = relw.quick_check([0] * 6)  # a re-run: the saved answers win over the pre-fill
    assert again.questionnaire.values()["exit"] == "strongly agree"
    assert "Total: 13/18" in testing.output_text(again.result)


@pytest.mark.parametrize(
    ("saved", "pattern"),
    [
        ({"exit": "maybe"}, "'maybe' is not a known label"),
        ({"loyalty": "agree"}, "'loyalty' is not a statement"),
        ("agree", "cannot be read"),
        ([1, 2], "cannot be read"),
    ],
)
def test_a_bad_saved_questionnaire_gives_a_message_not_a_traceback(book: Workbook, saved: object, pattern: str) -> None:
    book.set_state("rel.lesson.quick_check", saved)
    w = relw.quick_check()
    text = testing.output_text(w.result)
    assert text.startswith("Please check your input") and pattern in text
    assert book.get_state("rel.lesson.quick_check") == saved  # not overwritten until the learner answers


def test_set_values_checks_every_answer_before_changing_any(book: Workbook) -> None:
    w = relw.quick_check([1] * 6)
    w._fill([2, 2, 2, 2, 2, 7])
    assert "answer 7 is not allowed" in testing.output_text(w.result)
    assert set(w.questionnaire.values().values()) == {"disagree"}


# ------------------------------------------------------------------- two views


def test_two_views_chart_and_gaps_in_words(book: Workbook) -> None:
    v = relw.two_views([2] * 6, [2, 2, 0, 2, 3, 2], first_label="Vellmar", second_label="Quintara")
    text = testing.output_text(v.result)
    assert "Vellmar: 12/18 (Interdependent) - Quintara: 11/18 (Interdependent)" in text
    assert text.index("Joint long-term plans") < text.index("Contact at all levels")  # largest gap first
    assert "(gap +2)" in text and "(gap -1)" in text and "Exit hard" not in text
    assert "image/png" in testing.output_data(v.chart)[0]["data"]
    testing.set_value(v.second.buttons["contact"], "agree")
    testing.set_value(v.second.buttons["planning"], "agree")
    assert "agree on every statement" in testing.output_text(v.result)
    again = relw.two_views(first_label="Vellmar", second_label="Quintara")
    assert again.second.values()["planning"] == "agree"


def test_two_views_incomplete_says_how_many_are_answered(book: Workbook) -> None:
    v = relw.two_views([2] * 6)
    assert "Customer's view (as we expect it): 0 of 6 answered" in testing.output_text(v.result)
    assert v.chart.outputs == ()


# -------------------------------------------------------------- contact editor


def test_contact_editor_draws_and_classifies(book: Workbook) -> None:
    c = relw.contact_editor("Sales - Buyer")
    assert "Structure: bow-tie" in testing.output_text(c.message) and "basic relationship" in testing.output_text(
        c.message
    )
    testing.set_value(c.text, QUINTARA)
    assert "Structure: diamond" in testing.output_text(c.message)
    assert "image/png" in testing.output_data(c.drawing)[0]["data"]
    assert relw.contact_editor().text.value == QUINTARA  # restored


@pytest.mark.parametrize(
    ("bad", "pattern"),
    [
        ("Sales - Buyer\nR&D and R&D", "Line 2 ('R&D and R&D') has no separator"),
        ("Sales - Buyer\n - Buyer", "Line 2 ('- Buyer'): the supplier function is empty"),
        ("Sales - Buyer\nsales - buyer", "Line 2 ('sales - buyer') repeats the contact on line 1"),
        ("Sales - Buyer - CEO", "more than one contact"),
    ],
)
def test_a_bad_contact_line_is_named_and_the_previous_drawing_stays(book: Workbook, bad: str, pattern: str) -> None:
    c = relw.contact_editor(QUINTARA)
    before = testing.output_data(c.drawing)
    testing.set_value(c.text, bad)
    text = testing.output_text(c.message)
    assert text.startswith("Please check your input") and pattern in text and "Traceback" not in text
    assert testing.output_data(c.drawing) == before and c.structure is not None and c.structure.kind == "diamond"
    assert book.get_state("rel.lesson.contacts") == bad  # the learner's text is kept, to be corrected


def test_an_empty_editor_invites_a_first_contact(book: Workbook) -> None:
    c = relw.contact_editor()
    assert "No contacts yet" in testing.output_text(c.message) and c.drawing.outputs == ()


# -------------------------------------------------------------------- fit grid


def test_fit_grid_shows_the_case_and_follows_changes(book: Workbook) -> None:
    g = relw.fit_grid()
    text = testing.output_text(g.result)
    assert "Wrenfield Gifts (Streamline): Interdependent is 1 stage above the fit" in text
    assert "image/png" in testing.output_data(g.chart)[0]["data"]
    assert book.get_state("rel.lesson.fit_grid") is None  # building the widget saves nothing
    testing.set_value(g.stages["Marlow Brewing Group"], "interdependent")
    assert "Marlow Brewing Group (Strategic): Interdependent is within the fit" in testing.output_text(g.result)
    again = relw.fit_grid()
    assert again.stages["Marlow Brewing Group"].value == "interdependent"
    testing.click(again.reset_button)
    assert again.stages["Marlow Brewing Group"].value == "co-operative"
    assert book.get_state("rel.lesson.fit_grid")["Marlow Brewing Group"] == ["Strategic", "co-operative"]


def test_fit_grid_with_a_bad_saved_state_says_so(book: Workbook) -> None:
    book.set_state("rel.lesson.fit_grid", {"Ashby Lubricants": ["Streamline", "friendly"]})
    g = relw.fit_grid()
    assert "Ashby Lubricants: stage 'friendly' is not a relationship stage" in testing.output_text(g.result)


# ------------------------------------------------------------ exercise widgets


def test_the_factory_builds_the_lesson_widgets_for_rel_kinds(book: Workbook) -> None:
    kinds = {
        ex: type(widgets.exercise(ex)).__name__
        for ex in ("rel.diagnose", "rel.quick_check", "rel.contacts", "rel.portfolio")
    }
    assert kinds == {
        "rel.diagnose": "DiagnoseExercise",
        "rel.quick_check": "QuickCheckExercise",
        "rel.contacts": "ContactsExercise",
        "rel.portfolio": "PortfolioExercise",
    }
    assert len(widgets.quiz("rel.quiz").questions) == 5


def test_diagnose_widget_saves_checks_and_restores(book: Workbook) -> None:
    ex = widgets.exercise("rel.diagnose")
    testing.click(ex.check_button)
    assert testing.output_text(ex.feedback).startswith("Not answered yet")
    testing.set_value(ex.choices["kestrel"], "co-operative")
    testing.click(ex.check_button)
    text = testing.output_text(ex.feedback)
    assert text.startswith("Not yet") and "Kestrel Agrochem is not Co-operative: A warm friendship" in text
    again = widgets.exercise("rel.diagnose")
    assert again.choices["kestrel"].value == "co-operative"
    assert (
        json.loads(book.path.read_text(encoding="utf-8"))["exercises"]["rel.diagnose"]["answer"]["kestrel"]
        == "co-operative"
    )


def test_quick_check_exercise_shows_live_result_and_checks(book: Workbook) -> None:
    ex = widgets.exercise("rel.quick_check")
    assert "Quintara Chemicals" in str(ex.children[2].children[0].value)  # the evidence is shown
    testing.set_value(ex.questionnaire.buttons["trust"], "strongly agree")
    assert "1 of 6 statements answered" in testing.output_text(ex.result)
    feedback = ex.fill({"exit": 3, "trust": 2, "planning": 3, "information": 2, "contact": 2, "benefits": 3})
    assert feedback is not None and feedback.correct
    assert "Total: 15/18 - Interdependent" in testing.output_text(ex.result)
    again = widgets.exercise("rel.quick_check")
    assert again.get_answer()["exit"] == "strongly agree" and "Total: 15/18" in testing.output_text(again.result)


def test_contacts_exercise_keeps_the_drawing_on_a_bad_line_and_checks_the_text(book: Workbook) -> None:
    ex = widgets.exercise("rel.contacts")
    testing.set_value(ex.editor.text, QUINTARA)
    drawing = testing.output_data(ex.editor.drawing)
    testing.set_value(ex.editor.text, QUINTARA + "\nQuality assurance")
    assert "Line 5 ('Quality assurance') has no separator" in testing.output_text(ex.editor.message)
    assert testing.output_data(ex.editor.drawing) == drawing
    testing.click(ex.check_button)
    assert testing.output_text(ex.feedback).startswith("Cannot check this answer: Line 5")
    feedback = ex.fill(QUINTARA)
    assert feedback is not None and feedback.correct
    assert widgets.exercise("rel.contacts").editor.text.value == QUINTARA


def test_portfolio_exercise_rows_and_feedback(book: Workbook) -> None:
    ex = widgets.exercise("rel.portfolio")
    assert len(ex.choices) == 9
    testing.set_value(ex.choices["Wrenfield Gifts"], "hold")
    testing.click(ex.check_button)
    assert "Wrenfield Gifts: not 'hold'" in testing.output_text(ex.feedback)
    ex.fill({"Wrenfield Gifts": "sell"})
    assert "'sell' is not a decision" in testing.output_text(ex.feedback)
    assert book.answer("rel.portfolio")["Wrenfield Gifts"] == "hold"


def test_a_saved_exercise_answer_that_no_longer_fits_is_reported(book: Workbook) -> None:
    book.save_answer("rel.diagnose", {"atlantis": "basic"})
    ex = widgets.exercise("rel.diagnose")
    assert "could not be shown" in testing.output_text(ex.feedback)
    assert book.answer("rel.diagnose") == {"atlantis": "basic"}


def test_widgets_never_print(book: Workbook, capsys: pytest.CaptureFixture[str]) -> None:
    c = relw.contact_editor("bad line")
    testing.set_value(c.text, "also bad")
    relw.quick_check([9] * 6)
    relw.two_views(["x"] * 6)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# -------------------------------------------------------------------- notebooks


def _run(path: Path, workbook: Path) -> nbformat.NotebookNode:
    return run_notebook(path, workbook=workbook)


_joined = notebook_text


def test_exercise_05_runs_unanswered_and_says_so(tmp_path: Path) -> None:
    fresh = _joined(_run(ROOT / "exercises" / "05_relationship_stages.ipynb", tmp_path / "fresh.json"))
    assert "Not answered yet" in fresh and "Traceback" not in fresh and "Error" not in fresh
    assert "your answer here" not in fresh
    assert not (tmp_path / "fresh.json").exists(), "an unanswered run saves nothing"


def test_solution_05_is_all_correct_in_its_own_workbook_and_the_exercise_restores_the_learner_s_answers(
    tmp_path: Path,
) -> None:
    from kamcourse import checks

    book = Workbook(tmp_path / "work" / "workbook.json")  # a learner's own answers, not the key's
    checks.check("rel.diagnose", {"corbett": "co-operative", "kestrel": "interdependent"}, workbook=book)
    checks.check("rel.contacts", "Key account manager - VP global procurement\nSales - Buyer", workbook=book)
    mine = widgets.exercise("rel.portfolio", workbook=book)  # through the widget, as a person clicks
    testing.set_value(mine.choices["Wrenfield Gifts"], "hold")
    before = book.path.read_bytes()
    solved = _joined(_run(ROOT / "solutions" / "05_relationship_stages.ipynb", book.path))
    for text in (
        "Correct: all 6 relationships are diagnosed correctly.",
        "Correct: every answer fits the evidence.",
        "Correct: your structure is a diamond",
        "Correct: all 9 decisions follow the course's guidance",
    ):
        assert text in solved
    assert "Traceback" not in solved
    assert book.path.read_bytes() == before, "the solution changed the learner's workbook"
    key = Workbook(book.path.with_name("answer-key.json"))
    assert {k: v["attempts"][-1]["status"] for k, v in key.load()["exercises"].items()} == dict.fromkeys(
        ("rel.diagnose", "rel.quick_check", "rel.contacts", "rel.portfolio"), "correct"
    )
    # The learner's copy on the learner's workbook (a re-run after a restart): the learner's answers.
    run = _run(ROOT / "exercises" / "05_relationship_stages.ipynb", book.path)
    values = widget_values(run)
    assert "Key account manager - VP global procurement\nSales - Buyer" in values
    assert values.count("Co-operative") >= 1 and "hold" in values
    assert values.count("Integrated") == 0, "the key's diagnosis of Marlow in 2019 is not shown"
    assert book.path.read_bytes() == before
    # A trainer who opens the exercise on the answer key sees it all correct.
    again = _joined(_run(ROOT / "exercises" / "05_relationship_stages.ipynb", key.path))
    assert again.count("<td>Correct</td>") == 4  # kam.progress's table reads the answers the solution saved


# --------------------------------------------------------- demonstrations


def test_building_a_lesson_widget_saves_nothing_and_a_demo_widget_never_touches_saved_state(book: Workbook) -> None:
    relw.quick_check(["agree"] * 6)
    relw.two_views([2] * 6, [1] * 6)
    relw.contact_editor("Sales - Buyer")
    relw.fit_grid()
    assert not book.path.exists() or book.load()["state"] == {}
    book.set_state(
        "rel.lesson.quick_check",
        {s: "disagree" for s in ("exit", "trust", "planning", "information", "contact", "benefits")},
    )
    book.set_state("rel.lesson.contacts", "Key account manager - Buyer")
    before = book.load()
    demo = relw.quick_check(["agree"] * 6, demo=True)
    assert demo.questionnaire.values()["exit"] == "agree"  # its own answers, not the learner's
    testing.set_value(demo.questionnaire.buttons["planning"], "strongly agree")
    editor = relw.contact_editor(demo=True)
    assert editor.text.value == ""
    testing.set_value(editor.text, QUINTARA)
    assert editor.structure is not None and editor.structure.kind == "diamond"
    grid = relw.fit_grid(demo=True)
    testing.set_value(grid.stages["Marlow Brewing Group"], "integrated")
    views = relw.two_views([3] * 6, [0] * 6, demo=True)
    testing.set_value(views.first.buttons["exit"], "agree")
    assert book.load() == before
