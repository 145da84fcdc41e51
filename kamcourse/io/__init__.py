"""Reading account lists as they come out of CRMs and Excel.

Used in ``notebooks/03_selecting_key_accounts.ipynb`` and
``notebooks/04_portfolio_matrix.ipynb`` to load a learner's own accounts (and in
``notebooks/01_why_key_account_management.ipynb`` through
:func:`kamcourse.fundamentals.read_revenues`). :func:`read_accounts` accepts CSV and XLSX:

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

The package, by idea: :mod:`.files` (the byte budget, shared helpers, example files),
:mod:`.text` (CSV decoding and rows), :mod:`.xlsx` (safe unpacking and the formula scan),
:mod:`.cells` (numbers and text of cells) and :mod:`.accounts` (the account table and its checks).
"""

from __future__ import annotations

from ..values import check_path
from .accounts import COURSE_NUMERIC, read_accounts
from .cells import parse_number
from .files import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, byte_budget, example, mb
from .xlsx import MAX_XLSX_PARTS

__all__ = [
    "read_accounts",
    "parse_number",
    "example",
    "check_path",
    "SUPPORTED_EXTENSIONS",
    "MAX_FILE_BYTES",
    "COURSE_NUMERIC",
    "MAX_XLSX_PARTS",
    "byte_budget",
    "mb",
]
