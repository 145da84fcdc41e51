"""Small value checks shared by the core, the checkers, the plots and the widgets: no value may crash the course.

Used by every layer of :mod:`kamcourse`.

* :func:`to_float` -- a real number as a float; a number too large for a float becomes an
  infinity (so the caller's "not finite" message applies) instead of raising OverflowError;
* :func:`floats` -- a column of objects as a float array, with the position of the first
  value that is not a number;
* :func:`short_repr` -- a value as it is quoted in a message: never longer than ``limit``
  characters, and safe for integers too long to print;
* :func:`check_path` -- a file path the file system can take (no NUL, no broken character,
  no name over 255 bytes);
* :func:`encodable` -- where text holds a character that cannot be written as UTF-8;
* :func:`markdown_text` and :func:`display_text` -- learner text made safe to show: as text
  inside Markdown (no image, link, emphasis or HTML), and without broken characters.

No UI, no state, nothing read at import. (Reading what a learner *types* -- decimal commas, blanks,
labels -- is :mod:`kamcourse.inputs`; this module checks values a program hands over.)
"""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "to_float",
    "floats",
    "short_repr",
    "is_number",
    "is_huge_int",
    "check_path",
    "encodable",
    "markdown_text",
    "display_text",
]

#: Longest file name (one path component), in bytes, and longest path the course accepts.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096

#: Integers with more digits than this are quoted in scientific notation in messages.
_MAX_DIGITS = 30


def is_number(value: Any) -> bool:
    """True for a real number that is not a bool (``True`` is not 1 in the course)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)  # numpy's bool_ is not a Real


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
    import numpy as np

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


def check_path(path: Any, what: str = "path") -> Path:
    """``path`` as a :class:`~pathlib.Path` the file system can take, or :class:`InputError`.

    Refused: anything but text or a path object, an empty path, a NUL byte, text that cannot
    be written as a file name (a lone surrogate), a name over 255 bytes or a path over 4096
    bytes -- each with a message instead of TypeError, ValueError or OSError.
    """
    from .content import t  # content itself uses this module: import on use

    if not isinstance(path, (str, os.PathLike)):
        raise InputError(t("io.bad_arguments", what=what, allowed="a file path (text)", value=path))
    text = os.fspath(path)
    if not isinstance(text, str) or not text.strip():
        raise InputError(t("io.bad_arguments", what=what, allowed="a file path (text)", value=path))
    if "\x00" in text:
        raise InputError(t("io.path_nul", path=text))
    try:
        encoded = os.fsencode(text)
    except UnicodeError:
        raise InputError(t("io.path_broken", path=text)) from None
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if longest > MAX_NAME_BYTES or len(encoded) > MAX_PATH_BYTES:
        raise InputError(t("io.path_too_long", path=text, name_limit=MAX_NAME_BYTES, path_limit=MAX_PATH_BYTES))
    return Path(text)


def encodable(text: str) -> int | None:
    """None when ``text`` can be written as UTF-8; else the position of the first character that
    cannot (a lone surrogate: half of an emoji sent by a browser, or a broken paste)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$]|^>)", re.MULTILINE)  # $: JupyterLab renders math


def markdown_text(text: Any) -> str:
    """``text`` to put inside Markdown so that it shows literally: every character Markdown
    or HTML could read as markup (``![x](url)``, ``<img>``, ``**``, ``|``, ``#``...) is escaped
    and line breaks become spaces, so a name can never load an image, open a link or break a
    table."""
    value = display_text(str(text))
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return " ".join(value.splitlines()) if "\n" in value or "\r" in value else value


def display_text(text: str) -> str:
    """``text`` with each character that cannot be written as UTF-8 (a lone surrogate) replaced
    by U+FFFD, so that it can be sent to the browser; the learner's data itself is untouched."""
    if encodable(text) is None:
        return text
    return "".join(ch if encodable(ch) is None else "\ufffd" for ch in text)
