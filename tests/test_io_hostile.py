"""Hostile and careless account files (issue 9, classes 1, 2, 9 and 10): each is read correctly
or refused with a message naming the file (and the row and column where there is one) -- never
a traceback, a silent change of data, or memory exhausted.

Small files live in ``tests/data/hostile/``; the large ones (a decompression bomb, a sparse
70 MB file, an archive of 20,000 parts) are generated here, never committed.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from test_io import write_xlsx

from kamcourse.errors import InputError
from kamcourse.io import MAX_FILE_BYTES, read_accounts

HOSTILE = Path(__file__).parent / "data" / "hostile"
ROOT = Path(__file__).resolve().parent.parent


def _refused(path: Path, *parts: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as info:
        read_accounts(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    for part in parts:
        assert part in message, message
    return message


# ----------------------------------------------------------------- CSV: data never silently changed
def test_a_row_with_more_values_than_the_header_is_refused_naming_row_and_column() -> None:
    _refused(HOSTILE / "extra_fields.csv", "extra_fields.csv", "row 3", "column C", "'Gamma Retail'", "without a name")


def test_trailing_empty_separators_are_not_extra_values() -> None:
    df = read_accounts(HOSTILE / "trailing_separators.csv", numeric=["spend"])
    assert df["spend"].tolist() == [1200.5, 300.0]


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_a_line_of_each() -> None:
    _refused(HOSTILE / "mixed_encoding.csv", "mixed_encoding.csv", "line 2 is UTF-8", "line 3 is not", "UTF-8")


def test_excel_unicode_text_utf16_is_read_correctly() -> None:
    df = read_accounts(HOSTILE / "utf16_excel_unicode_text.csv", numeric=["spend"])
    assert list(df.index) == ["Café du Nord", "Zürich Verpackung"]
    assert df["spend"].tolist() == [1200.5, 300.0]


def test_utf16_without_byte_order_mark_asks_for_utf8() -> None:
    _refused(HOSTILE / "utf16_without_bom.csv", "utf16_without_bom.csv", "CSV UTF-8")


def test_a_csv_formula_in_a_text_column_stays_text_never_evaluated() -> None:
    df = read_accounts(HOSTILE / "formula_in_text_column.csv", numeric=["spend"])
    assert df.loc["Alpha Foods", "segment"].startswith("=HYPERLINK(")


def test_markup_and_math_in_names_are_read_as_they_are() -> None:
    df = read_accounts(HOSTILE / "markup_names.csv", numeric=["attractiveness", "strength"])
    assert "Save_$ Mart_$" in df.index and "![x](https://example.invalid/track.png)" in df.index


def test_undefined_windows_1252_bytes_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"account,note\nAlpha,\x81x\n")
    assert read_accounts(path).loc["Alpha", "note"] == "\x81x"


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.write(b"account\n")
        handle.truncate(MAX_FILE_BYTES + 1)
    _refused(path, "huge.csv", "MB")


# ----------------------------------------------------------------- XLSX: cells that are not values
def _xlsx_with_cells(tmp_path: Path, cells: str, name: str = "x.xlsx") -> Path:
    """A valid xlsx whose sheet rows are ``cells`` (raw sheet XML for rows 2 onward)."""
    base = write_xlsx(tmp_path / "base.xlsx", [["account", "spend", "segment"]])
    with zipfile.ZipFile(base) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", cells + "</sheetData>").encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, data in parts.items():
            zout.writestr(part, data)
    return path


def _row(r: int, account: str, spend: str, segment: str = '<c r="C{r}" t="inlineStr"><is><t>Food</t></is></c>') -> str:
    return (
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{account}</t></is></c>{spend.format(r=r)}'
        f"{segment.format(r=r)}</row>"
    )


@pytest.mark.parametrize("value", ["NaN", "INF", "-INF", "1e309"])
def test_xlsx_numbers_that_are_not_finite_are_refused_like_csv(tmp_path: Path, value: str) -> None:
    path = _xlsx_with_cells(
        tmp_path, _row(2, "Alpha", '<c r="B{r}"><v>1</v></c>') + _row(3, "Beta", f'<c r="B{{r}}"><v>{value}</v></c>')
    )
    _refused(path, "x.xlsx", "row 3", "'spend'", "not a finite number", numeric=["spend"])


def test_xlsx_not_finite_number_in_a_text_column_is_refused(tmp_path: Path) -> None:
    path = _xlsx_with_cells(tmp_path, _row(2, "Alpha", '<c r="B{r}"><v>1</v></c>', '<c r="C{r}"><v>NaN</v></c>'))
    _refused(path, "row 2", "'segment'", "not a finite number")


def test_xlsx_error_cell_is_reported_as_the_error_not_as_empty(tmp_path: Path) -> None:
    path = _xlsx_with_cells(tmp_path, _row(2, "Alpha", '<c r="B{r}" t="e"><v>#DIV/0!</v></c>'))
    _refused(path, "row 2", "'spend'", "#DIV/0!", numeric=["spend"])


def test_xlsx_formula_in_a_text_column_is_refused_not_read_as_its_cached_result(tmp_path: Path) -> None:
    path = _xlsx_with_cells(
        tmp_path,
        _row(2, "Alpha", '<c r="B{r}"><v>1</v></c>', '<c r="C{r}" t="str"><f>UPPER("food")</f><v>FOOD</v></c>'),
    )
    message = _refused(path, "row 2", "'segment'", "formula", "UPPER")
    assert "FOOD" not in message


def test_xlsx_formula_in_the_account_column_is_refused(tmp_path: Path) -> None:
    path = _xlsx_with_cells(
        tmp_path, '<row r="2"><c r="A2" t="str"><f>"Al"&amp;"pha"</f><v>Alpha</v></c><c r="B2"><v>1</v></c></row>'
    )
    _refused(path, "row 2", "'account'", "formula")


def test_xlsx_formula_without_cell_references_is_still_found(tmp_path: Path) -> None:
    path = _xlsx_with_cells(tmp_path, '<row><c t="inlineStr"><is><t>Alpha</t></is></c><c><f>1+1</f><v>2</v></c></row>')
    _refused(path, "row 2", "'spend'", "formula", numeric=["spend"])


@pytest.mark.parametrize(
    "name_cell",
    [
        '<c r="A{r}"><v>NaN</v></c>',
        '<c r="A{r}" t="inlineStr"><is><t>  </t></is></c>',
        '<c r="A{r}" t="e"><v>#N/A</v></c>',
    ],
)
def test_xlsx_blank_or_missing_account_name_is_refused_never_named_nan(tmp_path: Path, name_cell: str) -> None:
    rows = (
        _row(2, "Alpha", '<c r="B{r}"><v>1</v></c>') + f'<row r="3">{name_cell.format(r=3)}<c r="B3"><v>2</v></c></row>'
    )
    message = _refused(_xlsx_with_cells(tmp_path, rows), "row 3", "'account'")
    assert "'nan'" not in message.lower()


def test_xlsx_value_in_a_column_without_header_is_refused(tmp_path: Path) -> None:
    path = _xlsx_with_cells(
        tmp_path,
        _row(2, "Alpha", '<c r="B{r}"><v>1</v></c>')
        + '<row r="3"><c r="A3" t="inlineStr"><is><t>Beta</t></is></c><c r="B3"><v>2</v></c>'
        '<c r="E3"><v>99</v></c></row>',
    )
    _refused(path, "row 3", "column E", "99")


def test_xlsx_with_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    base = write_xlsx(tmp_path / "base.xlsx", [["account"], ["Alpha"]])
    with zipfile.ZipFile(base) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>account</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    parts["xl/worksheets/sheet1.xml"] = laughs.encode()
    path = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, data in parts.items():
            zout.writestr(part, data)
    _refused(path, "laughs.xlsx", "document type")


def test_xlsx_with_tens_of_thousands_of_parts_is_refused(tmp_path: Path) -> None:
    base = write_xlsx(tmp_path / "base.xlsx", [["account"], ["Alpha"]])
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zout:
        for part in zin.namelist():
            zout.writestr(part, zin.read(part))
        for i in range(20_000):
            zout.writestr(f"xl/media/p{i}.bin", b"")
    _refused(path, "parts.xlsx", "20005 parts")


def test_other_sheets_are_never_unpacked(tmp_path: Path) -> None:
    """Only the first sheet is read: a bomb hidden in the second one is never inflated."""
    base = write_xlsx(tmp_path / "base.xlsx", [["account"], ["Alpha"]])
    path = tmp_path / "second.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for part in zin.namelist():
            zout.writestr(part, zin.read(part))
        zout.writestr("xl/worksheets/sheet2.xml", b" " * (MAX_FILE_BYTES + 1))
    assert list(read_accounts(path).index) == ["Alpha"]


# ----------------------------------------------------------------- decompression bombs
def _zip_entry(name: str, data: bytes, crc: int, size: int, method: int) -> tuple[bytes, bytes]:
    """A local header + data, and the central-directory record (offset patched by the caller)."""
    encoded = name.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0)
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, 0
    )
    return local + encoded + data, central + encoded


def write_bomb(path: Path, *, inflated_mb: int = 1100, declared: int | None = None) -> Path:
    """An .xlsx whose first sheet inflates to ``inflated_mb`` MB of XML whitespace from about 1 MB.

    The deflate stream is one full-flushed block of 1 MB of spaces repeated, so the file is built
    in a second; ``declared`` lies about the unpacked size in the archive's directory.
    """
    base = write_xlsx(path.with_suffix(".base.xlsx"), [["account"], ["Alpha"]])
    with zipfile.ZipFile(base) as zin:
        parts = {n: zin.read(n) for n in zin.namelist() if n != "xl/worksheets/sheet1.xml"}
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>account</t></is></c>'
        b"</row>"
    )
    tail = b"</sheetData></worksheet>"
    block = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = again.compress(block) + again.flush(zlib.Z_FULL_FLUSH)
    ending = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = ending.compress(tail) + ending.flush(zlib.Z_FINISH)
    stream = first + body * inflated_mb + last
    crc = zlib.crc32(head)
    for _ in range(inflated_mb):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * inflated_mb + len(tail)
    entries = [(n, zlib.compress(d)[2:-4], zlib.crc32(d), len(d), zipfile.ZIP_DEFLATED) for n, d in parts.items()]
    entries.append(
        ("xl/worksheets/sheet1.xml", stream, crc, size if declared is None else declared, zipfile.ZIP_DEFLATED)
    )
    body_parts, directory, offset = [], [], 0
    for name, data, crc_value, unpacked, method in entries:
        local, central = _zip_entry(name, data, crc_value, min(unpacked, 0xFFFFFFFF), method)
        directory.append(central[:42] + struct.pack("<L", offset) + central[46:])
        body_parts.append(local)
        offset += len(local)
    central_dir = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central_dir), offset, 0)
    path.write_bytes(b"".join(body_parts) + central_dir + end)
    return path


_MEASURE = textwrap.dedent("""
    import json, resource, sys, time
    from kamcourse.errors import InputError
    from kamcourse.io import read_accounts
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        read_accounts(sys.argv[1])
        message = None
    except InputError as exc:
        message = str(exc)
    print(json.dumps({"seconds": time.perf_counter() - start, "message": message,
                      "peak_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))
""")


def _measure(path: Path) -> dict[str, object]:
    """Read ``path`` in a fresh process; its peak memory growth (ru_maxrss, which also counts the
    Rust reader's memory that tracemalloc cannot see), time and message."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_decompression_bomb_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = write_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 1_500_000  # about 1.1 MB that unpacks to 1.15 GB
    result = _measure(path)
    assert result["message"] and "would unpack to 1,153" in str(result["message"]), result
    assert result["peak_mb"] < 50, result  # refused from the sizes the archive declares
    assert result["seconds"] < 10, result


def test_bomb_that_lies_about_its_size_is_stopped_while_it_inflates(tmp_path: Path) -> None:
    path = write_bomb(tmp_path / "liar.xlsx", declared=10_000)
    result = _measure(path)
    assert result["message"] and "liar.xlsx" in str(result["message"]), result
    assert result["peak_mb"] < 3 * MAX_FILE_BYTES / 2**20, result  # never more than the budget is inflated
    assert result["seconds"] < 20, result


def test_bomb_small_enough_to_pass_the_declared_check_is_counted_while_it_inflates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive directory says 10 kB; the inflated bytes are counted, so a reader that trusted the
    directory (as python-calamine may) would still stop at the budget."""
    import kamcourse.io as kio

    path = write_bomb(tmp_path / "counted.xlsx", inflated_mb=80, declared=10_000)
    real_open = zipfile.ZipFile.open

    def trusting_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        if isinstance(name, zipfile.ZipInfo) and name.filename.endswith("sheet1.xml"):
            name.file_size = 10**12  # the reader no longer stops at the declared size
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", trusting_open)
    _refused(path, "counted.xlsx", f"> {kio.mb(kio.byte_budget(10_000))}")


def test_the_sheet_is_inflated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "once.xlsx", [["account", "spend"], ["Alpha", 1], ["Beta", "=B2*2"]])
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self: zipfile.ZipFile, name: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "r":
            info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(str(name))
            if info.compress_type != zipfile.ZIP_STORED:
                opened.append(info.filename)
        return real_open(self, name, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    _refused(path, "formula", numeric=["spend"])  # the formula scan needs the sheet a second time
    assert opened.count("xl/worksheets/sheet1.xml") == 1, opened


# ----------------------------------------------------------------- names and paths
def test_a_file_name_over_255_bytes_is_refused_with_a_message(tmp_path: Path) -> None:
    _refused(tmp_path / ("é" * 200 + ".csv"), "too long")


def test_a_path_over_4096_bytes_is_refused_with_a_message(tmp_path: Path) -> None:
    _refused(tmp_path.joinpath(*["d" * 200] * 25, "x.csv"), "too long")


@pytest.mark.parametrize("path", ["acc\x00ounts.csv", "caf\ud800.csv"])
def test_a_path_with_a_nul_or_a_broken_character_is_refused(path: str) -> None:
    _refused(Path(path), "cannot be used")


def test_a_folder_named_like_a_csv_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    _refused(tmp_path / "folder.csv", "folder.csv", "is a folder")


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"path": None}, ["path", "file path"]),
        ({"path": 5}, ["path", "file path"]),
        ({"path": b"x.csv"}, ["path", "file path"]),
        ({"numeric": "spend"}, ["numeric", "list of column names"]),
        ({"numeric": [1]}, ["numeric", "non-empty text"]),
        ({"required": 5}, ["required", "list of column names"]),
        ({"account_column": None}, ["account_column"]),
        ({"max_rows": 2.5}, ["max_rows"]),
        ({"display_name": 5}, ["display_name"]),
    ],
)
def test_wrong_argument_types_are_refused_with_input_error(kwargs: dict[str, object], words: list[str]) -> None:
    call = {"path": HOSTILE / "trailing_separators.csv", **kwargs}
    with pytest.raises(InputError) as info:
        read_accounts(**call)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)


def test_display_name_is_used_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "upload.csv"
    path.write_text("account,spend\nAlpha,x\n", encoding="utf-8")
    _refused(path, "My accounts.csv", "row 2", numeric=["spend"], display_name="My accounts.csv")


def test_numeric_if_present_checks_only_the_columns_the_file_has() -> None:
    df = read_accounts(HOSTILE / "trailing_separators.csv", numeric_if_present=["spend", "strength"])
    assert df["spend"].tolist() == [1200.5, 300.0]
