"""Answers typed in the browser survive a kernel restart: saved to the workbook, restored."""

from __future__ import annotations

import time

from labpage import Lab, assert_no_problems, cell_with, expect, open_notebook, restart_and_run_all

EXERCISE_02 = "exercises/02_kap_framework.ipynb"
STRATEGY = "we propose packaging for the Brenna plant from its first day of production (browser test)"


def _selected_label(select) -> str:
    return select.evaluate("el => el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : ''").strip()


def _wait_saved(workbook, text: str, timeout_s: float = 10.0) -> None:
    """Wait until the kernel has written ``text`` to the workbook file (then a restart is safe)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if workbook.exists() and text in workbook.read_text(encoding="utf-8"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} was not saved to the workbook {workbook} within {timeout_s} s")


def test_answers_survive_a_kernel_restart(page, lab: Lab) -> None:
    open_notebook(page, lab, EXERCISE_02)
    restart_and_run_all(page)
    select = cell_with(page, ".widget-dropdown").locator(".widget-dropdown select").first
    textarea = cell_with(page, ".widget-textarea").locator("textarea").first
    assert _selected_label(select) in ("", "(choose)"), "the workbook was not empty at the start"
    expect(textarea).to_have_value("")

    label = next(t.strip() for t in select.locator("option").all_text_contents() if t.strip().endswith("Operations"))
    select.select_option(label=label)
    _wait_saved(lab.workbook, "Operations")
    textarea.click()
    page.keyboard.type(STRATEGY)
    page.keyboard.press("Tab")  # leaving the box sends the text (continuous_update=False)
    _wait_saved(lab.workbook, STRATEGY)

    restart_and_run_all(page)
    select = cell_with(page, ".widget-dropdown").locator(".widget-dropdown select").first
    textarea = cell_with(page, ".widget-textarea").locator("textarea").first
    expect(textarea).to_have_value(STRATEGY)
    assert _selected_label(select) == label
    assert_no_problems(page, EXERCISE_02)
