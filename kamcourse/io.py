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
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from .content import t
from .errors import InputError

__all__ = ["read_accounts", "parse_number", "example", "SUPPORTED_EXTENSIONS", "COURSE_NUMERIC"]

#: The course's own numeric columns: read as numbers by default wherever a file has them.
COURSE_NUMERIC = ("attractiveness", "strength", "spend")

SUPPORTED_EXTENSIONS = (".csv", ".xlsx")
_SEPARATORS = (";", ",", "\t", "|")
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007'\u2019"), None)
_CURRENCY = dict.fromkeys(map(ord, "€$£¥"), None)
_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Parse a number as written in a spreadsheet export; None when it is not one.

    Spaces (also non-breaking and thin spaces) and apostrophes are thousands separators;
    when both ``.`` and ``,`` appear the last one is the decimal mark; a single mark that
    repeats is a thousands separator; a lone mark is the file's ``decimal`` mark unless
    it is the other one followed by exactly three digits (``1,234`` in a ``.`` file is
    1234). Never evaluates anything.
    """
    s = text.strip().translate(_CURRENCY).strip().translate(_SPACES)
    if not s:
        return None
    sign = ""
    if s[0] in "+-":
        sign, s = s[0], s[1:]
    if not s or not (s[0].isdigit() or s[0] in ".,"):
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if dec == "." else "."
        if s.count(dec) > 1:
            return None
        s = s.replace(thousands, "").replace(dec, ".")
    elif dots > 1 or commas > 1:
        mark = "." if dots else ","
        if not _GROUPED.fullmatch(s):
            return None
        s = s.replace(mark, "")
    elif dots == 1 or commas == 1:
        mark = "." if dots else ","
        if mark != decimal and _GROUPED.fullmatch(s):
            s = s.replace(mark, "")
        else:
            s = s.replace(mark, ".")
    s = sign + s
    if not _PLAIN.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _err(key: str, **values: Any) -> InputError:
    return InputError(t(f"io.{key}", **values))


# --------------------------------------------------------------------------- CSV
def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    text = _decode(raw)
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
def _xlsx_formulas(path: Path) -> dict[tuple[int, int], str]:
    """Formula cells of the first worksheet: (row, column index) -> formula text.

    Read straight from the sheet XML, because python-calamine returns the value Excel
    cached for a formula. Only parsed when the sheet contains a formula element.
    """
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        workbook = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
        first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", workbook)
        target = None
        if first and rels:
            rid = re.escape(first.group(1))
            m = re.search(rb"<Relationship\b[^>]*\bId=\"" + rid + rb"\"[^>]*\bTarget=\"([^\"]+)\"", rels) or re.search(
                rb"<Relationship\b[^>]*\bTarget=\"([^\"]+)\"[^>]*\bId=\"" + rid + rb"\"", rels)
            if m:
                target = m.group(1).decode()
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if target is None or target not in names:
            return {}
        data = zf.read(target)
    if b"<f" not in data and b":f" not in data:
        return {}
    found: dict[tuple[int, int], str] = {}
    for _event, elem in ElementTree.iterparse(_io.BytesIO(data)):
        if not (elem.tag.endswith("}c") or elem.tag == "c"):
            continue
        formula = next((child for child in elem if child.tag.endswith("}f") or child.tag == "f"), None)
        if formula is not None:
            ref = elem.get("r", "")
            m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
            if m:
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ord(ch) - 64
                found[(int(m.group(2)), col - 1)] = "=" + (formula.text or "")
        elem.clear()
    return found


def _xlsx_rows(path: Path, name: str, max_rows: int) -> tuple[list[str], list[tuple[int, list[Any]]], dict[tuple[int, int], str]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise _err("file_unreadable", file=name, reason=f"python-calamine is not installed: {exc}") from None
    if path.stat().st_size == 0:
        raise _err("empty", file=name)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            raise _err("xlsx_no_sheet", file=name)
        sheet = workbook.get_sheet_by_index(0)
        if sheet.total_height > 10 * max_rows + 1000:  # refuse before loading a huge sheet
            raise _err("too_many_rows", file=name, limit=max_rows, count=sheet.total_height - 1)
        values = sheet.to_python(skip_empty_area=False)
        formulas = _xlsx_formulas(path)
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types, zipfile BadZipFile...
        raise _err("xlsx_corrupt", file=name, reason=f"{type(exc).__name__}: {exc}") from None
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(values, start=1):
        if not any((c.strip() if isinstance(c, str) else c is not None and c != "") for c in cells):
            continue
        if header is None:
            header = ["" if c is None else str(c) if not isinstance(c, float) or not c.is_integer() else str(int(c)) for c in cells]
            continue
        if len(rows) >= max_rows:
            raise _err("too_many_rows", file=name, limit=max_rows, count=max_rows + 1)
        rows.append((number, list(cells)))
    if header is None:
        raise _err("empty", file=name)
    return header, rows, formulas


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


def read_accounts(
    path: str | Path,
    *,
    required: Sequence[str] = ("account",),
    numeric: Iterable[str] | None = None,
    account_column: str = "account",
    max_rows: int = 10_000,
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
        as float columns. By default, the course's own columns (:data:`COURSE_NUMERIC`:
        ``attractiveness``, ``strength``, ``spend``) wherever the file has them, so text in
        them is refused with the file, row and column; ``numeric=[]`` reads them as text.
    account_column:
        The column of account names (always required): stripped, non-empty, unique;
        becomes the index.
    max_rows:
        Most account rows accepted (default 10,000).

    Returns
    -------
    pandas.DataFrame
        Index = account names (named ``account_column``); other columns as text
        (stripped) except the numeric ones.

    Raises
    ------
    InputError
        Missing or unreadable file; unsupported extension; empty file or header only;
        more than ``max_rows`` rows; an empty or repeated header; a missing required
        column; text, an empty cell, a formula or True/False in a numeric column; an
        empty or repeated account name; a corrupt xlsx. The message names the file, the
        row (header = row 1) and the column.
    """
    course_default = numeric is None
    numeric = [] if numeric is None else list(numeric)
    if isinstance(required, str) or not all(isinstance(c, str) and c.strip() for c in [*required, *numeric]):
        raise _err("bad_arguments", what="required and numeric", allowed="lists of column names", value=required)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise _err("bad_arguments", what="max_rows", allowed="a whole number of 1 or more", value=max_rows)
    p = Path(path)
    name = p.name
    ext = p.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise _err("extension", file=name, ext=p.suffix or "(none)")
    if not p.is_file():
        raise _err("file_missing", file=name)
    formulas: dict[tuple[int, int], str] = {}
    if ext == ".csv":
        header, rows, decimal = _csv_rows(p, name, max_rows)
    else:
        header, rows, formulas = _xlsx_rows(p, name, max_rows)
        decimal = "."

    # header: strip, non-empty, unique, match required names
    wanted = {}
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
    if course_default:
        numeric_set |= {names[seen[_normal(c)]] for c in COURSE_NUMERIC if _normal(c) in seen}
    columns: dict[str, list[Any]] = {n: [] for n in names}
    line_numbers = [line for line, _ in rows]
    for line, cells in rows:
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        for pos, col in enumerate(names):
            columns[col].append(cells[pos])
    data: dict[str, Any] = {}
    for pos, col in enumerate(names):
        values = columns[col]
        if col in numeric_set:
            data[col] = _numeric_column(values, name, col, pos, line_numbers, decimal, formulas)
        else:
            data[col] = [_text(v) for v in values]
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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _numeric_column(
    values: list[Any],
    file: str,
    column: str,
    pos: int,
    lines: list[int],
    decimal: str,
    formulas: dict[tuple[int, int], str],
) -> np.ndarray:
    if formulas:
        for line in lines:
            if (line, pos) in formulas:
                raise _err("formula", file=file, row=line, column=column, value=formulas[(line, pos)])
    # Fast path: plain numbers (xlsx) or plain decimal-point text (most CSV files).
    if all(type(v) in (int, float) for v in values):
        return np.asarray(values, dtype=float)
    out = np.empty(len(values), dtype=float)
    for i, v in enumerate(values):
        if isinstance(v, bool):
            raise _err("text_in_number", file=file, row=lines[i], column=column, value=v)
        if isinstance(v, (int, float)):
            out[i] = v
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
        raise _err("file_missing", file=f"{name} (examples: {', '.join(available) or 'none'})")
    return folder / name
