"""The plan editors of lessons 06-08 used with the mouse and keyboard: a table row added and
kept after a restart, a text field saved, an export clicked and its file offered for download."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

from labpage import (
    Lab,
    assert_no_problems,
    button,
    cells,
    expect,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
)

LESSON_06 = "notebooks/06_situational_analysis.ipynb"
LESSON_08 = "notebooks/08_key_account_plan.ipynb"
NEW_PERSON = "Olga Brandt (browser test)"


def _wait_saved(workbook: Path, text: str, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if workbook.exists() and text in workbook.read_text(encoding="utf-8"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} was not saved to the workbook {workbook} within {timeout_s} s")


def _stakeholder_editor(page):  # the learner's editor is the first cell showing the map's table
    return (
        cells(page)
        .filter(has_text="Stakeholder map: Orvale Foods")
        .filter(has=page.locator(".widget-button", has_text="Add a row"))
        .first
    )


def test_a_stakeholder_row_added_is_saved_and_survives_a_restart(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_08)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_08):
        editor = _stakeholder_editor(page)
        rows = editor.locator(".widget-hbox", has=page.locator(".widget-button", has_text="Remove"))
        before = rows.count()
        button(editor, "Add a row").click()
        expect(rows).to_have_count(before + 1)
        wait_for_text(editor, "is a draft and is not saved until it has: Name")
        name = rows.last.locator("input[type=text]").first
        name.click()
        page.keyboard.type(NEW_PERSON)
        page.keyboard.press("Tab")  # leaving the box sends the text (continuous_update=False)
        wait_for_text(editor, f"Saved: {before + 1} rows.")
        _wait_saved(lab.workbook, NEW_PERSON)

    restart_and_run_all(page)
    with reporting_problems(page, LESSON_08):
        editor = _stakeholder_editor(page)
        values = editor.locator("input[type=text]").evaluate_all("els => els.map(e => e.value)")
        assert NEW_PERSON in values, "the row added before the restart is shown again"
        assert_no_problems(page, LESSON_08)


def test_export_is_clicked_and_the_file_is_offered(page, lab: Lab, tmp_path: Path) -> None:
    open_notebook(page, lab, LESSON_08)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_08):
        panel = cells(page).filter(has=page.locator(".widget-button", has_text="Word (.docx)")).first
        button(panel, "Word (.docx)").click()
        wait_for_text(panel, re.compile(r"Written: .*orvale_plan\.docx \(\d+ KB"))
        link = panel.locator("a.kam-download")
        expect(link).to_have_attribute("download", "orvale_plan.docx")
        with page.expect_download() as info:
            link.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(str(target))
        assert target.name == "orvale_plan.docx"
        with zipfile.ZipFile(target) as docx:
            assert "Key account plan: Orvale Foods" in docx.read("word/document.xml").decode("utf-8")
        assert_no_problems(page, LESSON_08)


def test_an_analysis_field_typed_is_saved(page, lab: Lab) -> None:
    open_notebook(page, lab, LESSON_06)
    restart_and_run_all(page)
    with reporting_problems(page, LESSON_06):
        editor = (
            cells(page)
            .filter(has_text="Situational analysis of Orvale Foods (Capon)")
            .filter(has=page.locator(".widget-textarea"))
            .first
        )
        label = page.locator(".widget-html", has_text=re.compile(r"^\s*Threats\s*$"))
        threats = editor.locator(".widget-vbox").filter(has=label).last.locator("textarea")
        threats.click()
        page.keyboard.type("Ostrand's price freeze (browser test)")
        page.keyboard.press("Tab")
        wait_for_text(editor, "Saved 'Threats'")
        _wait_saved(lab.workbook, "Ostrand's price freeze (browser test)")
        assert_no_problems(page, LESSON_06)
