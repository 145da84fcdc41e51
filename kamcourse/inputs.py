"""What learners type, read one way everywhere: numbers, blanks, labels, free text, the reveal rule.

Used by every checker and widget, and by :mod:`kamcourse.io` for the numbers in account files.

* :func:`number` -- a number as a learner types or saves it: ``12.5``, ``"12,5"``, ``"1 234,5"``,
  ``"1,234.5"``, ``"1.234,5"``, ``"1'234.5"``, non-breaking and thin spaces; ``True``, NaN,
  infinities and numbers too large for a float (``10**400``) are refused with an
  :class:`~kamcourse.errors.InputError` naming the item and the value. Nothing is evaluated.
* :func:`parse_number` -- the text rule alone: the number a text means, or None. A file whose
  decimal mark is known passes it (``decimal=","``); a learner's text leaves it open.
* :func:`is_blank` -- the one rule for blanks: ``None``, ``...`` and text of spaces only are
  *missing*. :func:`number` returns None for them; a caller that wants 0 asks for it
  (``number(value, item, blank=0.0)``).
* :func:`norm` and :func:`match` -- labels compared ignoring case, accents' composition and
  spacing (``" star "`` is ``"Star"``).
* :func:`words` and :func:`has_cue` -- the words of a free-text answer, and whether it holds a
  cue word or phrase (``"because"``, ``"matter*"``).
* :data:`REVEAL_AFTER` and :func:`reveal_answer` -- the worked answer comes with the second
  wrong try.

The decimal mark of a learner's text: a lone ``.`` is the decimal point (``"1.008"`` is 1.008);
a lone ``,`` is a decimal comma (``"12,5"`` is 12.5) unless it reads as a thousands separator
too (``"1,234"`` could be 1234 or 1.234: refused, asking the learner to write one of them);
spaces and apostrophes separate thousands; when ``.`` and ``,`` both appear, the last one is the
decimal mark; a mark that repeats separates thousands (``"1.234.567"``). Thousands groups have
three digits (``"12 34"`` is not a number).

No UI, no state, nothing read at import.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Final, overload

from .errors import InputError
from .values import short_repr, to_float

__all__ = [
    "REVEAL_AFTER",
    "reveal_answer",
    "is_blank",
    "number",
    "parse_number",
    "norm",
    "match",
    "words",
    "has_cue",
]

#: From this many earlier wrong tries on, feedback also shows the worked answer.
REVEAL_AFTER: Final = 2

_SPACES: Final = " \u00a0\u202f\u2009\u2007"
_APOSTROPHES: Final = "'\u2019"
_CURRENCY: Final = "€$£¥"
_MINUS: Final = "-\u2212"
_EXPONENT = re.compile(r"(?<=\d)[eE][+-]?\d{1,4}$")
_BODY = re.compile(r"[\d.,'\u2019 \u00a0\u202f\u2009\u2007]+")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:x\d{3})+")  # thousands groups, each separator written as "x"


def reveal_answer(attempts: int) -> bool:
    """True when feedback should show the worked answer: ``attempts`` earlier wrong tries, and
    this one, reach :data:`REVEAL_AFTER`."""
    return attempts + 1 >= REVEAL_AFTER


def is_blank(value: Any) -> bool:
    """True for what counts as *not given*: ``None``, ``...`` and text of spaces only.

    Zero, ``False``, NaN and empty containers are not blank: they are values (NaN and ``False``
    are refused by :func:`number`).
    """
    return value is None or value is ... or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- numbers
def parse_number(text: str, decimal: str | None = None) -> float | None:
    """The number ``text`` means, or None when it is not one (or is ambiguous, or not finite).

    ``decimal`` is the decimal mark when it is known (``"."`` or ``","``, the mark of a CSV
    file): then a lone other mark followed by exactly three digits separates thousands
    (``"1,234"`` in a ``.`` file is 1234). With ``decimal=None`` (a learner's text) the rule of
    the module docstring applies. Currency signs around the number are ignored. Never
    evaluates anything. Raises :class:`InputError` when ``text`` is not text or ``decimal`` is
    not one of None, ``"."`` and ``","``.
    """
    if not isinstance(text, str):
        raise InputError(
            _t("bad_argument", what="parse_number(text)", allowed="text such as '1 234,5'", value=short_repr(text))
        )
    if decimal is not None and (not isinstance(decimal, str) or decimal not in (".", ",")):
        raise InputError(_t("bad_argument", what="decimal", allowed="None, '.' or ','", value=short_repr(decimal)))
    value, _problem = _read(text, decimal)
    return value


def _read(text: str, decimal: str | None, percent: bool = False) -> tuple[float | None, str]:
    """``(number, "")`` or ``(None, problem)``, problem one of ``"text"``, ``"not_finite"``,
    ``"ambiguous"``."""
    s = text.strip().strip(_CURRENCY).strip(_SPACES)
    if percent and s.endswith("%"):
        s = s[:-1].rstrip(_SPACES)
    sign = ""
    if s[:1] in ("+", *_MINUS):
        sign = "-" if s[0] in _MINUS else ""
        s = s[1:].lstrip(_SPACES).strip(_CURRENCY).lstrip(_SPACES)
    exponent = ""
    found = _EXPONENT.search(s)
    if found:
        exponent, s = found.group(0), s[: found.start()]
    if not s or not _BODY.fullmatch(s) or not any(ch.isdigit() for ch in s):
        return None, "text"
    whole, fraction, ambiguous = _split(s, decimal)
    if whole is None:
        return None, "text"
    if ambiguous:
        return None, "ambiguous"
    if exponent and whole != whole.replace("x", ""):
        return None, "text"  # "1 234e3": an exponent goes with a plain number only
    digits = whole.replace("x", "")
    try:
        value = float(f"{sign}{digits or '0'}.{fraction or '0'}{exponent}")
    except ValueError:  # a digit float() does not take
        return None, "text"
    if not math.isfinite(value):
        return None, "not_finite"
    return value, ""


def _split(s: str, decimal: str | None) -> tuple[str | None, str, bool]:
    """``s`` (digits and marks) as ``(whole part with thousands separators as "x", fraction,
    ambiguous)``; ``(None, "", False)`` when the marks do not form a number."""
    spaced = any(ch in _SPACES or ch in _APOSTROPHES for ch in s)
    dots, commas = s.count("."), s.count(",")
    mark = ""  # the decimal mark
    ambiguous = False
    if dots and commas:
        mark = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots + commas == 1:
        lone = "." if dots else ","
        grouped = bool(_GROUPED.fullmatch(s.replace(lone, "x"))) and not spaced
        if decimal is not None:
            mark = "" if lone != decimal and grouped else lone
        else:
            mark = lone
            ambiguous = lone == "," and grouped
    if mark and s.count(mark) > 1:
        return None, "", False
    whole, _, fraction = s.partition(mark) if mark else (s, "", "")
    if fraction and not fraction.isdigit():
        return None, "", False
    separators = {_kind(ch) for ch in whole if not ch.isdigit()}
    if len(separators) > 1:
        return None, "", False
    if separators:
        marked = "".join(ch if ch.isdigit() else "x" for ch in whole)
        if not _GROUPED.fullmatch(marked):
            return None, "", False
        whole = marked
    if not whole and not fraction:
        return None, "", False
    return whole, fraction, ambiguous


def _kind(ch: str) -> str:
    """The kind of a thousands separator: all spaces are one kind, both apostrophes another."""
    if ch in _SPACES:
        return " "
    if ch in _APOSTROPHES:
        return "'"
    return ch


@overload
def number(
    value: Any,
    item: str,
    *,
    blank: float,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
    percent: bool = False,
) -> float: ...


@overload
def number(
    value: Any,
    item: str,
    *,
    blank: None = None,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
    percent: bool = False,
) -> float | None: ...


def number(
    value: Any,
    item: str,
    *,
    blank: float | None = None,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
    percent: bool = False,
) -> float | None:
    """``value`` -- a number or the text a learner typed -- as a float.

    Blank (:func:`is_blank`) gives ``blank``: None (missing) unless the caller asks for a
    value. ``low``/``high`` bound the number (inclusive), ``whole`` asks for a whole number,
    ``percent`` lets text end with ``%`` (``"60 %"`` is 60). Raises :class:`InputError` naming
    ``item`` and the value for anything else: text that is not a number or is ambiguous
    (``"1,234"``), ``True``/``False``, NaN, an infinity, a number too large for a float, a
    number outside the bounds or not whole.
    """
    if is_blank(value):
        return blank
    if isinstance(value, str):
        result, problem = _read(value, None, percent)
        if result is None:
            if problem == "ambiguous":
                plain = value.strip().replace(",", "")
                raise InputError(
                    _t(
                        "ambiguous",
                        item=item,
                        value=short_repr(value.strip()),
                        thousands=plain,
                        decimal=value.strip().replace(",", "."),
                    )
                )
            raise InputError(
                _t(
                    "not_finite" if problem == "not_finite" else "not_a_number",
                    item=item,
                    value=short_repr(value.strip()),
                )
            )
    else:
        converted = to_float(value)
        if converted is None:
            raise InputError(_t("not_a_number", item=item, value=short_repr(value)))
        if not math.isfinite(converted):
            raise InputError(_t("not_finite", item=item, value=short_repr(value)))
        result = converted
    if whole and not result.is_integer():
        raise InputError(_t("not_whole", item=item, value=_shown(value)))
    if (low is not None and result < low) or (high is not None and result > high):
        if low is not None and high is not None:
            raise InputError(_t("out_of_range", item=item, value=_shown(value), low=f"{low:g}", high=f"{high:g}"))
        if low is not None:
            raise InputError(_t("too_small", item=item, value=_shown(value), low=f"{low:g}"))
        raise InputError(_t("too_large", item=item, value=_shown(value), high=f"{high:g}"))
    return result


def _shown(value: Any) -> str:
    return short_repr(value.strip()) if isinstance(value, str) else short_repr(value)


# --------------------------------------------------------------------------- labels and text
def norm(text: Any) -> str:
    """A label as it is compared: composed characters, spaces collapsed, case folded
    (``" Key  Account "`` -> ``"key account"``). ``None`` and ``...`` give ``""``."""
    if text is None or text is ...:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def match(value: Any, labels: Iterable[Any]) -> Any | None:
    """The label among ``labels`` that ``value`` names (compared with :func:`norm`), or None.

    Blank values name nothing. When two labels read the same, the first wins.
    """
    if is_blank(value):
        return None
    wanted = norm(value)
    return next((label for label in labels if norm(label) == wanted), None)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def words(text: Any) -> list[str]:
    """The words of a free-text answer, case folded (numbers and punctuation dropped)."""
    if is_blank(text):
        return []
    return [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFC", str(text)))]


def has_cue(found: list[str], cue: str) -> bool:
    """Whether the words ``found`` (from :func:`words`) hold ``cue``: a word, or a phrase of
    several words in a row; a cue ending in ``*`` matches the start of a word (``"matter*"``
    matches ``"matters"``)."""
    prefix = cue.endswith("*")
    parts = words(cue)
    if not parts:
        return False
    if len(parts) == 1:
        return any(w.startswith(parts[0]) if prefix else w == parts[0] for w in found)
    return (" " + " ".join(parts) + " ") in (" " + " ".join(found) + " ")


def _t(key: str, **values: Any) -> str:
    from .content import t  # content uses values, which this module imports: import on use

    return t(f"inputs.{key}", **values)
