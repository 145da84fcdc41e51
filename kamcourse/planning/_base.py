"""Shared pieces of the plan's dataclasses: the vocabularies, the base class, JSON rows.

Used by :mod:`kamcourse.planning.parts` and :mod:`kamcourse.planning.model`; taught with the
plan in ``notebooks/08_key_account_plan.ipynb``. Every part converts to plain JSON data with
``to_dict`` and back with ``from_dict``; unknown keys, wrong types and bad values raise
:class:`~kamcourse.errors.InputError` naming the part, the row and the field.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..content import t
from ..errors import InputError
from ..portfolio.matrix import CATEGORIES  # the one list of portfolio categories (lesson 04)
from . import _fields as F

__all__ = [
    "ACTION_KINDS",
    "ATTITUDES",
    "CATEGORIES",
    "FORMAT",
    "INFLUENCE",
    "LEVELS",
    "PLAN_REVIEWS",
    "ROLES",
    "STAGES",
    "STATUSES",
    "TRACKING",
    "VERSION",
    "Part",
    "json_value",
    "label",
    "rows",
    "unique",
]

ROLES = ("decision maker", "approver", "evaluator", "influencer", "user")
ATTITUDES = ("champion", "supporter", "neutral", "non-supporter", "opponent", "unknown")
INFLUENCE = ("high", "medium", "low")
LEVELS = ("strategic", "operational")
ACTION_KINDS = ("contractual", "relational")
STATUSES = ("planned", "in progress", "done", "dropped")
PLAN_REVIEWS = ("monthly", "quarterly", "half-yearly", "yearly", "not set")
TRACKING = ("weekly", "fortnightly", "monthly", "quarterly", "not set")
#: Relationship stage ids, as :data:`kamcourse.relationships.STAGE_IDS` (lesson 05).
STAGES = ("basic", "co-operative", "interdependent", "integrated")
FORMAT = "kamcourse-plan"
VERSION = 1

P = TypeVar("P", bound="Part")


def label(key: str) -> str:
    """The name of field ``key`` as the learner sees it (``strings/planning.en.yaml``, ``f_<key>``)."""
    return t(f"planning.f_{key}")


class Part:
    """Shared behaviour: ``to_dict`` (JSON-ready) and ``from_dict`` (unknown keys refused)."""

    _part = "part"

    def _set(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The part as plain JSON data (dates as ISO text, rows as lists of dicts)."""
        return {f.name: json_value(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Build the part from ``to_dict`` output (or any mapping with the same keys)."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise InputError(t("planning.err_part", part=t(f"planning.part_{cls._part}"), value=F.short(data)))
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = [str(k) for k in data if k not in known]
        if unknown:
            raise InputError(
                t(
                    "planning.err_unknown_keys",
                    part=t(f"planning.part_{cls._part}"),
                    keys=", ".join(unknown),
                    allowed=", ".join(sorted(known)),
                )
            )
        return cls(**{str(k): v for k, v in data.items()})


def json_value(value: Any) -> Any:
    """``value`` as plain JSON data: parts as dicts, tuples as lists, dates as ISO text."""
    if isinstance(value, Part):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def rows(value: Any, cls: type[P], part: str) -> tuple[P, ...]:
    """Rows of a table of the plan, each built with ``cls.from_dict``; errors name the row."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise InputError(t("planning.err_rows", part=t(f"planning.part_{part}"), value=F.short(value)))
    if len(value) > F.MAX_ITEMS:
        raise InputError(
            t("planning.err_too_many", field=t(f"planning.part_{part}"), count=len(value), limit=F.MAX_ITEMS)
        )
    out = []
    for number, item in enumerate(value, start=1):
        try:
            out.append(cls.from_dict(item))
        except InputError as exc:
            who = item.get("name") or item.get("id") if isinstance(item, Mapping) else None
            row = t("planning.row", part=t(f"planning.part_{part}"), number=number)
            row = row[:1].upper() + row[1:]
            if isinstance(who, str) and who.strip():
                row += f" ({' '.join(who.split())[:40]})"
            raise InputError(t("planning.err_in_row", row=row, message=str(exc))) from None
    return tuple(out)


def unique(items: tuple[Any, ...], attr: str, part: str) -> None:
    """Refuse two rows of ``part`` with the same ``attr`` (case ignored)."""
    seen: set[str] = set()
    for row in items:
        key = getattr(row, attr)
        if key and key.casefold() in seen:
            raise InputError(t("planning.err_duplicate", part=t(f"planning.part_{part}"), value=key))
        seen.add(key.casefold() if key else "")
