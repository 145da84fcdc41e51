"""What a person does with the widgets, done with the mouse and the keyboard in Chromium.

No code is run from the tests: they open the notebook, run it from the Run menu, then click,
choose and type, and read what the page shows. Each test also fails on any error output the
page shows afterwards (a widget callback that raises writes "Internal error in ..." to
stderr in its Output).
"""

from __future__ import annotations

import re

from labpage import (
    Lab,
    assert_no_problems,
    button,
    cell_with,
    expect,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
    widget_outputs,
)

from kamcourse import checks, framework

LESSON_02 = "notebooks/02_kap_framework.ipynb"
EXERCISE_02 = "exercises/02_kap_framework.ipynb"


def choose_option_ending_with(select, suffix: str) -> str:
    """Choose, in a ``<select>``, the option whose label ends with ``suffix``; return the label."""
    labels = [text.strip() for text in select.locator("option").all_text_contents()]
    label = next(text for text in labels if text.endswith(suffix))
    select.select_option(label=label)
    return label


def test_grid_click_shows_the_explanation(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_02)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_02):
        grid = cell_with(page, ".widget-button", has_text="Key account plan")
        out = widget_outputs(grid).first
        situational = framework.element("Situational analysis")
        plan = framework.element("Key account plan")

        # The lesson itself chooses "Key account plan" from code; choose another box first.
        button(grid, "Situational analysis").click()
        wait_for_text(out, situational.question)
        expect(out).not_to_contain_text(plan.question)

        button(grid, "Key account plan").click()
        wait_for_text(out, plan.question)
        wait_for_text(out, plan.explanation.split(":")[0])
        expect(out).not_to_contain_text(situational.question)
        expect(button(grid, "Key account plan")).to_have_class(re.compile(r"mod-info"))
        assert_no_problems(page, LESSON_02)


def test_placement_check_and_hints(page, lab: Lab) -> None:
    open_notebook(page, lab, EXERCISE_02)
    restart_and_run_all(page)
    with reporting_problems(page, EXERCISE_02):
        placement = cell_with(page, ".widget-dropdown")
        feedback, hints = widget_outputs(placement).nth(0), widget_outputs(placement).nth(1)
        first_row = placement.locator(".widget-hbox", has=page.locator(".widget-dropdown")).first
        item = re.sub(r"^\s*\d+\.\s*", "", first_row.locator(".widget-html").first.text_content()).strip()
        before = feedback.text_content()

        choose_option_ending_with(first_row.locator(".widget-dropdown select"), "Operations")
        button(placement, "Check").click()
        wait_for_text(feedback, re.compile(r"Not yet|Partly right|Correct"))
        assert feedback.text_content() != before
        wait_for_text(feedback, item)  # the feedback names the item placed
        wait_for_text(feedback, "not Operations")

        button(placement, "Hint").click()
        wait_for_text(hints, re.compile(r"Hint 1 of \d+"))
        button(placement, "Hint").click()
        wait_for_text(hints, re.compile(r"Hint 2 of \d+"))
        expect(hints).to_contain_text(re.compile(r"Hint 1 of \d+"))  # earlier hints stay visible
        assert_no_problems(page, EXERCISE_02)


def test_self_check_radio_shows_the_explanation(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_02)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_02):
        quiz = cell_with(page, ".widget-radio-box")
        question = checks.exercise("kap.quiz.horizontal")  # the quiz's first question
        right = next(o for o in question.key["options"] if o["id"] == question.key["answer"])

        quiz.locator(".widget-radio-box").first.locator("label", has_text=right["text"]).click()
        button(quiz, "Check").first.click()
        feedback = widget_outputs(quiz).first
        wait_for_text(feedback, "Correct")
        wait_for_text(feedback, right["why"].split(";")[0])
        assert_no_problems(page, LESSON_02)
