"""A slider a learner moved in lesson 03 survives "Restart Kernel and Run All Cells".

The lesson's own demonstrations run on demonstration copies, so running the whole notebook
again must bring back the learner's weight, not the case team's.
"""

from __future__ import annotations

import json
import time

from labpage import (
    Lab,
    assert_no_problems,
    cell_with,
    expect,
    move_slider,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    slider_readout,
    wait_for_text,
)

LESSON_03 = "notebooks/03_selecting_key_accounts.ipynb"


def _saved_weight(lab: Lab, criterion: str) -> object:
    try:
        data = json.loads(lab.workbook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("state", {}).get("sel.weights_editor", {}).get(criterion)


def _wait_saved(lab: Lab, criterion: str, value: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _saved_weight(lab, criterion) == value:
            return
        time.sleep(0.1)
    raise AssertionError(f"{criterion} = {value} was not saved to {lab.workbook} within {timeout_s} s")


def _size_of_wallet(page):
    cell = cell_with(page, ".widget-slider", has_text="Size of wallet")
    return cell, cell.locator(".widget-slider", has_text="Size of wallet").first


def test_a_moved_weight_survives_restart_and_run_all(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_03)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_03):
        cell, slider = _size_of_wallet(page)
        assert slider_readout(slider) == "20", "the workbook was not empty at the start"
        move_slider(slider, +3)
        expect(slider.locator(".widget-readout").first).to_have_text("23")
        _wait_saved(lab, "Size of wallet", 23)
        wait_for_text(cell, "Total: 103 / 100")

        restart_and_run_all(page)
        cell, slider = _size_of_wallet(page)
        expect(slider.locator(".widget-readout").first).to_have_text("23")
        wait_for_text(cell, "Total: 103 / 100")
        assert _saved_weight(lab, "Size of wallet") == 23, "running the lesson put the case weight back"
        # the demonstration below the editor still starts from the case team's weights
        wait_for_text(
            page.locator(".jp-OutputArea-output", has_text="sum to 110").first, "The weights sum to 110, not 100"
        )
        assert_no_problems(page, LESSON_03)
