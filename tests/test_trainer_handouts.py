"""Printables: blank worksheets (XLSX, DOCX, HTML) and lessons run and printed to PDF.

The PDF test prints with Chromium and renders the first page with poppler's pdftoppm; both
are installed by .ci/run. Without them the test is skipped, or fails under
KAMCOURSE_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kamcourse import framework, relationships
from kamcourse.errors import InputError
from kamcourse.trainer import handouts, worksheets

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("KAMCOURSE_REQUIRE_BROWSER", "").strip() not in ("", "0")


def need(tool: str | None, what: str) -> str:
    if tool:
        return tool
    if REQUIRED:
        pytest.fail(f"{what} is required (KAMCOURSE_REQUIRE_BROWSER=1) but not installed")
    pytest.skip(f"{what} not installed")


# --------------------------------------------------------------------------- worksheets


def test_every_worksheet_is_written_fillable_and_printable(tmp_path: Path) -> None:
    for name in worksheets.NAMES:
        written = worksheets.write(name, tmp_path)
        assert {p.suffix for p in written} == {f".{worksheets.FORMATS[name]}", ".html"}
        assert all(p.stat().st_size > 1000 for p in written)
    with pytest.raises(InputError, match="attractiveness, csf"):
        worksheets.spec("timesheet")
    with pytest.raises(InputError):
        worksheets.write_xlsx("plan", tmp_path / "x.xlsx")


def test_quick_check_sheet_uses_the_course_statements_and_bands(tmp_path: Path) -> None:
    from docx import Document

    page = worksheets.html("quick_check")
    doc = Document(str(worksheets.write_docx("quick_check", tmp_path / "q.docx")))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    for statement in relationships.STATEMENTS:
        assert statement.text in page and statement.text in text
    for stage, low, high in relationships.bands():
        assert f"{low}-{high}" in text and stage in text
    assert "illustrative" in page and "strongly agree (3)" in text


def test_plan_template_has_its_sections(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(str(worksheets.write_docx("plan", tmp_path / "p.docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert any("stakeholder map" in h for h in headings) and any("Action plan" in h for h in headings)
    header_rows = [[c.text for c in table.rows[0].cells] for table in doc.tables]
    assert [
        "Name and job",
        "Role in the buying decision",
        "Attitude towards us",
        "Influence",
        "Covered by (how well)",
        "Reports to",
    ] in header_rows


DHL = [
    ("Size of wallet", 25, 9, 5),
    ("Moves small valuable items", 25, 4, 8),
    ("Central decision making", 20, 3, 9),
    ("Global operator", 15, 6, 3),
    ("Industry growth rate", 15, 3, 7),
]


def _fill_dhl(path: Path) -> tuple[Any, int]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Criterion")
    for offset, row in enumerate(DHL, start=1):
        for col, value in enumerate(row, start=1):
            sheet.cell(header + offset, col, value)
    book.save(path)
    return sheet, header


def _cells(sheet: Any, ref: str) -> list[float]:
    from openpyxl.utils import range_boundaries

    low_col, low_row, high_col, high_row = range_boundaries(ref.replace("$", ""))
    return [sheet.cell(r, c).value or 0 for r in range(low_row, high_row + 1) for c in range(low_col, high_col + 1)]


def test_scoring_sheet_formulas_cover_exactly_the_rating_rows(tmp_path: Path) -> None:
    """Each score formula weighs the criteria rows by the weight column: on the DHL example, 520 and 655."""
    import re

    path = worksheets.write_xlsx("attractiveness", tmp_path / "a.xlsx")
    sheet, header = _fill_dhl(path)
    score_row = next(r for r in range(1, 40) if sheet.cell(r, 1).value == "Score (0-1000)")
    total = sheet.cell(score_row - 1, 2).value
    assert total == f"=SUM($B${header + 1}:$B${header + 8})"
    scores = []
    for col in (3, 4):
        formula = sheet.cell(score_row, col).value
        weights, ratings = re.search(r"SUMPRODUCT\(([^,]+),([^)]+)\)", formula).groups()
        scores.append(sum(w * r for w, r in zip(_cells(sheet, weights), _cells(sheet, ratings), strict=False)))
    assert scores == [520, 655]
    assert "RANK(C" in sheet.cell(score_row + 1, 3).value
    csf = worksheets.write_xlsx("csf", tmp_path / "c.xlsx")
    import openpyxl

    formulas = [
        c.value
        for row in openpyxl.load_workbook(csf).active.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any("MAX(" in f for f in formulas) and any("/" in f for f in formulas), "best competitor and the ratio"


def test_scoring_sheet_recalculates_the_dhl_example_in_a_spreadsheet(tmp_path: Path) -> None:
    """Recalculated by LibreOffice Calc when it is installed (Debian: libreoffice-calc-nogui)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    path = worksheets.write_xlsx("attractiveness", tmp_path / "a.xlsx")
    _fill_dhl(path)
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    program = Path(os.path.realpath(soffice)).parent
    if not any(program.glob("libsclo*")):
        pytest.skip("LibreOffice here has no Calc component (Debian: libreoffice-calc-nogui)")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if not (tmp_path / "a.csv").exists():
        pytest.skip("LibreOffice here cannot open spreadsheets (no Calc component)")
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()
    assert next(line for line in lines if line.startswith("Score (0-1000)")).split(",")[2:4] == ["520", "655"]
    assert next(line for line in lines if line.startswith("Rank")).split(",")[2:4] == ["2", "1"]


# --------------------------------------------------------------------------- widgets on paper


def test_widgets_print_as_what_they_show() -> None:
    state = {
        "box": {
            "model_name": "VBoxModel",
            "state": {"children": ["IPY_MODEL_title", "IPY_MODEL_out", "IPY_MODEL_btn"]},
        },
        "title": {"model_name": "HTMLModel", "state": {"value": "<h4>The grid</h4>"}},
        "out": {
            "model_name": "OutputModel",
            "state": {
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {"text/plain": "chart", "image/png": "iVBOR"},
                        "metadata": {},
                    }
                ]
            },
        },
        "btn": {"model_name": "ButtonModel", "state": {"description": "Check"}},
        "slider": {"model_name": "IntSliderModel", "state": {"value": 3}},
    }
    view = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "box"}, "text/plain": "VBox(...)"},
    }
    bare = dict(view, data={"application/vnd.jupyter.widget-view+json": {"model_id": "slider"}})
    nb = {
        "cells": [{"cell_type": "code", "outputs": [view, bare, {"output_type": "stream", "text": "hi"}]}],
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": state}}},
    }
    printed = handouts.inline_widgets(nb)
    outputs = printed["cells"][0]["outputs"]
    assert [o.get("data", {}).get("text/plain", o.get("text")) for o in outputs] == [
        "The grid",
        "chart",
        "(An interactive widget: open the notebook to use it.)",
        "hi",
    ]
    assert "widgets" not in printed["metadata"] and "widgets" in nb["metadata"], "the input is not changed"


def test_a_grid_of_boxes_prints_as_a_table() -> None:
    state = {
        "grid": {
            "model_name": "GridBoxModel",
            "state": {
                "layout": "IPY_MODEL_lay",
                "children": ["IPY_MODEL_h1", "IPY_MODEL_h2", "IPY_MODEL_a", "IPY_MODEL_v"],
            },
        },
        "lay": {"model_name": "LayoutModel", "state": {"grid_template_columns": "14em repeat(1, 6.5em)"}},
        "h1": {"model_name": "HTMLModel", "state": {"value": "<b>Account</b>"}},
        "h2": {"model_name": "HTMLModel", "state": {"value": "<b>Growth &amp; spend</b>"}},
        "a": {"model_name": "HTMLModel", "state": {"value": "Orvale <Foods>"}},
        "v": {"model_name": "FloatTextModel", "state": {"value": 7.0}},
    }
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "grid"}},
                    }
                ],
            }
        ],
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": state}}},
    }
    table = handouts.inline_widgets(nb)["cells"][0]["outputs"][0]["data"]["text/html"]
    assert table.count("<tr>") == 2 and "<td>7</td>" in table and "Growth &amp; spend" in table
    assert "Orvale &lt;Foods&gt;" not in table and "<Foods>" not in table  # tags of an HTML label are dropped


# --------------------------------------------------------------------------- lessons to PDF


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[handouts.Result, list[str]]:
    out = tmp_path_factory.mktemp("handouts")
    messages: list[str] = []
    result = handouts.build(
        out,
        lessons=[ROOT / "notebooks" / "02_kap_framework.ipynb"],
        sheets=True,
        pdf=handouts.chromium() is not None,
        progress=messages.append,
    )
    return result, messages


def test_handouts_report_progress_file_by_file(printed: tuple[handouts.Result, list[str]]) -> None:
    result, messages = printed
    assert [m.split("]")[0] for m in messages] == [f"[{n}/5" for n in range(1, 6)]
    assert "02_kap_framework.ipynb" in messages[0]
    index = (result.folder / "index.html").read_text(encoding="utf-8")
    assert "lessons/02_kap_framework.html" in index and "worksheets/quick_relationship_check.docx" in index


def test_lesson_handout_is_run_offline_and_prints_its_widgets(printed: tuple[handouts.Result, list[str]]) -> None:
    result, _ = printed
    page = (result.folder / "lessons" / "02_kap_framework.html").read_text(encoding="utf-8")
    assert framework.element("Key account plan").question in page, "the grid widget's explanation is printed"
    assert "application/vnd.jupyter.widget-view" not in page and "Loading widget" not in page
    assert 'src="https://' not in page and 'src="http://' not in page, "no script from the web"
    assert "Traceback" not in page


def test_first_pdf_page_shows_text(printed: tuple[handouts.Result, list[str]], tmp_path: Path) -> None:
    from PIL import Image

    result, _ = printed
    need(handouts.chromium(), "Chromium (PDF printing)")
    pdftoppm = need(shutil.which("pdftoppm"), "pdftoppm (poppler-utils)")
    assert not result.problems, result.problems
    assert len(result.pdfs) == 5
    pdf = result.folder / "lessons" / "02_kap_framework.pdf"
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    pixels = image.load()
    dark_rows = sum(1 for y in range(height) if any(pixels[x, y] < 128 for x in range(0, width, 2)))
    dark = sum(1 for y in range(0, height, 2) for x in range(0, width, 2) if pixels[x, y] < 128)
    share = dark / ((width // 2) * (height // 2))
    assert 0.003 < share < 0.3, f"the page looks blank or black ({share:.4f} dark)"
    assert dark_rows > 40, "a page of text has many rows of dark pixels (lines of letters)"
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "Plan a key account in three dimensions" in text


def test_a_lesson_that_fails_is_reported_and_the_rest_carries_on(tmp_path: Path) -> None:
    bad = tmp_path / "99_broken.ipynb"
    good = tmp_path / "98_fine.ipynb"
    cell: dict[str, Any] = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    for path, source in ((bad, "raise ValueError('on purpose')"), (good, "print('fine')")):
        path.write_text(
            json.dumps(
                {
                    "cells": [dict(cell, source=source)],
                    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                    "nbformat": 4,
                    "nbformat_minor": 4,
                }
            ),
            encoding="utf-8",
        )
    result = handouts.build(tmp_path / "out", lessons=[bad, good], sheets=False, pdf=False)
    assert [p.name for p in result.written] == ["98_fine.html"]
    assert len(result.problems) == 1 and "99_broken" in result.problems[0] and "on purpose" in result.problems[0]
    with pytest.raises(InputError, match="No lesson"):
        handouts.build(tmp_path / "out", lessons=[tmp_path / "missing.ipynb"])
