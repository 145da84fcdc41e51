"""The Excel writer of :func:`kamcourse.planning.export` (XlsxWriter): one sheet per table.

Each sheet has a bold header row (frozen, with a filter), column widths, numbers as numbers
and dates as dates. Every text is written with ``write_string`` and the workbook has
``strings_to_formulas``, ``strings_to_numbers`` and ``strings_to_urls`` off, so a learner's
``=HYPERLINK(...)`` or ``@SUM(1+1)`` stays text; a text starting with ``= + - @`` also gets
Excel's quote prefix, so it stays text when a person edits the cell. Taught in
``notebooks/08_key_account_plan.ipynb``.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ..content import t
from .export import Table
from .model import Plan

__all__ = ["FORMULA_STARTS", "write"]

#: First characters that spreadsheets read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(plan: Plan, tables: tuple[Table, ...], images: dict[str, bytes], path: Path) -> None:
    """Write the plan's tables as an .xlsx file at ``path`` (charts are not embedded in Excel)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False, "constant_memory": False},
    )
    try:
        book.set_properties(
            {"title": t("planning.x_doc_title", account=plan.account), "author": plan.team.owner or plan.supplier}
        )
        header = book.add_format({"bold": True, "bg_color": "#DDE6F0", "text_wrap": True, "valign": "top", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
        date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        number = book.add_format({"num_format": "General", "valign": "top"})
        for table in tables:
            sheet = book.add_worksheet(table.sheet[:31])
            for col, column in enumerate(table.columns):
                sheet.set_column(col, col, column.width)
                sheet.write_string(0, col, column.header, header)
            for row_number, row in enumerate(table.rows, start=1):
                for col, value in enumerate(row):
                    _cell(sheet, row_number, col, value, wrap=wrap, quoted=quoted, date=date, number=number)
            sheet.freeze_panes(1, 0)
            if table.rows:
                sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
    finally:
        book.close()


def _cell(sheet: Any, row: int, col: int, value: Any, *, wrap: Any, quoted: Any, date: Any, number: Any) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, number)
    elif isinstance(value, _dt.date):
        sheet.write_datetime(row, col, _dt.datetime(value.year, value.month, value.day), date)
    else:
        text = str(value)
        sheet.write_string(row, col, text, quoted if text.startswith(FORMULA_STARTS) else wrap)
