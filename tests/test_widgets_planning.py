"""Widgets of the key account plan, driven without a browser: tables, editors, export, exercises."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from kamcourse import planning as P
from kamcourse import testing, widgets
from kamcourse.widgets import planning as WP
from kamcourse.workbook import Workbook


def _text(out: object) -> str:
    return testing.output_text(out)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the table
def test_a_row_added_is_a_draft_until_named_then_saved(book: Workbook) -> None:
    editor = WP.stakeholders_editor()
    before = len(editor.table.controls)
    testing.click(editor.table.add_button)
    assert len(editor.table.controls) == before + 1
    assert "is a draft and is not saved until it has: Name" in _text(editor.table.message)
    assert not book.path.exists(), "a draft is not saved"
    row = editor.table.controls[-1]
    testing.set_value(row["name"], "Olga Brandt")
    testing.set_value(row["attitude"], "opponent")
    saved = P.load(workbook=book).stakeholders
    assert saved[-1].name == "Olga Brandt" and saved[-1].attitude == "opponent"
    assert "Saved: 10 rows." in _text(editor.table.message)


def test_a_refused_value_names_the_field_and_the_previous_value_is_kept(book: Workbook) -> None:
    editor = WP.objectives_editor()
    testing.click(editor.table.add_button)
    row = editor.table.controls[-1]
    testing.set_value(row["text"], "Grow the share")
    testing.set_value(row["baseline"], "5")
    testing.set_value(row["baseline"], "five")
    assert "Objectives, row 1: Baseline: 'five' is not a number." in _text(editor.table.message)
    assert row["baseline"].value == "5"
    assert P.load(workbook=book).objectives[0].baseline == 5.0
    testing.set_value(row["due"], "31/12/2028")
    assert "Due date must be a date written YYYY-MM-DD" in _text(editor.table.message) and row["due"].value == ""


def test_a_row_removed_is_saved(book: Workbook) -> None:
    editor = WP.stakeholders_editor()
    names = [r["name"] for r in editor.table.rows()]
    testing.click(editor.table.remove_buttons[names.index("Paul Lenz")])
    assert "Paul Lenz" not in [p.name for p in P.load(workbook=book).stakeholders]
    assert len(P.load(workbook=book).stakeholders) == len(names) - 1


def test_editors_restore_what_was_saved_after_a_restart(book: Workbook) -> None:
    editor = WP.analysis_editor()
    testing.set_value(editor.controls["threats"], "Ostrand's price freeze\n\nPelkora's certified trays")
    again = WP.analysis_editor(workbook=Workbook(book.path))  # as after a kernel restart
    assert again.controls["threats"].value == "Ostrand's price freeze\nPelkora's certified trays"
    assert "Saved 'Threats'" in _text(editor.message)


def test_two_editors_never_overwrite_each_others_parts(book: Workbook) -> None:
    first, second = WP.database_editor(), WP.review_editor()
    testing.set_value(first.controls["competition"], "Ostrand and Pelkora")
    testing.set_value(second.review.controls["plan_review"], "quarterly")  # its binding still holds the old plan
    plan = P.load(workbook=book)
    assert plan.profile.competition == "Ostrand and Pelkora" and plan.review.plan_review == "quarterly"


def test_two_editors_of_the_same_part_keep_each_others_fields(book: Workbook) -> None:
    first, second = WP.review_editor(), WP.review_editor()
    testing.set_value(first.review.controls["next_review"], "2027-03-01")
    testing.set_value(second.review.controls["plan_review"], "quarterly")  # its next_review box is still empty
    review = P.load(workbook=book).review
    assert (review.plan_review, review.next_review.isoformat()) == ("quarterly", "2027-03-01")


def test_a_bad_field_value_is_refused_and_the_previous_one_kept(book: Workbook) -> None:
    review = WP.review_editor()
    testing.set_value(review.review.controls["next_review"], "next spring")
    assert "Next review must be a date" in _text(review.review.message)
    assert review.review.controls["next_review"].value == ""
    rule = WP.opportunities_editor().rule
    testing.set_value(rule.controls["value_cut"], "9")
    assert "Value cut must be between 1 and 5" in _text(rule.message) and rule.controls["value_cut"].value == "3"


def test_an_in_memory_editor_never_writes_the_workbook(book: Workbook) -> None:
    editor = WP.stakeholders_editor(plan=P.worked_plan(workbook=book))
    testing.click(editor.table.remove_buttons[0])
    assert "Saved: 8 rows." in _text(editor.table.message) and editor.binding.where().startswith("kept in this widget")
    assert not book.path.exists()
    assert len(editor.binding.plan.stakeholders) == 8


def test_the_stakeholder_chart_is_redrawn_after_a_change(book: Workbook) -> None:
    editor = WP.stakeholders_editor()
    before = editor.chart.outputs[0]["data"]["image/png"]
    sanna = next(r for r in editor.table.controls if r["name"].value == "Sanna Virtanen")
    testing.set_value(sanna["covered_by"], "Elin Sato")
    assert editor.chart.outputs[0]["data"]["image/png"] != before


def test_opportunities_editor_ranks_with_the_rule(book: Workbook) -> None:
    box = WP.opportunities_editor(plan=P.worked_plan(workbook=book))
    assert "1. carbon_data: pursue first" in _text(box.table.chart)
    testing.set_value(box.rule.controls["strategic_weight"], "0")
    assert "1. certified_cases" in _text(box.table.chart)


def test_position_view_shows_sources_and_saves_the_target(book: Workbook) -> None:
    view = WP.position_view()
    assert "verified at the 2026-10 meeting" in view.table.value and "Star" in view.table.value
    testing.set_value(view.target, "integrated")
    assert "goes beyond what a Star account justifies" in _text(view.message)
    assert P.load(workbook=book).position.target_stage == "integrated"


def test_an_unreadable_saved_plan_is_reported_and_kept_aside(book: Workbook) -> None:
    book.set_state("planning.plan.Orvale Foods", {"format": "kamcourse-plan", "version": 1, "account": ""})
    editor = WP.database_editor()
    assert "cannot be read any more" in _text(editor.message)
    testing.set_value(editor.controls["history"], "Since 2019.")
    assert book.get_state("planning.plan.Orvale Foods.unreadable")["account"] == ""
    assert P.load(workbook=book).profile.history == "Since 2019."


# ----------------------------------------------------------------------------- completeness and export
def test_completeness_view_follows_the_plan(book: Workbook) -> None:
    binding = WP.binding()
    view = WP.completeness_view(binding)
    assert "No objectives yet." in _text(view.output) and "It is written alone: at risk" in _text(view.output)
    WP.review_editor(binding).team.controls["contributors"].value = "Lea Novak\nArjun Mehta"
    assert "It is written alone: no sign of it" in _text(view.output)


def test_export_panel_writes_and_offers_the_file(book: Workbook) -> None:
    panel = WP.export_panel()
    testing.click(panel.buttons[".docx"])
    path = book.path.parent / "plans" / "orvale_plan.docx"
    assert path.is_file() and "Written:" in panel.status.value and str(path) in panel.status.value
    assert 'download="orvale_plan.docx"' in panel.link.value
    data = panel.link.value.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(data) == path.read_bytes()


def test_export_panel_says_clearly_when_the_file_cannot_be_written(
    book: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KAMCOURSE_EXPORTS", str(blocker / "plans"))
    panel = WP.export_panel()
    testing.click(panel.buttons[".xlsx"])
    assert "could not be written" in _text(panel.message) and panel.link.value == ""
    assert not any(b.disabled for b in panel.buttons.values())
    panel.name.value = "../../etc/plan"
    assert panel.export(".html") is None and "without a folder" in _text(panel.message)


def test_plan_editor_holds_every_part_in_tabs(book: Workbook) -> None:
    tabs = WP.plan_editor(plan=P.worked_plan(workbook=book))
    assert len(tabs.children) == 11 and tabs.titles[0] == "Database" and tabs.titles[-1] == "Export"


# ----------------------------------------------------------------------------- exercise widgets
def test_sort_exercise_fills_checks_and_restores(book: Workbook) -> None:
    answer = {
        "pledge": "customer and its strategy",
        "framework": "needs and purchasing",
        "smudge": "our history",
        "freeze": "competition",
        "total_cost": "needs and purchasing",
        "margin": "customer and its strategy",
        "pilot": "competition",
        "share": "our history",
    }
    exercise = widgets.exercise("planning.database")
    assert exercise.fill(answer).status == "correct"
    again = widgets.exercise("planning.database", workbook=Workbook(book.path))
    assert again.get_answer() == answer


def test_table_exercises_save_rows_and_refuse_bad_ones(book: Workbook) -> None:
    exercise = widgets.exercise("planning.objectives")
    row = exercise.table.controls[0]
    testing.set_value(row["text"], "Grow share")
    testing.set_value(row["target"], "lots")
    assert "Target: " in _text(exercise.table.message)
    assert book.answer("planning.objectives") == [
        {
            "level": "strategic",
            "text": "Grow share",
            "metric": None,
            "unit": None,
            "baseline": None,
            "target": None,
            "due": None,
        }
    ]
    feedback = exercise.check()
    assert "not measurable yet: missing metric, baseline, target, due date" in feedback.text()


def test_stakeholder_exercise_starts_from_the_case_and_the_worked_answer_is_correct(book: Workbook) -> None:
    exercise = widgets.exercise("planning.stakeholders")
    assert exercise.get_answer()[0]["name"] == "Henrik Orvale"
    worked = [p.to_dict() for p in P.worked_plan(workbook=book).stakeholders]
    for row in worked:
        row.pop("notes")
    assert exercise.fill(worked).status == "correct"


def test_a_saved_exercise_answer_that_cannot_be_shown_gives_a_message(book: Workbook) -> None:
    book.save_answer("planning.actions", [{"what": "x", "due": "someday"}])
    exercise = widgets.exercise("planning.actions")
    assert "could not be shown in this version of the exercise; it is still in your workbook" in _text(
        exercise.feedback
    )
    assert book.answer("planning.actions") == [{"what": "x", "due": "someday"}]
