"""The 3x3 Key Account Planning framework as data.

Taught in notebooks/02_kap_framework.ipynb.

The framework is H. Faucher's (B2B relationship blog, 5 November 2017): three dimensions of
key account planning -- process stages, supporting documents, organisational levels -- each
split into three elements. The texts live in ``kamcourse/content/framework.yaml`` and are
read when a function is called, never at import (``content.load`` keeps the parsed file).

>>> from kamcourse import framework
>>> framework.DIMENSIONS["process stages"]
('Situational analysis', 'Strategy formulation', 'Operations')
>>> framework.element("key account plan").dimension
'supporting documents'

The author warns that the table has no systematic horizontal relationship: the grid is
read column by column, never row to row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import content
from .content import t
from .errors import ContentError, InputError
from .inputs import norm
from .values import short_repr

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Element",
    "Dimension",
    "DIMENSIONS",
    "dimensions",
    "dimension_elements",
    "dimension",
    "element",
    "elements",
    "table",
    "strategy_terms",
    "terms_table",
    "credit",
    "warning",
]


@dataclass(frozen=True)
class Element:
    """One box of the grid: its name, dimension, guiding question (or role) and explanation.

    ``course_question`` is True where the guiding question is the course's own memory aid
    rather than the author's (the three supporting documents): it is shown as such.
    """

    name: str
    dimension: str
    question: str
    explanation: str
    course_question: bool = False

    @property
    def question_text(self) -> str:
        """The question as the course shows it, marked when it is the course's own."""
        return t("framework.course_question", question=self.question) if self.course_question else self.question

    def _repr_markdown_(self) -> str:
        return f"**{self.name}** ({self.dimension})\n\n*{self.question_text}*\n\n{self.explanation}"


@dataclass(frozen=True)
class Dimension:
    """One dimension (a column of the grid) and its three elements, in order."""

    name: str
    kind: str
    summary: str
    elements: tuple[Element, ...]


def dimensions() -> tuple[Dimension, ...]:
    """The three dimensions with their elements and texts (read from ``content/framework.yaml``).

    Raises :class:`ContentError` when the content file is malformed or not a 3x3 grid.
    """
    data = content.load("framework")
    try:
        dims = tuple(
            Dimension(
                name=d["name"],
                kind=d["kind"],
                summary=" ".join(str(d["summary"]).split()),
                elements=tuple(
                    Element(
                        e["name"],
                        d["name"],
                        e["question"],
                        " ".join(str(e["explanation"]).split()),
                        course_question=d.get("questions_by") == "course",
                    )
                    for e in d["elements"]
                ),
            )
            for d in data["dimensions"]
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(t("framework.bad_content", reason=exc)) from None
    if len(dims) != 3 or any(len(d.elements) != 3 for d in dims):
        raise ContentError(t("framework.not_3x3"))
    return dims


def dimension_elements() -> Mapping[str, tuple[str, ...]]:
    """Each dimension mapped to the names of its three elements, in order (also :data:`DIMENSIONS`)."""
    return MappingProxyType({d.name: tuple(e.name for e in d.elements) for d in dimensions()})


#: Each dimension mapped to its three elements, in order: :func:`dimension_elements`, read on each lookup.
DIMENSIONS: Mapping[str, tuple[str, ...]]


def __getattr__(name: str) -> Any:
    """:data:`DIMENSIONS`, read from the content file when it is looked up (nothing is read at import)."""
    if name == "DIMENSIONS":
        return dimension_elements()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def elements() -> tuple[Element, ...]:
    """All nine elements, dimension by dimension."""
    return tuple(e for d in dimensions() for e in d.elements)


def _norm(text: str) -> str:
    return norm(text.replace("-", " "))  # hyphens read as spaces: "Key-account plan" is "Key account plan"


def _singular(text: str) -> str:
    return text.removesuffix("s")


def element(name: str) -> Element:
    """The element called ``name`` (case, spacing and a plural "s" ignored: "Key account
    manager" is "Key account managers").

    Raises :class:`InputError` naming the value and listing the nine elements.
    """
    if isinstance(name, str):
        wanted = _norm(name)
        for item in elements():
            if _norm(item.name) == wanted:
                return item
        for item in elements():
            if _singular(_norm(item.name)) == _singular(wanted):
                return item
    allowed = ", ".join(e.name for e in elements())
    raise InputError(t("framework.unknown_element", value=short_repr(name), allowed=allowed))


def dimension(name: str) -> Dimension:
    """The dimension called ``name`` (case ignored); :class:`InputError` when unknown."""
    if isinstance(name, str):
        for item in dimensions():
            if _norm(item.name) == _norm(name):
                return item
    raise InputError(t("framework.unknown_dimension", value=short_repr(name), allowed=", ".join(dimension_elements())))


def table(detail: str = "name") -> pandas.DataFrame:
    """The grid as a DataFrame: one column per dimension, one row per position (1, 2, 3).

    ``detail`` is ``"name"`` (default) or ``"question"``; the questions of the supporting
    documents are the course's own and are marked so. Rows are positions only: the
    framework sets no link between the boxes of one row.
    """
    import pandas as pd

    if not isinstance(detail, str) or detail not in ("name", "question"):
        raise InputError(t("framework.bad_detail", value=short_repr(detail)))
    attr = "question_text" if detail == "question" else "name"
    frame = pd.DataFrame({d.name: [getattr(e, attr) for e in d.elements] for d in dimensions()})
    frame.index = pd.RangeIndex(1, 4, name="")
    return frame


def strategy_terms() -> tuple[dict[str, str], ...]:
    """Objective, action plan and strategy (as a conditional plan), each with an example."""
    data = content.load("framework")
    return tuple({k: " ".join(str(v).split()) for k, v in item.items()} for item in data["strategy_terms"])


def credit() -> str:
    """Where the framework comes from."""
    return " ".join(str(content.load("framework")["credit"]).split())


def warning() -> str:
    """The author's warning: no horizontal link between the boxes of a row."""
    return " ".join(str(content.load("framework")["warning"]).split())


def terms_table() -> pandas.DataFrame:
    """Objective, action plan and strategy side by side, with an example of each."""
    import pandas as pd

    frame = pd.DataFrame(strategy_terms())
    return frame.set_index("term")
