"""Widgets of the later lessons, used with the mouse and keyboard (skipped until the lesson exists).

Each test is a few lines on top of the helpers in ``labpage.py``; add one per new widget.
"""

from __future__ import annotations

import re

import pytest
from labpage import (
    ROOT,
    Lab,
    assert_no_problems,
    cells,
    move_slider,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    slider_readout,
    wait_for_text,
    widget_outputs,
)


def lesson(pattern: str) -> str:
    """The repo-relative path of the lesson matching ``notebooks/<pattern>``, or skip the test."""
    found = sorted((ROOT / "notebooks").glob(pattern))
    if not found:
        pytest.skip(f"no notebooks/{pattern} yet")
    return str(found[0].relative_to(ROOT))


def test_weights_editor_slider_redraws_the_chart(page, lab: Lab) -> None:
    path = lesson("03_*.ipynb")
    open_notebook(page, lab, path)
    restart_and_run_all(page)
    with reporting_problems(page, path):
        editor = (
            cells(page).filter(has=page.locator(".widget-slider")).filter(has=page.locator(".widget-output img")).first
        )
        cell = editor.element_handle()  # fixed now: the chart may change while weights do not add up
        slider = editor.locator(".widget-slider").first
        before_value, before_text = slider_readout(slider), widget_outputs(editor).all_text_contents()
        move_slider(slider, +1)
        page.wait_for_function(
            "([el, old]) => el.textContent.trim() !== old",
            arg=[slider.locator(".widget-readout").first.element_handle(), before_value],
        )
        page.wait_for_function(
            "([cell, old]) => Array.from(cell.querySelectorAll('.widget-output')).map(o => o.textContent).join('|') !== old",  # noqa: E501 (a literal line of data)
            arg=[cell, "|".join(before_text)],
        )
        assert_no_problems(page, path)


def test_portfolio_cut_slider_redraws_the_matrix(page, lab: Lab) -> None:
    path = lesson("04_*.ipynb")
    open_notebook(page, lab, path)
    restart_and_run_all(page)
    with reporting_problems(page, path):
        view = cells(page).filter(has=page.locator(".widget-slider", has_text="Attractiveness cut")).first
        chart = widget_outputs(view).first
        median = view.locator(".widget-checkbox input[type=checkbox]").first
        if median.is_checked():  # the lesson turns the median cuts on; cuts by hand need it off
            median.click()
            wait_for_text(chart, "cuts set by hand")
        slider = view.locator(".widget-slider", has_text="Attractiveness cut").first
        start = float(slider_readout(slider))
        move_slider(slider, +2)  # two steps of 5
        wait_for_text(chart, re.compile(rf"attractiveness {start + 10:g}\b"))
        assert float(slider_readout(slider)) == start + 10
        assert chart.locator("img").count() == 1
        assert_no_problems(page, path)


def test_relationship_quick_check_buttons_update_the_result(page, lab: Lab) -> None:
    path = lesson("05_*.ipynb")
    open_notebook(page, lab, path)
    restart_and_run_all(page)
    with reporting_problems(page, path):
        check = (
            cells(page)
            .filter(has_text="Quick relationship check")
            .filter(has=page.locator(".widget-toggle-buttons"))
            .first
        )
        result = widget_outputs(check).first
        wait_for_text(result, re.compile(r"Total: \d+"))
        before = int(re.search(r"Total: (\d+)", result.text_content()).group(1))
        row = check.locator(".widget-toggle-buttons").first
        current = row.locator("button.mod-active").text_content().strip()
        choice = "strongly agree" if current != "strongly agree" else "strongly disagree"
        row.locator("button", has_text=re.compile(rf"^\s*{choice}\s*$")).click()
        page.wait_for_function(
            "([el, old]) => { const m = /Total: (\\d+)/.exec(el.textContent); return m && Number(m[1]) !== old; }",
            arg=[result.element_handle(), before],
        )
        assert "mod-active" in (
            row.locator("button", has_text=re.compile(rf"^\s*{choice}\s*$")).get_attribute("class") or ""
        )
        assert widget_outputs(check).nth(1).locator("img").count() == 1  # the chart is drawn
        assert_no_problems(page, path)
