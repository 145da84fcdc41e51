"""Small value checks shared by the core modules (issue 9: no value may crash the course).

* :func:`to_float` -- a real number as a float; a number too large for a float becomes an
  infinity (so the caller's "not finite" message applies) instead of raising OverflowError;
* :func:`floats` -- a column of objects as a float array, with the position of the first
  value that is not a number;
* :func:`short_repr` -- a value as it is quoted in a message: never longer than ``limit``
  characters, and safe for integers too long to print.

No UI, no state, nothing read at import.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import numpy as np

__all__ = ["to_float", "floats", "short_repr", "is_number", "is_huge_int"]

#: Integers with more digits than this are quoted in scientific notation in messages.
_MAX_DIGITS = 30


def is_number(value: Any) -> bool:
    """True for a real number that is not a bool (``True`` is not 1 in the course)."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def to_float(value: Any) -> float | None:
    """``value`` as a float when it is a real number (not a bool), else None.

    A number too large for a float (``10**400``, a huge Fraction) becomes ``inf`` or ``-inf``
    rather than raising OverflowError, so the caller refuses it as "not finite".
    """
    if not is_number(value):
        return None
    try:
        return float(value)
    except OverflowError:
        try:
            return math.inf if value > 0 else -math.inf
        except (TypeError, ValueError, ArithmeticError):
            return math.inf
    except (TypeError, ValueError, ArithmeticError):
        return None


def floats(values: Iterable[Any]) -> tuple[np.ndarray, int | None]:
    """Values as a float array and the position of the first one that is not a number.

    None, NaN and ``pd.NA`` become NaN (reported by the caller as missing); a number too large
    for a float becomes an infinity. The position is None when every value is a number or
    missing.
    """
    out: list[float] = []
    bad: int | None = None
    for pos, value in enumerate(values):
        number = to_float(value)
        if number is None:
            if value is None or _is_missing(value):
                number = math.nan
            else:
                if bad is None:
                    bad = pos
                number = math.nan
        out.append(number)
    return np.asarray(out, dtype=float), bad


def _is_missing(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(value is pd.NA or value is pd.NaT)
    except ImportError:  # pragma: no cover - pandas ships with the course
        return False


def short_repr(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages.

    Integers too long to print (``10**5000``) are shown as ``1.000E+5000``; a value whose
    ``repr`` fails is shown by its type.
    """
    if is_huge_int(value):
        return f"{Decimal(value):.3E}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any object may be handed in; its repr must not crash a message
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "\u2026"
    return text


def is_huge_int(value: Any) -> bool:
    """True for an integer with more than about 30 digits (quoted as ``1.000E+400``)."""
    return isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_DIGITS * 3.33
