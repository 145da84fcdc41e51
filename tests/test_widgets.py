"""Widgets tested without a browser: set values, click, read the Output widgets."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as W
import pytest

from kamcourse import testing, widgets
from kamcourse.workbook import Workbook


def test_grid_shows_explanation_of_the_chosen_box(book: Workbook) -> None:
    grid = widgets.framework.grid()
    assert "Choose a box" in testing.output_text(grid.output)
    assert len(grid.buttons) == 9
    testing.click(grid.buttons["Key account plan"])
    text = testing.output_text(grid.output)
    assert "Key account plan" in text and "rolling" in text and "not a report" in text
    assert grid.selected == "Key account plan"
    assert grid.buttons["Key account plan"].icon == "check"  # selection is not shown by colour alone
    testing.click(grid.buttons["Operations"])
    assert "How do we get there?" in testing.output_text(grid.output)
    assert grid.buttons["Key account plan"].icon == ""


def test_grid_rejects_an_unknown_box_with_a_message(book: Workbook) -> None:
    grid = widgets.framework.grid()
    grid.select("Marketing")
    assert "is not an element of the 3x3 framework" in testing.output_text(grid.output)


def test_placement_saves_on_change_and_restores_in_a_new_widget(book: Workbook) -> None:
    first = widgets.exercise("kap.placement")
    testing.set_value(first.dropdowns["p1"], "Situational analysis")
    testing.set_value(first.dropdowns["p10"], "Operations")
    saved = json.loads(book.path.read_text(encoding="utf-8"))["exercises"]["kap.placement"]["answer"]
    assert saved["p1"] == "Situational analysis" and saved["p10"] == "Operations"
    again = widgets.exercise("kap.placement")  # a re-run or a kernel restart
    assert again.dropdowns["p1"].value == "Situational analysis"
    assert again.dropdowns["p10"].value == "Operations"
    assert again.dropdowns["p2"].value == "" and again.dropdowns["p2"].label == "(choose)"
    assert again.get_answer()["p2"] is None


def test_check_button_shows_feedback_as_text_and_html(book: Workbook) -> None:
    ex = widgets.exercise("kap.placement")
    testing.click(ex.check_button)
    assert testing.output_text(ex.feedback).startswith("Not answered yet:")
    testing.set_value(ex.dropdowns["p1"], "Key account plan")
    testing.click(ex.check_button)
    text = testing.output_text(ex.feedback)
    assert text.startswith("Not yet:") and "spends half her time" in text
    html = testing.output_data(ex.feedback)[0]["data"]["text/html"]
    assert 'data-status="incorrect"' in html and "Not yet" in html


def test_hint_button_reveals_one_more_hint_each_click_and_remembers(book: Workbook) -> None:
    ex = widgets.exercise("kap.placement")
    testing.click(ex.hint_button)
    assert "Hint 1 of 3" in testing.output_text(ex.hints) and "Hint 2" not in testing.output_text(ex.hints)
    testing.click(ex.hint_button)
    assert "Hint 2 of 3" in testing.output_text(ex.hints)
    again = widgets.exercise("kap.placement")
    assert "Hint 2 of 3" in testing.output_text(again.hints)
    testing.click(again.hint_button)
    testing.click(again.hint_button)
    text = testing.output_text(again.hints)
    assert "Hint 3 of 3" in text and "You have seen all 3 hints" in text


STRATEGY = {
    "condition": "brenna_opening",
    "response": "we propose packaging for the Brenna plant-based range from its first day of production",
    "alternative": "we use the extra months to certify our recycled content for all six plants",
}


def test_fill_sets_controls_saves_and_checks(book: Workbook) -> None:
    ex = widgets.exercise("kap.strategy")
    assert type(ex).__name__ == "StrategyExercise"
    feedback = ex.fill(STRATEGY)
    assert feedback is not None and feedback.correct
    assert ex.response.value.startswith("we propose packaging")
    again = widgets.exercise("kap.strategy")
    assert again.get_answer() == STRATEGY
    assert "Construction is three months late" in again.signals.value  # what the case says about it


def test_strategy_widget_offers_the_case_conditions_and_restores_an_old_text_answer(book: Workbook) -> None:
    ex = widgets.exercise("kap.strategy")
    labels = [label for label, _ in ex.condition.options][1:]
    assert len(labels) == 5 and labels[0].startswith("Whether the 2027 secondary-packaging tender")
    book.save_answer("kap.strategy", "If it rains we sell umbrellas")  # saved by an earlier form of the exercise
    old = widgets.exercise("kap.strategy")
    assert old.response.value == "If it rains we sell umbrellas" and old.condition.answer is None
    testing.set_value(old.condition, "tender_scope")
    assert book.answer("kap.strategy")["condition"] == "tender_scope"
    testing.click(old.check_button)
    assert testing.output_text(old.feedback).startswith("Not yet")
    book.save_answer("kap.strategy", {"condition": "meteorite", "response": "x", "alternative": "y"})
    broken = widgets.exercise("kap.strategy")
    assert "could not be shown" in testing.output_text(broken.feedback)
    assert book.answer("kap.strategy")["condition"] == "meteorite"  # kept until the learner changes it


def test_bad_input_in_a_widget_shows_a_message_and_keeps_the_work(book: Workbook) -> None:
    ex = widgets.exercise("kap.placement")
    testing.set_value(ex.dropdowns["p1"], "Operations")
    ex.fill({"p99": "Operations"})
    assert "'p99' is not one of the items" in testing.output_text(ex.feedback)
    assert book.answer("kap.placement")["p1"] == "Operations"


def test_a_saved_answer_that_no_longer_fits_is_reported_not_raised(book: Workbook) -> None:
    book.save_answer("kap.placement", {"p1": "A box that was renamed"})
    ex = widgets.exercise("kap.placement")
    assert "could not be shown" in testing.output_text(ex.feedback)
    assert book.answer("kap.placement") == {"p1": "A box that was renamed"}  # not overwritten


def test_an_unexpected_error_in_a_callback_is_shown_in_the_output(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = widgets.exercise("kap.quiz.plan")

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kamcourse.checks.check", boom)
    testing.click(ex.check_button)
    out = testing.output_data(ex.feedback)
    assert out[0]["output_type"] == "stream" and out[0]["name"] == "stderr"
    assert "Internal error in ChoiceExercise" in out[0]["text"] and "disk on fire" in out[0]["text"]


def test_quiz_has_one_question_per_self_check_and_explains(book: Workbook) -> None:
    quiz = widgets.quiz("kap.quiz")
    assert len(quiz.questions) == 5
    first = quiz.questions[0]
    testing.set_value(first.radio, "a")
    testing.click(first.check_button)
    assert "Not yet" in testing.output_text(first.feedback)
    testing.set_value(first.radio, "c")
    testing.click(first.check_button)
    assert testing.output_text(first.feedback).startswith("Correct:")
    assert widgets.quiz("kap.quiz").answers()["kap.quiz.horizontal"] == "c"


def test_widgets_never_print(book: Workbook, capsys: pytest.CaptureFixture[str]) -> None:
    grid = widgets.framework.grid()
    testing.click(grid.buttons["Operations"])
    ex = widgets.exercise("kap.placement")
    testing.set_value(ex.dropdowns["p1"], "Operations")
    testing.click(ex.check_button)
    testing.click(ex.hint_button)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_testing_helpers_find_widgets(book: Workbook) -> None:
    ex = widgets.exercise("kap.placement")
    dropdowns = testing.find(ex, W.Dropdown)
    assert len(dropdowns) == 15
    assert testing.find(ex, W.Button, description="Check") == [ex.check_button]


def test_lesson_modules_are_reachable_from_the_package() -> None:
    import kamcourse as kam

    assert kam.plots.selection.__name__ == "kamcourse.plots.selection"
    assert kam.widgets.relationships.__name__ == "kamcourse.widgets.relationships"
    assert kam.plots.relationships.quick_check.__module__ == "kamcourse.plots.relationships.answers"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        kam.widgets.nothing  # noqa: B018


def test_plot_figures_display_as_png_inside_ipython() -> None:
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    import kamcourse.plots as plots

    shell = InteractiveShell.instance()
    try:
        plots._show_figures_in_notebooks()
        fig = Figure()
        fig.add_subplot().plot([1, 2])
        data, _ = shell.display_formatter.format(fig)
        assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        InteractiveShell.clear_instance()


def test_strategy_feedback_says_so_when_the_text_changes_after_a_check(book: Workbook) -> None:
    """A browser can deliver the Check click before a box's last change: the feedback must not stay silently stale."""
    ex = widgets.exercise("kap.strategy")
    ex.fill(STRATEGY)
    assert testing.output_text(ex.feedback).startswith("Correct")
    testing.set_value(ex.alternative, "short")  # the change arrives after the check
    text = testing.output_text(ex.feedback)
    assert text.startswith("Your answer has changed since it was checked") and "Correct" in text


def _every_exercise() -> list[str]:
    from pathlib import Path

    from kamcourse import checks

    folder = Path(widgets.__file__).resolve().parent.parent / "content" / "exercises"
    return [e.id for g in sorted(p.stem for p in folder.glob("*.yaml")) for e in checks.exercises(g)]


def _change_one_answer(ex: Any, book: Workbook) -> None:
    """Change one answer control of exercise widget ``ex`` as a person would, so that the answer
    saved in ``book`` changes (text areas first, then choices, sliders, one-line boxes: a table
    row may refuse a change until its required choice is made)."""
    before = book.answer(ex.exercise.id)
    controls = list(reversed(list(testing.walk(ex.children[-4]))))  # the answer controls, last first
    for kind in (W.Textarea, (W.Dropdown, W.ToggleButtons, W.RadioButtons), W.IntSlider, W.Text):
        for control in (c for c in controls if isinstance(c, kind)):
            if isinstance(control, (W.Textarea, W.Text)):
                testing.set_value(control, (control.value or "") + " and 5")
            elif isinstance(control, W.IntSlider):
                testing.set_value(control, control.value + 1)
            else:
                values = [o[1] if isinstance(o, tuple) else o for o in control.options]
                others = [v for v in values if v not in (control.value, "", None)]
                if not others:
                    continue
                testing.set_value(control, others[0])
            if book.answer(ex.exercise.id) != before:
                return
    raise AssertionError(f"no change a person can make changed the answer of {ex.exercise.id}")


@pytest.mark.parametrize("exercise_id", _every_exercise())
def test_every_exercise_marks_its_feedback_out_of_date_when_the_answer_changes_after_a_check(
    book: Workbook, exercise_id: str
) -> None:
    ex = widgets.exercise(exercise_id)
    testing.click(ex.check_button)
    checked = testing.output_text(ex.feedback)
    assert checked and "changed since it was checked" not in checked
    _change_one_answer(ex, book)
    text = testing.output_text(ex.feedback)
    assert text.startswith("Your answer has changed since it was checked"), text
    assert text.endswith(checked), "the earlier feedback stays below the notice"
    _change_one_answer(ex, book)  # a second change adds no second notice
    assert testing.output_text(ex.feedback).count("changed since it was checked") == 1
    testing.click(ex.check_button)
    assert "changed since it was checked" not in testing.output_text(ex.feedback)


@pytest.mark.parametrize("exercise_id", _every_exercise())
def test_every_text_box_of_an_exercise_sends_what_is_typed_as_it_is_typed(book: Workbook, exercise_id: str) -> None:
    """A box that sent its text only on leaving it could lose the race with the Check click."""
    from kamcourse.widgets.planning._table import TableEditor

    ex = widgets.exercise(exercise_id)
    # In a table a date or a number is refused (and put back) until complete: those send on leaving.
    whole = {
        id(row[c.key])
        for table in testing.walk(ex)
        if isinstance(table, TableEditor)
        for row in table.controls
        for c in table.columns
        if c.kind in ("date", "number")
    }
    boxes = [w for w in testing.walk(ex) if isinstance(w, (W.Text, W.Textarea)) and id(w) not in whole]
    assert all(box.continuous_update for box in boxes), exercise_id


def _in_a_thread_of_its_own(work: Any) -> Any:
    """Run ``work()`` in a new thread (no event loop, whatever this test process runs: the browser
    tests' Playwright keeps one in the main thread) and return what it returns."""
    import threading

    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_a_check_click_from_the_browser_waits_for_the_text_typed_just_before(book: Workbook) -> None:
    """The click message comes before the box's last change (as a browser can send them): the
    check runs on the kernel's event loop after that change, and judges the text shown."""
    import asyncio

    from kamcourse.widgets import _common

    async def click_then_late_change() -> tuple[str, str]:
        ex = widgets.exercise("sel.hand.account_c", workbook=book)
        testing.set_value(ex.text, "60")
        ex.check_button._handle_custom_msg({"event": "click"}, [])  # the click, as the browser sends it
        assert testing.output_text(ex.feedback) == "", "not judged yet"
        testing.set_value(ex.text, "605")  # the last key, arriving after the click
        await asyncio.sleep(_common.SETTLE_S + 0.2)
        return testing.output_text(ex.feedback), json.dumps(book.load()["exercises"]["sel.hand.account_c"]["attempts"])

    feedback, attempts = _in_a_thread_of_its_own(lambda: asyncio.run(click_then_late_change()))
    assert feedback.startswith("Correct: 605 is right")
    assert attempts.count('"status"') == 1, "one click, one try"


def test_a_click_from_code_or_outside_an_event_loop_checks_at_once(book: Workbook) -> None:
    ex = widgets.exercise("sel.hand.account_c")
    testing.set_value(ex.text, "605")
    testing.click(ex.check_button)
    assert testing.output_text(ex.feedback).startswith("Correct")
    testing.set_value(ex.text, "600")
    _in_a_thread_of_its_own(lambda: ex.check_button._handle_custom_msg({"event": "click"}, []))  # no loop there
    assert testing.output_text(ex.feedback).startswith("Not yet"), "checked at once"


def test_a_widget_module_that_fails_to_import_is_an_error_not_a_text_box(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: an ImportError inside a lesson's widget module must not turn its exercise into a text box."""
    from kamcourse.widgets import exercises as E

    real_import = E.importlib.import_module

    def broken(name: str, package: str | None = None) -> Any:
        if name == "kamcourse.widgets.organising":
            raise ModuleNotFoundError("No module named 'some_dependency'", name="some_dependency")
        return real_import(name, package)

    monkeypatch.setattr(E.importlib, "import_module", broken)
    monkeypatch.setattr(
        E, "_WIDGET_FOR_KIND", {k: v for k, v in E._WIDGET_FOR_KIND.items() if not k.startswith("organising.")}
    )
    with pytest.raises(ModuleNotFoundError, match="some_dependency"):
        widgets.exercise("organising.roles")
    monkeypatch.setattr(
        E.importlib,
        "import_module",
        lambda name, package=None: (_ for _ in ()).throw(
            ImportError("cannot import name 'x' from 'kamcourse.organising'")
        ),
    )
    with pytest.raises(ImportError, match="cannot import name"):
        widgets.exercise("organising.roles")


def test_an_exercise_kind_without_a_widget_module_gets_the_text_box(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind whose module has no widgets module at all (``generic.*``) and no registered widget is
    answered in a text box, by design: only a module that is missing altogether counts as "no widget"."""
    from kamcourse.widgets import exercises as E

    monkeypatch.setattr(E, "_WIDGET_FOR_KIND", {})
    assert type(widgets.exercise("sel.quiz.future")) is E.TextExercise  # kind generic.choice: no widgets.generic
