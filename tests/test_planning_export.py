"""Exporting the plan: every file opens again (python-docx, the course's xlsx reader, a
browser-free HTML check, headless LibreOffice), and learner text stays data in each format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kamcourse import planning as P
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook

PAYLOADS = [
    '=HYPERLINK("http://example.invalid","y")',
    "@SUM(1+1)",
    "+1",
    "-1+1",
    "<script>alert(1)</script>",
    "$x$ costs $5",
]
REQUIRE_OFFICE = any(
    os.environ.get(v, "").strip() not in ("", "0") for v in ("KAMCOURSE_REQUIRE_OFFICE", "KAMCOURSE_REQUIRE_BROWSER")
)


@pytest.fixture(scope="module")
def worked() -> P.Plan:
    return P.worked_plan(workbook=Workbook("/nonexistent-kamcourse/wb.json"))


@pytest.fixture(scope="module")
def hostile(worked: P.Plan) -> P.Plan:
    """The worked plan with learner text that looks like code in every table."""
    people = list(worked.stakeholders) + [
        P.Stakeholder(
            name=p,
            title=p,
            role="influencer",
            attitude="opponent",
            influence="low",
            reports_to="Henrik Orvale",
            notes=p,
        )
        for p in PAYLOADS
    ]
    actions = list(worked.actions) + [P.Action(what=p, owner=p, due="2027-05-01", objective="S1") for p in PAYLOADS]
    objectives = list(worked.objectives) + [
        P.Objective(id=f"Z{i}", text=p, metric=p, unit=p, baseline=1, target=2, due="2027-06-01")
        for i, p in enumerate(PAYLOADS)
    ]
    return worked.replace(
        stakeholders=people,
        actions=actions,
        objectives=objectives,
        profile={**worked.profile.to_dict(), "customer": " ".join(PAYLOADS)},
    )


# ----------------------------------------------------------------------------- Word
def test_docx_reopens_with_headings_tables_and_charts(worked: P.Plan, tmp_path: Path) -> None:
    import docx

    path = P.export(worked, tmp_path / "orvale_plan.docx")
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Key account plan: Orvale Foods"
    for part in (
        "1. The account (key account database)",
        "4. Strategy",
        "7. Stakeholder map",
        "8. Action plan",
        "11. Self-audit: the ten pitfalls",
    ):
        assert part in headings
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    assert len(tables["Name"].rows) == len(worked.stakeholders) + 1
    assert len(tables["Action"].rows) == len(worked.actions) + 1
    assert len(tables["Pitfall"].rows) == 11
    assert len(document.inline_shapes) == 2
    assert document.core_properties.title == "Key account plan: Orvale Foods"


def test_docx_without_charts(worked: P.Plan, tmp_path: Path) -> None:
    import docx

    path = P.export(worked, tmp_path / "plain.docx", charts=False)
    assert len(docx.Document(str(path)).inline_shapes) == 0


def test_learner_text_is_plain_text_in_word(hostile: P.Plan, tmp_path: Path) -> None:
    import docx

    path = P.export(hostile, tmp_path / "hostile.docx", charts=False)
    cells = {c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells}
    assert set(PAYLOADS) <= cells
    with zipfile.ZipFile(path) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert "<w:fldSimple" not in body and "<w:instrText" not in body and "<script>" not in body


# ----------------------------------------------------------------------------- Excel
def _sheets(path: Path) -> dict[str, list[list[object]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_xlsx_has_one_sheet_per_table_with_types(worked: P.Plan, tmp_path: Path) -> None:
    path = P.export(worked, tmp_path / "orvale_plan.xlsx")
    sheets = _sheets(path)
    assert list(sheets) == [
        "Plan",
        "Stakeholders",
        "Opportunities",
        "Objectives",
        "Actions",
        "Strategies",
        "Pitfalls audit",
    ]
    objectives = sheets["Objectives"]
    assert objectives[0] == ["Id", "Level", "Objective", "Metric", "Unit", "Baseline", "Target", "Due date", "Owner"]
    first = dict(zip(objectives[0], objectives[1], strict=False))
    assert first["Baseline"] == 5.0 and first["Target"] == 15.0 and isinstance(first["Target"], float)
    assert first["Due date"] in (dt.date(2028, 12, 31), dt.datetime(2028, 12, 31))
    assert len(sheets["Stakeholders"]) == len(worked.stakeholders) + 1
    assert len(sheets["Actions"]) == len(worked.actions) + 1
    plan_rows = {row[0]: row[1] for row in sheets["Plan"][1:]}
    assert plan_rows["Attractiveness"] == 810.0 and plan_rows["Portfolio category"] == "Star"
    from kamcourse import io as kio  # the course's own reader (first sheet) opens it too

    first = kio.read_accounts(path, required=("Item",), account_column="Item", numeric=())
    assert first.loc["Portfolio category", "Value"] == "Star" and first.loc["Account", "Value"] == "Orvale Foods"
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet4.xml").decode("utf-8")
    assert '<pane ySplit="1"' in sheet and "<autoFilter" in sheet and "<col " in sheet


def test_formula_payloads_stay_text_in_excel(hostile: P.Plan, tmp_path: Path) -> None:
    path = P.export(hostile, tmp_path / "hostile.xlsx")
    values = {v for rows in _sheets(path).values() for row in rows for v in row}
    assert set(PAYLOADS) <= values, "each payload reads back exactly as typed"
    with zipfile.ZipFile(path) as zf:
        sheets = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        styles = zf.read("xl/styles.xml").decode("utf-8")
    assert all("<f>" not in s and "<f " not in s for s in sheets), "no cell holds a formula"
    assert 'quotePrefix="1"' in styles, "texts starting with = + - @ carry Excel's quote prefix"
    assert "HYPERLINK" not in "".join(s for s in sheets)  # texts live in the shared strings, not as formulas


# ----------------------------------------------------------------------------- HTML
def test_html_is_one_self_contained_printable_page(worked: P.Plan, tmp_path: Path) -> None:
    path = P.export(worked, tmp_path / "orvale_plan.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Key account plan: Orvale Foods</title>" in page
    assert page.count('src="data:image/png;base64,') == 2
    assert "@media print" in page
    assert not re.search(r"(src|href)=[\"']https?:", page), "nothing is loaded from elsewhere"


def test_script_stays_visible_text_in_html(hostile: P.Plan, tmp_path: Path) -> None:
    page = P.export(hostile, tmp_path / "hostile.html", charts=False).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://example.invalid&quot;,&quot;y&quot;)" in page


# ----------------------------------------------------------------------------- where and how files are written
def test_a_bare_file_name_goes_to_the_export_folder_beside_the_workbook(
    worked: P.Plan, book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KAMCOURSE_EXPORTS", raising=False)
    path = P.export(worked, "orvale_plan.html", charts=False)
    assert path == book.path.parent / "plans" / "orvale_plan.html" and path.is_file()
    monkeypatch.setenv("KAMCOURSE_EXPORTS", str(book.path.parent / "elsewhere"))
    assert P.export(worked, "x.html", charts=False).parent.name == "elsewhere"


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("plan.pdf", "exports .docx, .xlsx, .html, not '.pdf'"),
        ("plan", "not '-'"),
        (42, "Give the file to write"),
        ("", "Give the file to write"),
    ],
)
def test_bad_file_names_are_refused(worked: P.Plan, path: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        P.export(worked, path)  # type: ignore[arg-type]


def test_bad_plan_or_charts_are_refused(worked: P.Plan, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Give a key account plan"):
        P.export({"account": "x"}, tmp_path / "x.docx")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="charts must be"):
        P.export(worked, tmp_path / "x.docx", charts={"stakeholders": "not png"})  # type: ignore[dict-item]


def test_a_folder_that_cannot_be_written_gives_a_clear_message(worked: P.Plan, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match=r"could not be written to .*a-file/plans/x.docx: .*Choose a folder"):
        P.export(worked, blocker / "plans" / "x.docx", charts=False)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write into read-only folders")
def test_a_read_only_folder_gives_a_clear_message(worked: P.Plan, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="could not be written"):
            P.export(worked, folder / "x.html", charts=False)
    finally:
        folder.chmod(0o700)


def test_a_failed_export_leaves_no_half_file(worked: P.Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamcourse.planning import _html

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_html, "write", broken)
    with pytest.raises(InputError, match="No space left on device"):
        P.export(worked, tmp_path / "x.html", charts=False)
    assert list(tmp_path.iterdir()) == []


def test_an_export_replaces_the_previous_file(worked: P.Plan, tmp_path: Path) -> None:
    target = tmp_path / "p.html"
    target.write_text("old")
    P.export(worked.replace(account="Renamed Foods"), target, charts=False)
    assert "Renamed Foods" in target.read_text(encoding="utf-8")


def test_an_empty_plan_exports_too(tmp_path: Path) -> None:
    import docx

    plan = P.Plan(account="Blank Account")
    for suffix in P.FORMATS:
        assert P.export(plan, tmp_path / f"blank{suffix}").stat().st_size > 0
    assert "Key account plan: Blank Account" in docx.Document(str(tmp_path / "blank.docx")).paragraphs[0].text


# ----------------------------------------------------------------------------- LibreOffice
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None and not REQUIRE_OFFICE,
    reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)",
)
FILTERS = {".docx": "MS Word 2007 XML", ".xlsx": "Calc MS Excel 2007 XML"}


def convert(path: Path, to: str, out: Path) -> list[Path]:
    """Convert ``path`` with headless LibreOffice (forcing the import filter of its format, so
    LibreOffice refuses a file it cannot read as that format instead of opening it as text)."""
    assert SOFFICE is not None, (
        "LibreOffice is required (KAMCOURSE_REQUIRE_OFFICE / CI): apt-get install libreoffice-writer-nogui"
    )
    out.mkdir(exist_ok=True)
    profile = out / "lo-profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            f"--infilter={FILTERS[path.suffix]}",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    made = sorted(p for p in out.iterdir() if p.stem.startswith(path.stem) and p.is_file())
    if done.returncode != 0 or not made:
        raise AssertionError(f"LibreOffice refused {path.name} (exit {done.returncode}): {done.stdout} {done.stderr}")
    return made


@needs_office
def test_libreoffice_converts_the_word_plan_to_pdf(worked: P.Plan, tmp_path: Path) -> None:
    (pdf,) = convert(P.export(worked, tmp_path / "orvale_plan.docx"), "pdf", tmp_path / "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Key account plan: Orvale Foods" in text and "Sanna Virtanen" in text


@needs_office
def test_the_conversion_check_fails_when_libreoffice_refuses_a_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a Word document")
    with pytest.raises(AssertionError, match="LibreOffice refused broken.docx"):
        convert(bad, "pdf", tmp_path / "pdf")


CALC = SOFFICE is not None and any(
    (Path(SOFFICE).resolve().parent / name).exists() for name in ("libsclo.so", "libsc.so")
)


@pytest.mark.skipif(
    not CALC,
    reason="LibreOffice Calc not installed (apt-get install libreoffice-calc-nogui); "
    "the XML checks above still prove no cell is a formula",
)
def test_libreoffice_shows_excel_payloads_as_text(hostile: P.Plan, tmp_path: Path) -> None:
    path = P.export(hostile, tmp_path / "hostile.xlsx")
    made = convert(
        path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", tmp_path / "csv"
    )
    text = "\n".join(p.read_text(encoding="utf-8") for p in made)
    for payload in ("@SUM(1+1)", "-1+1", "HYPERLINK"):
        assert payload in text, f"{payload} was evaluated instead of shown"
    assert ",2," not in text.replace(",2027", "")  # @SUM(1+1) did not become 2


def test_stakeholder_payloads_are_still_a_valid_plan(hostile: P.Plan) -> None:
    assert P.Plan.from_dict(hostile.to_dict()) == hostile
    assert dataclasses.replace(hostile.stakeholders[-1]).name == "$x$ costs $5"
