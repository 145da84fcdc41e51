"""The trainer's guide in Chromium: it runs clean, and its compare view works with the mouse."""

from __future__ import annotations

import re

from labpage import (
    Lab,
    assert_no_problems,
    cell_with,
    expect,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
)

GUIDE = "trainer/guide.ipynb"


def test_guide_runs_and_its_compare_view_answers_the_mouse(page, lab: Lab) -> None:
    open_notebook(page, lab, GUIDE)
    restart_and_run_all(page)
    assert_no_problems(page, GUIDE)
    with reporting_problems(page, GUIDE):
        view = cell_with(page, ".widget-button", has_text="Collect")
        select = view.locator(".widget-dropdown select").first
        options = [o.replace("\xa0", " ").strip() for o in select.locator("option").all_text_contents()]
        select.select_option(index=next(i for i, o in enumerate(options) if o.startswith("Diagnose six")))
        view.locator(".widget-toggle-button", has_text=re.compile(r"^\s*Answers side by side\s*$")).click()
        tables = view.locator(".widget-output table")
        wait_for_text(view, "every group's answer")
        expect(tables.first).to_contain_text("group-01")
        expect(tables.first).to_contain_text("Corbett Snacks")  # the case account of item corbett

        view.locator(".widget-checkbox input").first.check()
        wait_for_text(tables.first, "Group A")
        expect(tables.first).not_to_contain_text("group-01")

        view.locator(".widget-toggle-button", has_text=re.compile(r"^\s*Chart\s*$")).click()
        expect(view.locator(".widget-output img").first).to_be_visible()
        wait_for_text(view, "Where the groups diverge most")
        assert_no_problems(page, GUIDE)
