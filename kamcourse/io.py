"""Reading account lists as they come out of CRMs and Excel.

Used in ``notebooks/03_selecting_key_accounts.ipynb`` and
``notebooks/04_portfolio_matrix.ipynb`` to load a learner's own accounts.
:func:`read_accounts` accepts CSV and XLSX:

* CSV in UTF-8 (with or without a byte-order mark) or Windows-1252/Latin-1;
  separators ``,`` ``;`` tab or ``|`` (detected from the header row); numbers with a
  decimal point or a decimal comma (French Excel: ``;`` files use the decimal comma),
  thousands separators (``1 234,5``, ``1,234.5``, ``1.234,5``, non-breaking spaces) and
  currency signs;
* XLSX read with python-calamine (chosen on the measurements in ``bench/README.md``);
  only the first worksheet is read.

Nothing in a file is ever executed or evaluated: a cell that starts with ``=`` (a CSV
formula) or an Excel formula cell in a numeric column is rejected, never computed.
Every rejection raises :class:`~kamcourse.errors.InputError` naming the file, the row as
the user sees it in Excel or a text editor (the header is row 1) and the column.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import math
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from . import inputs
from .values import check_path, short_repr, to_float
from .content import t
from .errors import InputError

__all__ = [
    "read_accounts", "parse_number", "example", "check_path", "SUPPORTED_EXTENSIONS", "MAX_FILE_BYTES", "COURSE_NUMERIC",
]

#: The course's own numeric columns: read as numbers by default wherever a file has them.
COURSE_NUMERIC = ("attractiveness", "strength", "spend")

SUPPORTED_EXTENSIONS = (".csv", ".xlsx")
_SEPARATORS = (";", ",", "\t", "|")


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Parse a number as written in a spreadsheet export; None when it is not one.

    The rule of :func:`kamcourse.inputs.parse_number` (the one reader of typed numbers), with
    the file's ``decimal`` mark known: a lone other mark followed by exactly three digits
    separates thousands (``1,234`` in a ``.`` file is 1234). Raises :class:`InputError` when
    ``text`` is not text or ``decimal`` is not ``"."`` or ``","``.
    """
    if not isinstance(decimal, str) or decimal not in (".", ","):
        raise _err("bad_arguments", what="decimal", allowed="'.' or ','", value=decimal)
    if not isinstance(text, str):
        raise _err("bad_arguments", what="parse_number", allowed="text such as '1 234,5'", value=text)
    return inputs.parse_number(text, decimal)


def _err(key: str, **values: Any) -> InputError:
    return InputError(t(f"io.{key}", **values))


#: Most bytes a file may hold -- and an .xlsx file may unpack to -- with the default ``max_rows``;
#: a larger ``max_rows`` allows 1 KiB more per row. Checked before anything is read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Most parts an .xlsx archive may list (a real workbook has a few dozen).
MAX_XLSX_PARTS = 10_000
_CHUNK = 1024 * 1024


def _byte_budget(max_rows: int) -> int:
    return max(MAX_FILE_BYTES, 1024 * max_rows)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _read_limited(path: Path, name: str, budget: int) -> bytes:
    """The file's bytes, refused when it holds more than ``budget`` (checked before reading)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > budget:
                raise _err("too_big", file=name, size=_mb(size), limit=_mb(budget))
            raw = handle.read(budget + 1)
    except OSError as exc:
        raise _err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if len(raw) > budget:
        raise _err("too_big", file=name, size=_mb(len(raw)), limit=_mb(budget))
    return raw


# --------------------------------------------------------------------------- CSV
def _decode(raw: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or Windows-1252.

    A file that mixes encodings (some lines UTF-8, others Windows-1252) is refused naming a
    line of each, rather than decoded wholly one way ("Café" read as "CafÃ©").
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise _err("encoding_unknown", file=name) from None
    if b"\x00" in raw[:4096]:
        raise _err("encoding_unknown", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_line = other_line = 0
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise _err("encoding_mixed", file=name, utf8=utf8_line, other=other_line)
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _sniff_separator(header_line: str) -> str:
    counts = {sep: 0 for sep in _SEPARATORS}
    in_quotes = False
    for ch in header_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _csv_rows(path: Path, name: str, max_rows: int) -> tuple[list[str], list[tuple[int, list[Any]]], str]:
    raw = _read_limited(path, name, _byte_budget(max_rows))
    text = _decode(raw, name)
    if not text.strip():
        raise _err("empty", file=name)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    sep = _sniff_separator(first_line)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                continue
            if len(rows) >= max_rows:
                raise _err("too_many_rows", file=name, limit=max_rows, count=max_rows + 1)
            rows.append((line, cells))
    except csv.Error as exc:
        raise _err("file_unreadable", file=name, reason=f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise _err("empty", file=name)
    return header, rows, ("," if sep == ";" else ".")


# --------------------------------------------------------------------------- XLSX
_SPECIAL_MARKERS = (b"<f", b":f", b't="e"', b"t='e'")
_FORBIDDEN_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class _Unpacked:
    """The parts of an .xlsx file that the reader needs, each inflated once, with a byte budget.

    ``archive`` is a new zip holding those parts *stored* (not compressed), so python-calamine
    reads them without inflating anything again; ``sheet`` is the first worksheet's part name;
    ``special`` says whether that sheet may hold formula or error cells (then it is scanned).
    """

    def __init__(self, path: Path, name: str, budget: int) -> None:
        self.name = name
        self.budget = budget
        self.used = 0
        self.archive = _io.BytesIO()
        self.special = False
        self.sheet: str | None = None
        try:
            self._source = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise _err("xlsx_corrupt", file=name, reason=f"{type(exc).__name__}: {exc}") from None

    def unpack(self) -> None:
        with self._source as source, zipfile.ZipFile(self.archive, "w", zipfile.ZIP_STORED) as out:
            infos = {info.filename: info for info in source.infolist()}
            if len(infos) > MAX_XLSX_PARTS:
                raise _err("xlsx_too_many_parts", file=self.name, count=len(infos), limit=MAX_XLSX_PARTS)
            root_rels = self._copy(source, out, infos, "_rels/.rels", keep=True) or b""
            self._copy(source, out, infos, "[Content_Types].xml")
            book_name = _target(root_rels, rb"officeDocument", "") or "xl/workbook.xml"
            book = self._copy(source, out, infos, book_name, keep=True)
            if book is None:
                raise _err("xlsx_corrupt", file=self.name, reason=f"the part {book_name} is missing")
            folder = book_name.rpartition("/")[0]
            rels_name = f"{folder}/_rels/{book_name.rpartition('/')[2]}.rels" if folder else f"_rels/{book_name}.rels"
            rels = self._copy(source, out, infos, rels_name, keep=True) or b""
            first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", book)
            sheet = _target(rels, None, folder, rid=first.group(1) if first else None)
            wanted = [_target(rels, rb"sharedStrings", folder), _target(rels, rb"styles", folder), sheet]
            declared = self.used + sum(infos[n].file_size for n in wanted if n in infos)
            if declared > self.budget:
                raise _err("xlsx_too_big", file=self.name, size=_mb(declared), limit=_mb(self.budget))
            for part in wanted[:2]:
                self._copy(source, out, infos, part)
            if sheet is not None and sheet in infos:
                self.sheet = sheet
                self._copy(source, out, infos, sheet, scan=True)
        self.archive.seek(0)

    def _copy(self, source: zipfile.ZipFile, out: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
              part: str | None, *, keep: bool = False, scan: bool = False) -> bytes | None:
        """Inflate ``part`` once into ``out``, counting every byte against the budget."""
        if part is None or part not in infos:
            return None
        info = infos[part]
        if self.used + info.file_size > self.budget:  # the size the archive declares
            raise _err("xlsx_too_big", file=self.name, size=_mb(self.used + info.file_size), limit=_mb(self.budget))
        kept = bytearray() if keep else None
        tail = b""
        try:
            with source.open(info) as src, out.open(part, "w", force_zip64=True) as dst:
                while chunk := src.read(_CHUNK):
                    self.used += len(chunk)
                    if self.used > self.budget:  # the size it really inflates to
                        raise _err("xlsx_too_big", file=self.name, size=f"> {_mb(self.budget)}",
                                   limit=_mb(self.budget))
                    window = tail + chunk
                    if any(marker in window for marker in _FORBIDDEN_MARKERS):
                        raise _err("xlsx_corrupt", file=self.name,
                                   reason=f"the part {part} declares a document type, which Excel never writes")
                    if scan and not self.special:
                        self.special = any(marker in window for marker in _SPECIAL_MARKERS)
                    tail = chunk[-16:]
                    dst.write(chunk)
                    if kept is not None:
                        kept += chunk
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
                zlib.error) as exc:
            raise _err("xlsx_corrupt", file=self.name, reason=f"{type(exc).__name__}: {exc}") from None
        return bytes(kept) if kept is not None else None


def _target(rels: bytes, kind: bytes | None, folder: str, *, rid: bytes | None = None) -> str | None:
    """The part a relationship points to, by its type (``kind``) or its id (``rid``), as a zip name."""
    for match in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        tag = match.group(0)
        target = re.search(rb"\bTarget=\"([^\"]+)\"", tag)
        if target is None:
            continue
        if rid is not None:
            found = re.search(rb"\bId=\"([^\"]+)\"", tag)
            if found is None or found.group(1) != rid:
                continue
        elif kind is not None:
            found = re.search(rb"\bType=\"([^\"]+)\"", tag)
            if found is None or not found.group(1).endswith(b"/" + kind):
                continue
        else:
            return None
        name = target.group(1).decode("utf-8", "replace")
        if name.startswith("/"):
            return name.lstrip("/")
        return f"{folder}/{name}" if folder else name
    return None


def _column_index(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1


def _xlsx_special_cells(unpacked: _Unpacked) -> dict[tuple[int, int], tuple[str, str]]:
    """Formula and error cells of the first worksheet: (row, column index) -> (kind, text).

    Read from the sheet's XML (already inflated, stored in ``unpacked.archive``), because
    python-calamine returns the value Excel cached for a formula and an empty cell for an error
    such as ``#DIV/0!``. Cells without an ``r`` reference are counted as Excel counts them.
    """
    if unpacked.sheet is None or not unpacked.special:
        return {}
    found: dict[tuple[int, int], tuple[str, str]] = {}
    row = col = 0
    with zipfile.ZipFile(unpacked.archive) as archive, archive.open(unpacked.sheet) as data:
        for event, elem in ElementTree.iterparse(data, events=("start", "end")):
            tag = elem.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    number = elem.get("r", "")
                    row = int(number) if number.isdigit() else row + 1
                    col = -1
                elif tag == "c":
                    ref = re.fullmatch(r"([A-Z]{1,3})(\d+)", elem.get("r", ""))
                    col = _column_index(ref.group(1)) if ref else col + 1
                continue
            if tag == "c":
                formula = next((child for child in elem if child.tag.rpartition("}")[2] == "f"), None)
                value = next((child for child in elem if child.tag.rpartition("}")[2] == "v"), None)
                if formula is not None:
                    found[(row, col)] = ("formula", "=" + (formula.text or ""))
                elif elem.get("t") == "e":
                    found[(row, col)] = ("error", value.text or "" if value is not None else "")
                elem.clear()
            elif tag == "row":
                elem.clear()
    return found


def _xlsx_rows(
    path: Path, name: str, max_rows: int
) -> tuple[list[str], list[tuple[int, list[Any]]], dict[tuple[int, int], tuple[str, str]]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise _err("file_unreadable", file=name, reason=f"python-calamine is not installed: {exc}") from None
    budget = _byte_budget(max_rows)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if size == 0:
        raise _err("empty", file=name)
    if size > budget:
        raise _err("too_big", file=name, size=_mb(size), limit=_mb(budget))
    unpacked = _Unpacked(path, name, budget)
    unpacked.unpack()
    try:
        workbook = CalamineWorkbook.from_filelike(unpacked.archive)
        if not workbook.sheet_names:
            raise _err("xlsx_no_sheet", file=name)
        sheet = workbook.get_sheet_by_index(0)
        if sheet.total_height > 10 * max_rows + 1000:  # refuse before loading a huge sheet
            raise _err("too_many_rows", file=name, limit=max_rows, count=sheet.total_height - 1)
        values = sheet.to_python(skip_empty_area=False)
        special = _xlsx_special_cells(unpacked)
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types, ElementTree ParseError...
        raise _err("xlsx_corrupt", file=name, reason=f"{type(exc).__name__}: {exc}") from None
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(values, start=1):
        if not any((c.strip() if isinstance(c, str) else c is not None and c != "") for c in cells) and not any(
                (number, pos) in special for pos in range(len(cells))):
            continue
        if header is None:
            header = ["" if c is None else str(c) if not isinstance(c, float) or not c.is_integer() else str(int(c)) for c in cells]
            for pos in range(len(cells)):
                _refuse_special(special, name, number, pos, _column_letter(pos))
            continue
        if len(rows) >= max_rows:
            raise _err("too_many_rows", file=name, limit=max_rows, count=max_rows + 1)
        rows.append((number, list(cells)))
    if header is None:
        raise _err("empty", file=name)
    return header, rows, special


def _refuse_special(special: dict[tuple[int, int], tuple[str, str]], file: str, row: int, pos: int,
                    column: str) -> None:
    """Refuse a formula cell (never evaluated, its cached result never used) or an error cell."""
    item = special.get((row, pos))
    if item is None:
        return
    kind, text = item
    if kind == "formula":
        raise _err("formula", file=file, row=row, column=column, value=text)
    raise _err("cell_error", file=file, row=row, column=column, value=text)


# --------------------------------------------------------------------------- main
def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _column_names(value: Any, what: str) -> list[str]:
    """``required``/``numeric``: a list (or other iterable, not text) of non-empty column names."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _err("bad_arguments", what=what, allowed="a list of column names", value=value)
    names = list(value)
    if not all(isinstance(c, str) and c.strip() for c in names):
        raise _err("bad_arguments", what=what, allowed="a list of column names (non-empty text)", value=names)
    return names


def read_accounts(
    path: str | Path,
    *,
    required: Sequence[str] = ("account",),
    numeric: Iterable[str] | None = None,
    numeric_if_present: Iterable[str] = (),
    account_column: str = "account",
    max_rows: int = 10_000,
    display_name: str | None = None,
) -> pd.DataFrame:
    """Read an account list (CSV or XLSX) into a DataFrame indexed by account name.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb`` (bring your own accounts).

    Parameters
    ----------
    path:
        A ``.csv`` or ``.xlsx`` file. The first non-empty row is the header.
    required:
        Columns that must be present. Headers are matched ignoring case and surrounding
        or repeated spaces, and renamed to the spelling given here.
    numeric:
        Columns that must hold a number in every row (they are also required). Returned
        as float columns. By default (``numeric=None``), the course's own columns
        (:data:`COURSE_NUMERIC`: ``attractiveness``, ``strength``, ``spend``) are read as
        numbers wherever the file has them, so text in them is refused with the file, row
        and column; ``numeric=[]`` reads them as text.
    numeric_if_present:
        Further columns that must hold a number in every row when the file has them.
    account_column:
        The column of account names (always required): stripped, non-empty, unique;
        becomes the index.
    max_rows:
        Most account rows accepted (default 10,000).
    display_name:
        The file's name as the learner knows it, used in messages (an upload is read from
        a temporary file with another name).

    Returns
    -------
    pandas.DataFrame
        Index = account names (named ``account_column``); other columns as text
        (stripped) except the numeric ones.

    Raises
    ------
    InputError
        Missing or unreadable file; a path that is not text, too long, or holds a NUL or a
        broken character; unsupported extension; a file larger than 64 MB, or an xlsx that
        declares or inflates to more (a "zip bomb"); a CSV mixing encodings or in an
        unknown one; empty file or header only; more than ``max_rows`` rows; an empty or
        repeated header; a value in a column without a header; a missing required column;
        text, an empty cell, a formula, an error cell (``#DIV/0!``), a number that is not
        finite or True/False in a numeric column; a formula or an error cell in any column;
        an empty or repeated account name; a corrupt xlsx. The message names the file, the
        row (header = row 1) and the column.
    """
    course_default = numeric is None
    required = _column_names(required, "required")
    numeric = _column_names([] if numeric is None else numeric, "numeric")
    optional = _column_names(numeric_if_present, "numeric_if_present")
    if course_default:
        optional += [c for c in COURSE_NUMERIC if c not in optional]
    if not isinstance(account_column, str) or not account_column.strip():
        raise _err("bad_arguments", what="account_column", allowed="a column name (non-empty text)",
                   value=account_column)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or not 1 <= max_rows <= 10_000_000:
        raise _err("bad_arguments", what="max_rows", allowed="a whole number from 1 to 10,000,000", value=max_rows)
    if display_name is not None and not isinstance(display_name, str):
        raise _err("bad_arguments", what="display_name", allowed="text", value=display_name)
    p = check_path(path)
    name = display_name or p.name
    ext = p.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise _err("extension", file=name, ext=p.suffix or "(none)")
    try:
        is_file, is_dir = p.is_file(), p.is_dir()
    except OSError as exc:
        raise _err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if is_dir:
        raise _err("not_a_file", file=name)
    if not is_file:
        raise _err("file_missing", file=name)
    special: dict[tuple[int, int], tuple[str, str]] = {}
    if ext == ".csv":
        header, rows, decimal = _csv_rows(p, name, max_rows)
    else:
        header, rows, special = _xlsx_rows(p, name, max_rows)
        decimal = "."

    # header: strip, non-empty, unique, match required names
    wanted: dict[str, str] = {}
    for col in [account_column, *required, *numeric]:
        wanted.setdefault(_normal(col), col.strip())
    while header and not str(header[-1]).strip():
        header.pop()
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header):
        clean = " ".join(str(raw).split())
        if not clean:
            raise _err("header_empty", file=name, column=_column_letter(i))
        key = _normal(clean)
        if key in seen:
            raise _err("header_duplicate", file=name, name=clean, first=_column_letter(seen[key]),
                       second=_column_letter(i))
        seen[key] = i
        names.append(wanted.get(key, clean))
    for key, col in wanted.items():
        if key not in seen:
            raise _err("missing_column", file=name, name=col, found=", ".join(names))
    if not rows:
        raise _err("no_rows", file=name)

    width = len(names)
    numeric_set = {wanted[_normal(c)] for c in numeric}
    numeric_set |= {names[seen[_normal(c)]] for c in optional if _normal(c) in seen}
    columns: dict[str, list[Any]] = {n: [] for n in names}
    line_numbers = [line for line, _ in rows]
    for line, cells in rows:
        for pos in range(width, len(cells)):  # a value beyond the named columns is never dropped silently
            extra = cells[pos]
            if (extra.strip() if isinstance(extra, str) else extra is not None) or (line, pos) in special:
                raise _err("value_without_header", file=name, row=line, column=_column_letter(pos),
                           value=extra, count=width)
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        for pos, col in enumerate(names):
            if special:
                _refuse_special(special, name, line, pos, col)
            columns[col].append(cells[pos])
    data: dict[str, Any] = {}
    for col in names:
        values = columns[col]
        if col in numeric_set:
            data[col] = _numeric_column(values, name, col, line_numbers, decimal)
        else:
            data[col] = [_text(v, name, line, col) for v, line in zip(values, line_numbers, strict=True)]
    accounts = data.pop(account_column)
    first_seen: dict[str, int] = {}
    for line, account in zip(line_numbers, accounts):
        if not account:
            raise _err("name_empty", file=name, row=line, column=account_column)
        if account in first_seen:
            raise _err("name_duplicate", file=name, row=line, column=account_column, name=account,
                       first=first_seen[account])
        first_seen[account] = line
    frame = pd.DataFrame(data, index=pd.Index(accounts, name=account_column))
    return frame


def _text(value: Any, file: str, line: int, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):  # an xlsx cell holding NaN or INF: not a value Excel writes
            raise _err("not_finite", file=file, row=line, column=column, value=value)
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _numeric_column(
    values: list[Any],
    file: str,
    column: str,
    lines: list[int],
    decimal: str,
) -> np.ndarray:
    # Fast path: plain numbers (xlsx) or plain decimal-point text (most CSV files).
    if all(type(v) in (int, float) for v in values):
        out = np.asarray(values, dtype=float)
        finite = np.isfinite(out)
        if not finite.all():
            i = int(np.flatnonzero(~finite)[0])
            raise _err("not_finite", file=file, row=lines[i], column=column, value=values[i])
        return out
    out = np.empty(len(values), dtype=float)
    for i, v in enumerate(values):
        if isinstance(v, bool):
            raise _err("text_in_number", file=file, row=lines[i], column=column, value=v)
        if isinstance(v, (int, float)):
            number = to_float(v)
            if number is None or not math.isfinite(number):
                raise _err("not_finite", file=file, row=lines[i], column=column, value=v)
            out[i] = number
            continue
        if not isinstance(v, str):
            raise _err("text_in_number", file=file, row=lines[i], column=column, value=str(v))
        s = v.strip()
        if not s:
            raise _err("number_empty", file=file, row=lines[i], column=column)
        if s.startswith("="):
            raise _err("formula", file=file, row=lines[i], column=column, value=s)
        number = parse_number(s, decimal)
        if number is None:
            raise _err("text_in_number", file=file, row=lines[i], column=column, value=s)
        out[i] = number
    return out


def example(name: str) -> Path:
    """Path of an example file shipped for learners (``kamcourse/content/examples/``).

    Used in ``notebooks/04_portfolio_matrix.ipynb``: ``read_accounts(example("accounts_fr.csv"))``.
    Raises :class:`InputError` naming the files available when ``name`` is not one of them.
    """
    folder = Path(__file__).resolve().parent / "content" / "examples"
    available = sorted(p.name for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    if not isinstance(name, str) or name not in available:
        shown = name if isinstance(name, str) else short_repr(name)
        raise _err("file_missing", file=f"{shown} (examples: {', '.join(available) or 'none'})")
    return folder / name
