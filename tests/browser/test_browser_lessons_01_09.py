"""Lessons 01 and 09 used with the mouse and keyboard, as a learner would.

* lesson 01: the concentration slider moved with the keyboard redraws the reading and the chart,
  and the cut comes back after a kernel restart and run-all;
* lesson 09: the congruence diagnostic filled from the Vellmar case with one click shows the
  misfit; one rating clicked changes the diagnosis, and survives a restart and run-all.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from labpage import (
    Lab,
    assert_no_problems,
    button,
    cells,
    expect,
    move_slider,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    slider_readout,
    wait_for_text,
    widget_outputs,
)

LESSON_01 = "notebooks/01_why_key_account_management.ipynb"
LESSON_09 = "notebooks/09_organising_for_kam.ipynb"


def _wait_state(lab: Lab, key: str, predicate: Callable[[Any], bool], timeout_s: float = 10.0) -> None:
    """Wait until the kernel has saved a widget state that satisfies ``predicate`` (then a restart is safe)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if lab.workbook.exists():
            state = json.loads(lab.workbook.read_text(encoding="utf-8")).get("state", {})
            if predicate(state.get(key)):
                return
        time.sleep(0.1)
    raise AssertionError(f"the workbook never held the expected {key!r}")


def test_concentration_slider_redraws_and_its_cut_survives_a_restart(page, lab: Lab) -> None:  # type: ignore[no-untyped-def]
    open_notebook(page, lab, LESSON_01)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_01):
        view = cells(page).filter(has=page.locator(".widget-slider", has_text="Top customers")).first
        reading = widget_outputs(view).first
        wait_for_text(reading, "The top 10 of 180 customers")
        chart = widget_outputs(view).nth(1)
        before = chart.locator("img").get_attribute("src")
        move_slider(view.locator(".widget-slider").first, +2)
        wait_for_text(reading, "The top 12 of 180 customers (6.7% of them) make 35% of the revenue")
        assert slider_readout(view.locator(".widget-slider").first) == "12"
        page.wait_for_function(
            "([el, old]) => el.getAttribute('src') !== old", arg=[chart.locator("img").element_handle(), before]
        )
        _wait_state(lab, "fundamentals.lesson.cut", lambda v: v == {"cut": 12})
        assert_no_problems(page, LESSON_01)

    restart_and_run_all(page)
    with reporting_problems(page, LESSON_01):
        view = cells(page).filter(has=page.locator(".widget-slider", has_text="Top customers")).first
        wait_for_text(widget_outputs(view).first, "The top 12 of 180 customers")
        assert slider_readout(view.locator(".widget-slider").first) == "12"
        assert_no_problems(page, LESSON_01)


def test_congruence_diagnostic_shows_the_misfit_and_a_rating_survives_a_restart(page, lab: Lab) -> None:  # type: ignore[no-untyped-def]
    open_notebook(page, lab, LESSON_09)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_09):
        diagnostic = (
            cells(page)
            .filter(has_text="Congruence diagnostic")
            .filter(has=page.locator(".widget-toggle-buttons"))
            .first
        )
        result = widget_outputs(diagnostic).first
        wait_for_text(result, "0 of 12 statements rated")
        button(diagnostic, "Start from the Vellmar case").click()
        wait_for_text(result, "Misfit: Human resources (1.7) is 2.0 points below Organisation.")
        expect(widget_outputs(diagnostic).nth(1).locator("img")).to_have_count(1)  # the chart follows the text
        row = diagnostic.locator(".widget-hbox", has_text="Pay and recognition reward").first
        row.locator("button", has_text=re.compile(r"^\s*5\s*$")).click()  # Vellmar rewards long-term work fully
        wait_for_text(result, "Human resources 3.0")
        wait_for_text(result, "No element lags the others by more than 1 point")
        _wait_state(lab, "organising.lesson.congruence", lambda v: isinstance(v, dict) and v.get("h2") == 5)
        assert_no_problems(page, LESSON_09)

    restart_and_run_all(page)
    with reporting_problems(page, LESSON_09):
        diagnostic = (
            cells(page)
            .filter(has_text="Congruence diagnostic")
            .filter(has=page.locator(".widget-toggle-buttons"))
            .first
        )
        wait_for_text(widget_outputs(diagnostic).first, "No element lags the others by more than 1 point")
        row = diagnostic.locator(".widget-hbox", has_text="Pay and recognition reward").first
        active = row.locator("button.mod-active").text_content().strip()
        assert active == "5"
        assert_no_problems(page, LESSON_09)
