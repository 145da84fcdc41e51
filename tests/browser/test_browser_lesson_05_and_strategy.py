"""Lesson 05 and exercise 02 used with the mouse and keyboard, as a learner would.

* an answer clicked in lesson 05's quick check survives restart and run-all (the lesson's
  demonstrations use widgets of their own or plain functions, never the learner's widget);
* the conditional-strategy exercise of lesson 02 refuses an answer that has nothing to do with
  the case, and accepts one built on Orvale's situation.
"""

from __future__ import annotations

import json
import re
import time

from labpage import (
    Lab,
    assert_no_problems,
    button,
    cells,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
    widget_outputs,
)

LESSON_05 = "notebooks/05_relationship_stages.ipynb"
EXERCISE_02 = "exercises/02_kap_framework.ipynb"


def _wait_state(lab: Lab, key: str, predicate, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if lab.workbook.exists():
            state = json.loads(lab.workbook.read_text(encoding="utf-8")).get("state", {})
            if predicate(state.get(key)):
                return
        time.sleep(0.1)
    raise AssertionError(f"the workbook never held the expected {key!r}")


def _wait_answer(lab: Lab, exercise_id: str, predicate, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if lab.workbook.exists():
            saved = json.loads(lab.workbook.read_text(encoding="utf-8")).get("exercises", {}).get(exercise_id, {})
            if predicate(saved.get("answer")):
                return
        time.sleep(0.1)
    raise AssertionError(f"the workbook never held the expected answer to {exercise_id!r}")


def test_a_quick_check_answer_survives_restart_and_run_all(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_05)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_05):
        check = (
            cells(page)
            .filter(has_text="Quick relationship check")
            .filter(has=page.locator(".widget-toggle-buttons"))
            .first
        )
        result = widget_outputs(check).first
        wait_for_text(result, "Total: 6/18")  # Orvale's answers, pre-filled
        planning = check.locator(".widget-toggle-buttons").nth(2)  # "Joint long-term plans"
        planning.locator("button", has_text=re.compile(r"^\s*strongly agree\s*$")).click()
        wait_for_text(result, "Total: 9/18")
        _wait_state(
            lab, "rel.lesson.quick_check", lambda s: isinstance(s, dict) and s.get("planning") == "strongly agree"
        )

        restart_and_run_all(page)
        check = (
            cells(page)
            .filter(has_text="Quick relationship check")
            .filter(has=page.locator(".widget-toggle-buttons"))
            .first
        )
        wait_for_text(widget_outputs(check).first, "Total: 9/18")
        active = check.locator(".widget-toggle-buttons").nth(2).locator("button.mod-active").text_content()
        assert active.strip() == "strongly agree"
        assert_no_problems(page, LESSON_05)


def test_the_strategy_check_refuses_nonsense_and_accepts_a_strategy_for_orvale(page, lab: Lab) -> None:
    open_notebook(page, lab, EXERCISE_02)
    restart_and_run_all(page)
    with reporting_problems(page, EXERCISE_02):
        exercise = (
            cells(page)
            .filter(has_text="Turn an objective into a conditional strategy")
            .filter(has=page.locator(".widget-textarea"))
            .first
        )
        boxes = exercise.locator(".widget-textarea textarea")
        boxes.nth(0).fill("we will sell umbrellas")
        boxes.nth(1).fill("we will sell sunglasses")
        boxes.nth(1).press("Tab")  # leaving the box sends the text
        button(exercise, "Check").click()
        feedback = widget_outputs(exercise).first
        wait_for_text(feedback, "Not yet")
        assert "There is no condition" in feedback.text_content()

        select = exercise.locator(".widget-dropdown select")
        label = next(o.strip() for o in select.locator("option").all_text_contents() if "Brenna" in o)
        select.select_option(label=label)
        wait_for_text(exercise, "Construction is three months late")
        boxes.nth(0).fill("we propose packaging for the Brenna plant-based range from its first day, with a line trial")
        boxes.nth(1).fill("we use the extra months to certify our recycled content for all six plants")
        boxes.nth(1).press("Tab")
        _wait_answer(lab, "kap.strategy", lambda a: isinstance(a, dict) and "six plants" in str(a.get("alternative")))
        button(exercise, "Check").click()
        wait_for_text(feedback, "Correct")
        assert "What this check can judge" in feedback.text_content()
        assert_no_problems(page, EXERCISE_02)
