"""kamcourse.io.read_accounts: real-world CSV and XLSX account lists, and every rejection."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from kamcourse.errors import InputError
from kamcourse.io import parse_number, read_accounts

DATA = Path(__file__).parent / "data" / "accounts"


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """Write a minimal, valid .xlsx with inline strings, numbers and formulas ("=..." as
    a real Excel formula cell with a cached value of 2), without any xlsx library."""

    def col(i: int) -> str:
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif isinstance(v, str) and v.startswith("="):
                cells.append(f'<c r="{ref}"><f>{escape(v[1:])}</f><v>2</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(out)}</sheetData></worksheet>"
    )
    ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'  # noqa: E501 (a literal line of data)
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'  # noqa: E501 (a literal line of data)
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns_r}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '  # noqa: E501 (a literal line of data)
            f'xmlns:r="{ns_r}"><sheets><sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns_r}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


# ------------------------------------------------------------------ good files
def test_plain_utf8_csv():
    df = read_accounts(DATA / "good_utf8.csv", numeric=["spend", "rating"])
    assert list(df.index) == ["Alpha Foods", "Beta Chemicals"]
    assert df.index.name == "account"
    assert df.loc["Alpha Foods", "spend"] == 1200.5
    assert df["rating"].tolist() == [7.0, 4.0]


def test_french_excel_bom_semicolon_decimal_comma_nbsp():
    df = read_accounts(DATA / "good_bom_semicolon.csv", numeric=["spend", "rating"])
    assert list(df.index) == ["Café du Nord", "Blé Doré"]
    assert df["spend"].tolist() == [1234.5, 1000.0]
    assert df["rating"].tolist() == [7.0, 8.5]


def test_windows_1252_with_accents_and_dot_thousands():
    df = read_accounts(DATA / "good_cp1252.csv", numeric=["spend"])
    assert list(df.index) == ["Société Générale des Boîtes", "Zürich Verpackung"]
    assert df["spend"].tolist() == [2345.75, 12.0]


def test_spaces_in_headers_and_cells_and_case_insensitive_headers():
    df = read_accounts(DATA / "good_spaces_thousands.csv", numeric=["spend"], required=["Rating"])
    assert list(df.index) == ["Gamma Retail"]
    assert df.loc["Gamma Retail", "spend"] == 1234.5
    assert df.loc["Gamma Retail", "Rating"] == "6"


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1 234,5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("1.234,5", ",", 1234.5),
        ("1\u00a0234", ".", 1234.0),
        ("1\u202f234,25", ",", 1234.25),
        ("1,234", ".", 1234.0),
        ("1,234", ",", 1.234),
        ("12,5", ".", 12.5),
        ("-0", ".", 0.0),
        ("€ 1 000", ",", 1000.0),
        ("1,234,567", ".", 1234567.0),
    ],
)
def test_parse_number_accepts_spreadsheet_formats(text, decimal, expected):
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["twelve", "=1+1", "1.2.3,4,5", "", "nan", "inf", "1e999", "12abc", "--3"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_good_xlsx(tmp_path):
    path = write_xlsx(
        tmp_path / "crm.xlsx", [["Account ", "Spend"], [" Alpha ", 1200.5], ["Beta", "1 234,5"], [1001, 7]]
    )
    df = read_accounts(path, numeric=["spend"])
    assert list(df.index) == ["Alpha", "Beta", "1001"]
    assert df["spend"].tolist() == [1200.5, 1234.5, 7.0]


# ------------------------------------------------------------------ bad files
def _rejects(path, match_all, **kwargs):
    with pytest.raises(InputError) as info:
        read_accounts(path, **kwargs)
    message = str(info.value)
    for part in match_all:
        assert part in message, message
    return message


def test_empty_file():
    _rejects(DATA / "bad_empty.csv", ["bad_empty.csv", "empty"])


def test_header_only():
    _rejects(DATA / "bad_header_only.csv", ["bad_header_only.csv", "no account rows"])


def test_missing_required_column():
    _rejects(
        DATA / "bad_missing_column.csv", ["bad_missing_column.csv", "'spend'", "account, revenue"], numeric=["spend"]
    )


def test_text_in_numeric_column_names_row_and_column():
    _rejects(
        DATA / "bad_text_in_number.csv", ["bad_text_in_number.csv", "row 3", "'spend'", "'twelve'"], numeric=["spend"]
    )


def test_duplicate_account_names_name_both_rows():
    _rejects(DATA / "bad_duplicate.csv", ["bad_duplicate.csv", "row 4", "'Alpha'", "row 2"])


def test_empty_account_name():
    _rejects(DATA / "bad_empty_name.csv", ["bad_empty_name.csv", "row 3", "'account'", "empty"])


def test_csv_formula_is_rejected_not_evaluated():
    msg = _rejects(
        DATA / "bad_formula.csv", ["bad_formula.csv", "row 2", "'spend'", "'=1+1'", "formula"], numeric=["spend"]
    )
    assert "2.0" not in msg


def test_too_many_rows():
    _rejects(DATA / "bad_too_many.csv", ["bad_too_many.csv", "more than 2"], max_rows=2)
    assert len(read_accounts(DATA / "bad_too_many.csv", max_rows=3)) == 3


def test_unsupported_extension():
    _rejects(DATA / "bad_extension.txt", ["bad_extension.txt", "'.txt'", ".csv and .xlsx"])


def test_corrupt_xlsx():
    _rejects(DATA / "bad_corrupt.xlsx", ["bad_corrupt.xlsx", "not a readable Excel workbook"])


def test_missing_file(tmp_path):
    _rejects(tmp_path / "nowhere.csv", ["nowhere.csv", "not found"])


def test_empty_xlsx(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    _rejects(path, ["empty.xlsx", "empty"])


def test_xlsx_formula_cell_is_rejected_with_excel_row(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [["account", "spend"], ["Alpha", 1], ["Beta", "=B2*2"]])
    _rejects(path, ["f.xlsx", "row 3", "'spend'", "'=B2*2'", "never evaluated"], numeric=["spend"])


def test_xlsx_text_and_bool_in_numeric_column(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [["account", "spend"], ["Alpha", "n/a"]])
    _rejects(path, ["t.xlsx", "row 2", "'spend'", "'n/a'"], numeric=["spend"])
    path = write_xlsx(tmp_path / "b.xlsx", [["account", "spend"], ["Alpha", 3], ["Beta", True]])
    _rejects(path, ["b.xlsx", "row 3", "'spend'", "True"], numeric=["spend"])


def test_xlsx_rows_counted_as_excel_shows_them(tmp_path):
    rows = [["account", "spend"], ["Alpha", 1], [None, None], ["Alpha", 2]]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    _rejects(path, ["d.xlsx", "row 4", "'Alpha'", "row 2"])


def test_xlsx_empty_numeric_cell(tmp_path):
    path = write_xlsx(tmp_path / "e.xlsx", [["account", "spend", "x"], ["Alpha", None, "k"]])
    _rejects(path, ["e.xlsx", "row 2", "'spend'", "empty"], numeric=["spend"])


def test_duplicate_header(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("account,Spend,spend \nA,1,2\n", encoding="utf-8")
    _rejects(path, ["h.csv", "row 1", "'spend'", "columns B and C"])


def test_bad_arguments():
    _rejects(DATA / "good_utf8.csv", ["max_rows", "0"], max_rows=0)


# ------------------------------------------------------------------ the course's numeric columns by default
def test_course_columns_are_numbers_without_asking(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "account;attractiveness;strength;spend;segment\nA;700;1,2;1 000;Food\nB;450;0,9;200;Chemicals\n",
        encoding="utf-8",
    )
    df = read_accounts(path)
    assert df["attractiveness"].tolist() == [700.0, 450.0]
    assert df["strength"].tolist() == [1.2, 0.9] and df["spend"].tolist() == [1000.0, 200.0]
    assert df["segment"].tolist() == ["Food", "Chemicals"], "other columns stay text"
    assert read_accounts(path, numeric=[])["strength"].tolist() == ["1,2", "0,9"], "numeric=[] asks for text"
    only_spend = read_accounts(DATA / "good_utf8.csv")
    assert only_spend["spend"].tolist() == [1200.5, 300.0] and only_spend["rating"].tolist() == ["7", "4"]
    assert list(read_accounts(DATA / "good_cp1252.csv").columns) == ["spend"]


def test_text_in_a_course_column_is_refused_with_file_row_and_column(tmp_path):
    _rejects(DATA / "bad_text_in_number.csv", ["bad_text_in_number.csv", "row 3", "spend", "twelve"])
    path = tmp_path / "scores.csv"
    path.write_text("account,attractiveness,strength\nA,700,1.1\nB,high,0.9\n", encoding="utf-8")
    _rejects(path, ["scores.csv", "row 3", "attractiveness", "high"])
