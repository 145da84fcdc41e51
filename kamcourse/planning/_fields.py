"""Validation of the plan's fields at the boundary: texts, names, dates, numbers, choices.

Every function takes the value and a ``field`` naming it as the learner sees it ("Objective 2,
metric") and returns the clean value or raises :class:`~kamcourse.errors.InputError` naming
the field, the value and what is allowed. Learner text is data: it is kept as typed, except
that characters no document format can hold (control characters other than tab and line
break, lone surrogates) become a space or the replacement character, so that an export never
fails on a pasted text. Used by :mod:`kamcourse.planning.model`; taught in
``notebooks/08_key_account_plan.ipynb``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from .. import inputs
from ..content import t
from ..errors import InputError
from ..values import short_repr

__all__ = [
    "MAX_ITEMS",
    "MAX_NAME",
    "MAX_NUMBER",
    "MAX_TEXT",
    "choice",
    "date",
    "label_key",
    "name",
    "number",
    "optional_date",
    "optional_name",
    "rating",
    "short",
    "text",
    "texts",
]

#: Longest free text accepted in one field (characters).
MAX_TEXT = 4000
#: Longest name, title or identifier (characters).
MAX_NAME = 200
#: Most rows in one table of the plan (people, objectives, actions...).
MAX_ITEMS = 200
#: Largest absolute number accepted for a baseline or a target.
MAX_NUMBER = 1e12

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages (:func:`kamcourse.values.short_repr`)."""
    return short_repr(value, limit)


def _clean(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub(" ", value)
    return _SURROGATE.sub("\ufffd", value)


def text(value: Any, field: str, *, limit: int = MAX_TEXT) -> str:
    """A free text (may be empty); ``None`` counts as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(t("planning.err_text", field=field, value=short(value), kind=type(value).__name__))
    cleaned = _clean(value).strip()
    if len(cleaned) > limit:
        raise InputError(t("planning.err_too_long", field=field, length=len(cleaned), limit=limit))
    return cleaned


def name(value: Any, field: str) -> str:
    """A one-line name (may be empty): inner runs of white space become one space."""
    return " ".join(text(value, field, limit=MAX_NAME).split())


def optional_name(value: Any, field: str) -> str | None:
    """A one-line name, or ``None`` when empty."""
    return name(value, field) or None


def label_key(value: Any) -> str:
    """A label or an id as it is compared in a plan: :func:`kamcourse.inputs.norm` with ``_`` read
    as a space (``"key_account"`` is ``"Key account"``)."""
    return inputs.norm(str(value).replace("_", " "))


def choice(value: Any, field: str, allowed: Iterable[str]) -> str:
    """One of ``allowed`` (compared with :func:`label_key`: case and spacing ignored, ``_`` a space)."""
    options = tuple(allowed)
    if isinstance(value, str):
        key = label_key(value)
        for option in options:
            if key == label_key(option):
                return option
    raise InputError(t("planning.err_choice", field=field, value=short(value), allowed=", ".join(options)))


def texts(value: Any, field: str) -> tuple[str, ...]:
    """A list of texts (one per line when given as one string); empty lines dropped."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.splitlines()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise InputError(t("planning.err_texts", field=field, value=short(value)))
    if len(items) > MAX_ITEMS:
        raise InputError(t("planning.err_too_many", field=field, count=len(items), limit=MAX_ITEMS))
    out = [text(item, t("planning.field_item", field=field, number=i)) for i, item in enumerate(items, start=1)]
    return tuple(item for item in out if item)


def number(value: Any, field: str) -> float | None:
    """A finite number up to :data:`MAX_NUMBER` in size (``None`` when blank), read by
    :func:`kamcourse.inputs.number`: ``"1 234,5"`` is 1234.5 here as everywhere; ``"60 %"`` is 60."""
    result = inputs.number(value, field, percent=True)
    if result is not None and abs(result) > MAX_NUMBER:
        raise InputError(t("planning.err_number_range", field=field, value=short(value), limit=f"{MAX_NUMBER:g}"))
    return result


def rating(value: Any, field: str, low: int = 1, high: int = 5) -> int | None:
    """A whole rating from ``low`` to ``high``, or ``None`` when not rated yet."""
    if inputs.is_blank(value):
        return None
    result = number(value, field)
    if result is None or not result.is_integer() or not low <= result <= high:
        raise InputError(t("planning.err_rating", field=field, value=short(value), low=low, high=high))
    return int(result)


def date(value: Any, field: str) -> _dt.date:
    """A date: a :class:`datetime.date` or ISO text ``YYYY-MM-DD``, between 2000 and 2100."""
    result = optional_date(value, field)
    if result is None:
        raise InputError(t("planning.err_date", field=field, value=short(value)))
    return result


def optional_date(value: Any, field: str) -> _dt.date | None:
    """A date, or ``None`` when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        result = value
    elif isinstance(value, str):
        try:
            result = _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(t("planning.err_date", field=field, value=short(value))) from None
    else:
        raise InputError(t("planning.err_date", field=field, value=short(value)))
    if not 2000 <= result.year <= 2100:
        raise InputError(t("planning.err_date", field=field, value=short(value)))
    return result
