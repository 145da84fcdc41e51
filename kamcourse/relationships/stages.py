"""The four relationship stages and the quick check's statements and bands, read from content.

Taught in notebooks/05_relationship_stages.ipynb.

The stages (**basic -> co-operative -> interdependent -> integrated**, Cranfield 1996 and
Woodburn 2000), their traits, the six statements of the quick relationship check and the
course's illustrative score bands live in ``kamcourse/content/relationships.yaml``. Nothing
is read at import: each function reads the content when it is called (``content.load``
keeps the parsed file until the file changes, so a call costs a dictionary lookup).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

from ..content import load, t
from ..errors import InputError
from ..inputs import norm
from ..values import short_repr, to_float

__all__ = [
    "Stage",
    "Statement",
    "all_stages",
    "all_statements",
    "stage_ids",
    "max_total",
    "stage",
    "statement",
    "bands",
    "stage_for_total",
    "stage_name",
]

_CONTENT = "relationships"


def data() -> dict[str, Any]:
    """The content of ``relationships.yaml`` (stages, statements, scale, bands, fit, models)."""
    loaded: dict[str, Any] = load(_CONTENT)
    return loaded


@dataclass(frozen=True)
class Stage:
    """One relationship stage and its traits (content data, in the course's words).

    ``structure`` is the typical contact structure (``"bow-tie"``, ``"between bow-tie and
    diamond"``, ``"diamond"``, ``"integrated teams"``); ``structure_text`` explains it and
    says where the description is the course's own.
    ``order`` is 0 for basic up to 3 for integrated.
    """

    id: str
    order: int
    name: str
    source: str
    summary: str
    contacts: str
    share_of_spend: str
    exit: str
    information: str
    planning: str
    trust: str
    structure: str
    structure_text: str

    def traits(self) -> dict[str, str]:
        """The traits as an ordered mapping trait id -> text (see ``t("relationships.trait_<id>")``)."""
        return {key: getattr(self, key) for key in data()["traits"]}


@dataclass(frozen=True)
class Statement:
    """One statement of the quick relationship check: stable ``id``, full ``text``, ``short`` label."""

    id: str
    order: int
    text: str
    short: str


_STAGE_FIELDS = (
    "name",
    "source",
    "summary",
    "contacts",
    "share_of_spend",
    "exit",
    "information",
    "planning",
    "trust",
    "structure",
    "structure_text",
)


def all_stages() -> tuple[Stage, ...]:
    """The four stages in order: basic, co-operative, interdependent, integrated."""
    return tuple(
        Stage(id=str(row["id"]), order=i, **{f: " ".join(str(row[f]).split()) for f in _STAGE_FIELDS})
        for i, row in enumerate(data()["stages"])
    )


def all_statements() -> tuple[Statement, ...]:
    """The six statements of the quick relationship check, in order."""
    return tuple(
        Statement(id=str(row["id"]), order=i, text=str(row["text"]).strip(), short=str(row["short"]).strip())
        for i, row in enumerate(data()["statements"])
    )


def stage_ids() -> tuple[str, ...]:
    """Stage ids in order."""
    return tuple(s.id for s in all_stages())


def max_total() -> int:
    """Highest possible total of the quick check (6 statements x 3 points)."""
    return 3 * len(all_statements())


def label_key(text: str) -> str:
    """A label as the lesson compares it: lower case, no spaces, hyphens or underscores
    (``"Co-operative"``, ``"cooperative"`` and ``"CO OPERATIVE"`` are one stage)."""
    return "".join(ch for ch in norm(text) if ch not in " -_")


def stage(value: str | Stage, *, item: str | None = None) -> Stage:
    """Return the :class:`Stage` named ``value`` (id or name; case, spaces and hyphens ignored).

    Parameters
    ----------
    value:
        ``"basic"``, ``"co-operative"`` (also ``"Cooperative"``), ``"interdependent"``,
        ``"integrated"``, or a :class:`Stage`.
    item:
        What the value belongs to (e.g. an account name), used in the error message.

    Raises
    ------
    InputError
        If ``value`` is not one of the four stages.
    """
    if isinstance(value, Stage):
        return value
    stages = all_stages()
    if isinstance(value, str):
        wanted = label_key(value)
        for candidate in stages:
            if wanted in (label_key(candidate.id), label_key(candidate.name)):
                return candidate
    raise InputError(
        t(
            "relationships.err_stage",
            item=item or t("relationships.item_stage"),
            value=short_repr(value),
            allowed=", ".join(s.id for s in stages),
        )
    )


def stage_name(stage_id: str) -> str:
    """The name of a stage as the lesson shows it (``"co-operative"`` -> ``"Co-operative"``)."""
    return stage(stage_id).name


def statement(value: Any) -> Statement:
    """The statement of the quick check with id ``value`` (case and surrounding spaces ignored).

    Raises :class:`InputError` naming the value and the known statement ids.
    """
    if isinstance(value, Statement):
        return value
    statements = all_statements()
    if isinstance(value, str):
        for candidate in statements:
            if norm(value) == candidate.id:
                return candidate
    raise InputError(
        t("relationships.err_statement_id", value=short_repr(value), allowed=", ".join(s.id for s in statements))
    )


def bands() -> tuple[tuple[str, int, int], ...]:
    """The illustrative, course-defined bands as ``(stage id, lowest total, highest total)``.

    No published thresholds exist for the quick relationship check: the course defines
    0-4 basic, 5-10 co-operative, 11-16 interdependent, 17-18 integrated to start a
    discussion (see ``bands.note`` in the content file).
    """
    return tuple((str(r["stage"]), int(r["min"]), int(r["max"])) for r in data()["bands"]["ranges"])


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"


def whole_number(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (not a bool, not NaN), else None."""
    if _is_bool(value):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    as_float = to_float(value)  # a huge Fraction becomes inf, never OverflowError
    if as_float is not None and math.isfinite(as_float) and as_float.is_integer():
        return int(as_float)
    return None


def stage_for_total(total: int) -> str:
    """The stage id the course's *illustrative* bands give a quick-check total.

    Parameters
    ----------
    total:
        A whole number from 0 to 18 (``2.0`` is accepted as 2; booleans are not).

    Returns
    -------
    str
        ``"basic"`` (0-4), ``"co-operative"`` (5-10), ``"interdependent"`` (11-16) or
        ``"integrated"`` (17-18). The bands are course-defined, not published thresholds.

    Raises
    ------
    InputError
        If ``total`` is not a whole number from 0 to 18.
    """
    whole = whole_number(total)
    highest = max_total()
    if whole is None or not 0 <= whole <= highest:
        raise InputError(t("relationships.err_total", value=short_repr(total), max=highest))
    for stage_id, low, high in bands():
        if low <= whole <= high:
            return stage_id
    raise InputError(t("relationships.err_total", value=short_repr(total), max=highest))  # pragma: no cover
