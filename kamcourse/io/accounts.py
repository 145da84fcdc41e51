"""The account table: reading a CSV or XLSX account list and checking its header, rows and names.

:func:`read_accounts` is the one entry point; it hands the file to :mod:`kamcourse.io.text`
or :mod:`kamcourse.io.xlsx`, then checks the header (non-empty, unique, the required
columns), the rows (no value without a header, no formula) and the account names (non-empty,
unique), and reads the numeric columns through :mod:`kamcourse.io.cells`.
Used by notebooks/01_why_key_account_management.ipynb (through
:func:`kamcourse.fundamentals.read_revenues`), notebooks/03_selecting_key_accounts.ipynb and
notebooks/04_portfolio_matrix.ipynb (and the upload widget of :mod:`kamcourse.widgets.portfolio`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..values import check_path
from .cells import cell_text, numeric_column
from .files import SUPPORTED_EXTENSIONS, column_letter, err
from .text import csv_rows
from .xlsx import refuse_special, xlsx_rows

__all__ = ["COURSE_NUMERIC", "read_accounts"]

#: The course's own numeric columns: read as numbers by default wherever a file has them.
COURSE_NUMERIC = ("attractiveness", "strength", "spend")


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _column_names(value: Any, what: str) -> list[str]:
    """``required``/``numeric``: a list (or other iterable, not text) of non-empty column names."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise err("bad_arguments", what=what, allowed="a list of column names", value=value)
    names = list(value)
    if not all(isinstance(c, str) and c.strip() for c in names):
        raise err("bad_arguments", what=what, allowed="a list of column names (non-empty text)", value=names)
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
        raise err(
            "bad_arguments", what="account_column", allowed="a column name (non-empty text)", value=account_column
        )
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or not 1 <= max_rows <= 10_000_000:
        raise err("bad_arguments", what="max_rows", allowed="a whole number from 1 to 10,000,000", value=max_rows)
    if display_name is not None and not isinstance(display_name, str):
        raise err("bad_arguments", what="display_name", allowed="text", value=display_name)
    p = check_path(path)
    name = display_name or p.name
    ext = p.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise err("extension", file=name, ext=p.suffix or "(none)")
    try:
        is_file, is_dir = p.is_file(), p.is_dir()
    except OSError as exc:
        raise err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if is_dir:
        raise err("not_a_file", file=name)
    if not is_file:
        raise err("file_missing", file=name)
    special: dict[tuple[int, int], tuple[str, str]] = {}
    if ext == ".csv":
        header, rows, decimal = csv_rows(p, name, max_rows)
    else:
        header, rows, special = xlsx_rows(p, name, max_rows)
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
            raise err("header_empty", file=name, column=column_letter(i))
        key = _normal(clean)
        if key in seen:
            raise err(
                "header_duplicate", file=name, name=clean, first=column_letter(seen[key]), second=column_letter(i)
            )
        seen[key] = i
        names.append(wanted.get(key, clean))
    for key, col in wanted.items():
        if key not in seen:
            raise err("missing_column", file=name, name=col, found=", ".join(names))
    if not rows:
        raise err("no_rows", file=name)

    width = len(names)
    numeric_set = {wanted[_normal(c)] for c in numeric}
    numeric_set |= {names[seen[_normal(c)]] for c in optional if _normal(c) in seen}
    columns: dict[str, list[Any]] = {n: [] for n in names}
    line_numbers = [line for line, _ in rows]
    for line, cells in rows:
        for pos in range(width, len(cells)):  # a value beyond the named columns is never dropped silently
            extra = cells[pos]
            if (extra.strip() if isinstance(extra, str) else extra is not None) or (line, pos) in special:
                raise err(
                    "value_without_header", file=name, row=line, column=column_letter(pos), value=extra, count=width
                )
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        for pos, col in enumerate(names):
            if special:
                refuse_special(special, name, line, pos, col)
            columns[col].append(cells[pos])
    data: dict[str, Any] = {}
    for col in names:
        values = columns[col]
        if col in numeric_set:
            data[col] = numeric_column(values, name, col, line_numbers, decimal)
        else:
            data[col] = [cell_text(v, name, line, col) for v, line in zip(values, line_numbers, strict=True)]
    accounts = data.pop(account_column)
    first_seen: dict[str, int] = {}
    for line, account in zip(line_numbers, accounts, strict=True):
        if not account:
            raise err("name_empty", file=name, row=line, column=account_column)
        if account in first_seen:
            raise err(
                "name_duplicate", file=name, row=line, column=account_column, name=account, first=first_seen[account]
            )
        first_seen[account] = line
    frame = pd.DataFrame(data, index=pd.Index(accounts, name=account_column))
    return frame
