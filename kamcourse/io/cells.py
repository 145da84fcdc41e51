"""The values of an account file's cells: numbers (through :mod:`kamcourse.inputs`) and text.

Used by notebooks/03_selecting_key_accounts.ipynb and notebooks/04_portfolio_matrix.ipynb,
through :func:`kamcourse.io.read_accounts`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import inputs
from ..values import to_float
from .files import err

__all__ = ["cell_text", "numeric_column", "parse_number"]


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Parse a number as written in a spreadsheet export; None when it is not one.

    The rule of :func:`kamcourse.inputs.parse_number` (the one reader of typed numbers), with
    the file's ``decimal`` mark known: a lone other mark followed by exactly three digits
    separates thousands (``1,234`` in a ``.`` file is 1234). Raises :class:`InputError` when
    ``text`` is not text or ``decimal`` is not ``"."`` or ``","``.
    """
    if not isinstance(decimal, str) or decimal not in (".", ","):
        raise err("bad_arguments", what="decimal", allowed="'.' or ','", value=decimal)
    if not isinstance(text, str):
        raise err("bad_arguments", what="parse_number", allowed="text such as '1 234,5'", value=text)
    return inputs.parse_number(text, decimal)


def cell_text(value: Any, file: str, line: int, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):  # an xlsx cell holding NaN or INF: not a value Excel writes
            raise err("not_finite", file=file, row=line, column=column, value=value)
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def numeric_column(
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
            raise err("not_finite", file=file, row=lines[i], column=column, value=values[i])
        return out
    out = np.empty(len(values), dtype=float)
    for i, v in enumerate(values):
        if isinstance(v, bool):
            raise err("text_in_number", file=file, row=lines[i], column=column, value=v)
        if isinstance(v, (int, float)):
            number = to_float(v)
            if number is None or not math.isfinite(number):
                raise err("not_finite", file=file, row=lines[i], column=column, value=v)
            out[i] = number
            continue
        if not isinstance(v, str):
            raise err("text_in_number", file=file, row=lines[i], column=column, value=str(v))
        s = v.strip()
        if not s:
            raise err("number_empty", file=file, row=lines[i], column=column)
        if s.startswith("="):
            raise err("formula", file=file, row=lines[i], column=column, value=s)
        number = parse_number(s, decimal)
        if number is None:
            raise err("text_in_number", file=file, row=lines[i], column=column, value=s)
        out[i] = number
    return out
