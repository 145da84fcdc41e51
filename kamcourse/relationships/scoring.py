"""Woodburn's quick relationship check, scored, and two views of one relationship compared.

Taught in notebooks/05_relationship_stages.ipynb.

Six statements, each answered 0-3 (strongly disagree ... strongly agree), give a total of
0-18 that the course's *illustrative, course-defined* bands read as a stage
(:func:`~kamcourse.relationships.stages.stage_for_total`). :func:`compare_views` sets two sets
of answers side by side (ours and the customer's as we expect it, or two colleagues').
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..content import t
from ..errors import InputError
from ..inputs import parse_number
from ..values import short_repr
from .stages import Stage, Statement, all_statements, data, label_key, stage, stage_for_total, statement, whole_number

__all__ = [
    "scale_labels",
    "parse_answer",
    "QuickCheck",
    "quick_check",
    "StatementGap",
    "ViewComparison",
    "compare_views",
]


def scale_labels() -> tuple[str, ...]:
    """The answer labels in order of points: strongly disagree (0) ... strongly agree (3)."""
    rows = sorted(data()["scale"], key=lambda r: int(r["value"]))
    return tuple(str(r["label"]) for r in rows)


def parse_answer(value: Any, statement: str | Statement = "?") -> int:
    """Turn one answer into its points (0-3).

    Parameters
    ----------
    value:
        A whole number 0-3 (``2.0`` is accepted as 2) or a label: ``"strongly
        disagree"`` = 0, ``"disagree"`` = 1, ``"agree"`` = 2, ``"strongly agree"`` = 3,
        ignoring case and spaces; a number typed as text (``"2"``) is read by
        :func:`kamcourse.inputs.parse_number`.
    statement:
        The statement (or its id) the answer belongs to, named in the error message.

    Raises
    ------
    InputError
        For booleans (``True`` is not 1 here), ``None``, NaN, numbers with a fraction,
        numbers outside 0-3 and unknown labels; the message names the statement and value.
    """
    if isinstance(statement, str):
        statement = next((s for s in all_statements() if s.id == statement), None) or statement
    name = (
        f"{statement.id}' ({statement.short})"
        if isinstance(statement, Statement)
        else f"{statement if isinstance(statement, str) else short_repr(statement)}'"
    )
    allowed = t(
        "relationships.allowed_answers", labels=", ".join(f"{label!r}={i}" for i, label in enumerate(scale_labels()))
    )
    typed: Any = value
    if isinstance(value, str):
        scale = {label_key(str(r["label"])): int(r["value"]) for r in data()["scale"]}
        points = scale.get(label_key(value))
        typed = parse_number(value)  # "2" or " 2,0 " typed as text: that number
        if points is None and typed is None:
            raise InputError(
                t("relationships.err_answer_label", statement=name, value=short_repr(value), allowed=allowed)
            )
        if points is not None:
            return points
    whole = whole_number(typed)
    if whole is None or not 0 <= whole <= 3:
        raise InputError(t("relationships.err_answer", statement=name, value=short_repr(value), allowed=allowed))
    return whole


@dataclass(frozen=True)
class QuickCheck:
    """The result of a quick relationship check.

    ``answers`` are the six points in statement order (see
    :func:`~kamcourse.relationships.stages.all_statements`); ``total`` is their sum (0-18);
    ``stage`` the stage id of the course's illustrative bands; ``weak`` the statements
    answered at or below 1 (they pull the score down), lowest answer first, ties in
    statement order.
    """

    answers: tuple[int, ...]
    total: int
    stage: str
    weak: tuple[Statement, ...]

    @property
    def by_statement(self) -> dict[str, int]:
        """Answers as a mapping statement id -> points, in statement order."""
        return {s.id: a for s, a in zip(all_statements(), self.answers, strict=True)}

    @property
    def stage_info(self) -> Stage:
        """The :class:`~kamcourse.relationships.stages.Stage` object of :attr:`stage`."""
        return stage(self.stage)


def _answers_in_order(answers: Any) -> tuple[int, ...]:
    statements = all_statements()
    n = len(statements)
    if isinstance(answers, QuickCheck):
        return answers.answers
    if isinstance(answers, Mapping):
        given: dict[str, int] = {}
        for key, value in answers.items():
            st = statement(key)
            if st.id in given:
                raise InputError(t("relationships.err_statement_twice", statement=st.id))
            given[st.id] = parse_answer(value, st)
        missing = [s.id for s in statements if s.id not in given]
        if missing:
            raise InputError(t("relationships.err_statements_missing", missing=", ".join(missing), count=n))
        return tuple(given[s.id] for s in statements)
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Iterable):
        raise InputError(t("relationships.err_answers_type", value=short_repr(answers), count=n))
    values = list(answers)
    if len(values) != n:
        raise InputError(t("relationships.err_answer_count", got=len(values), count=n, value=short_repr(values)))
    return tuple(parse_answer(v, s) for v, s in zip(values, statements, strict=True))


def quick_check(answers: Any) -> QuickCheck:
    """Score Woodburn's quick relationship check.

    Parameters
    ----------
    answers:
        Exactly six answers, either a sequence in statement order or a mapping statement
        id -> answer. Each answer is a whole number 0-3 or a label (``"strongly
        disagree"`` 0, ``"disagree"`` 1, ``"agree"`` 2, ``"strongly agree"`` 3; case and
        spaces ignored).

    Returns
    -------
    QuickCheck
        ``total`` 0-18, ``stage`` by the course's bands (0-4 basic, 5-10 co-operative,
        11-16 interdependent, 17-18 integrated -- *illustrative, course-defined*: no
        published thresholds exist), ``answers`` and the ``weak`` statements.

    Raises
    ------
    InputError
        Wrong number of answers, a string instead of a list, an unknown or missing
        statement id, or an invalid answer (bool, ``None``, NaN, fraction, out of range,
        unknown label); the message names the statement and the value.
    """
    points = _answers_in_order(answers)
    total = sum(points)
    limit = int(data().get("weak_at_most", 1))
    low = [(p, s) for p, s in zip(points, all_statements(), strict=True) if p <= limit]
    weak = tuple(s for _, s in sorted(low, key=lambda ps: (ps[0], ps[1].order)))
    return QuickCheck(answers=points, total=total, stage=stage_for_total(total), weak=weak)


@dataclass(frozen=True)
class StatementGap:
    """One statement seen from two views: ``gap = first - second`` (signed)."""

    statement: Statement
    first: int
    second: int

    @property
    def gap(self) -> int:
        return self.first - self.second


@dataclass(frozen=True)
class ViewComparison:
    """Two views of one relationship (ours vs the customer's as we expect it, or two colleagues').

    ``gaps`` are in statement order; :attr:`largest_first` orders them by the size of
    the gap (largest first, ties in statement order).
    """

    first_label: str
    second_label: str
    first: QuickCheck
    second: QuickCheck
    gaps: tuple[StatementGap, ...]

    @property
    def largest_first(self) -> tuple[StatementGap, ...]:
        return tuple(sorted(self.gaps, key=lambda g: (-abs(g.gap), g.statement.order)))

    @property
    def different_stages(self) -> bool:
        """True when the two views put the relationship in different stages."""
        return self.first.stage != self.second.stage

    @property
    def total_gap(self) -> int:
        return self.first.total - self.second.total

    def to_frame(self) -> Any:
        """The gaps as a :class:`pandas.DataFrame` (statement id, short text, both answers, gap), largest first."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "statement": g.statement.id,
                    "short": g.statement.short,
                    "first": g.first,
                    "second": g.second,
                    "gap": g.gap,
                }
                for g in self.largest_first
            ]
        )


def view_label(value: Any, default: str) -> str:
    """The name of a view as given (surrounding spaces removed), or ``default`` for None.

    Raises :class:`InputError` for anything but a non-empty text.
    """
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise InputError(t("relationships.err_view_label", value=short_repr(value)))
    return value.strip()


def compare_views(
    first: Any, second: Any, *, first_label: str | None = None, second_label: str | None = None
) -> ViewComparison:
    """Compare two views of one relationship, statement by statement.

    Parameters
    ----------
    first, second:
        Each a :class:`QuickCheck` or answers accepted by :func:`quick_check`.
    first_label, second_label:
        Names of the views for charts and messages (default "Our view" / "Customer's
        view (as we expect it)").

    Returns
    -------
    ViewComparison
        Signed per-statement gaps (first minus second), each view's stage, the largest
        gaps first, and whether the views give different stages.

    Raises
    ------
    InputError
        If either set of answers is invalid (see :func:`quick_check`) or a label is empty.
    """
    a = first if isinstance(first, QuickCheck) else quick_check(first)
    b = second if isinstance(second, QuickCheck) else quick_check(second)
    gaps = tuple(StatementGap(s, x, y) for s, x, y in zip(all_statements(), a.answers, b.answers, strict=True))
    return ViewComparison(
        first_label=view_label(first_label, t("relationships.view_ours")),
        second_label=view_label(second_label, t("relationships.view_theirs")),
        first=a,
        second=b,
        gaps=gaps,
    )
