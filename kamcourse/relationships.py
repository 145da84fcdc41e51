"""Relationship stages: the pure core of lesson ``notebooks/05_relationship_stages.ipynb``.

The course follows Cranfield's research on key account relationships (Cranfield 1996,
Woodburn 2000; taught by Woodburn and McDonald): four stages, **basic ->
co-operative -> interdependent -> integrated**, each with recognisable traits (who is in
contact, share of spend, ease of exit, information sharing, planning, trust, contact
structure). Integrated relationships are rare and costly: the aim is the stage that
fits the account's portfolio category, not integration everywhere.

This module offers

* :data:`STAGES` -- the four stages and their traits (content data from
  ``kamcourse/content/relationships.yaml``);
* :func:`quick_check` -- Woodburn's quick relationship check (six statements, each 0-3,
  total 0-18) with the course's *illustrative, course-defined* bands
  (:func:`stage_for_total`);
* :func:`compare_views` -- two views of one relationship, statement by statement;
* :func:`fit_for_category` and :func:`portfolio_fit` -- the stage range the course
  recommends for each portfolio category, and a gap view of a portfolio
  (under-investing / within fit / over-investing);
* :func:`stage_model_mapping` -- an approximate mapping to the six-stage models of
  McDonald, Millman & Rogers and of Millman & Wilson;
* :func:`ara_layers` -- the layers of a multi-layered relationship (ARA model of
  Håkansson and Snehota);
* :class:`Contact`, :func:`contacts` and :func:`contact_structure` -- who talks to whom,
  classified as bow-tie, diamond or mixed;
* :func:`fit_summary` and :func:`stage_model_table` -- the guidance and the six-stage
  mapping as tables to read (words, no codes or missing values);
* :func:`cases`, :func:`case_portfolio` and :func:`case_decisions` -- Vellmar Packaging's
  relationships, the case of the lesson and its exercise
  (``kamcourse/content/case/relationships.yaml``);
* :data:`DECISIONS` and :func:`defensible_decisions` -- invest more, hold or invest less,
  and which of them a category's fit range allows for a stage.

Every rejected input raises :class:`~kamcourse.errors.InputError` naming the statement,
account, stage or contact and the value received.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._values import short_repr, to_float
from .content import load, t
from .errors import ContentError, InputError

__all__ = [
    "Stage",
    "Statement",
    "STAGES",
    "STAGE_IDS",
    "STATEMENTS",
    "CATEGORIES",
    "MAX_TOTAL",
    "QuickCheck",
    "StatementGap",
    "ViewComparison",
    "CategoryFit",
    "AraLayer",
    "Contact",
    "ContactStructure",
    "stage",
    "stage_for_total",
    "bands",
    "parse_answer",
    "scale_labels",
    "quick_check",
    "compare_views",
    "fit_for_category",
    "fit_table",
    "stage_gap",
    "portfolio_fit",
    "stage_model_mapping",
    "ara_layers",
    "contacts",
    "contact_structure",
    "Case",
    "cases",
    "case_portfolio",
    "case",
    "stages_table",
    "parse_contact_lines",
    "DECISIONS",
    "defensible_decisions",
    "CaseDecision",
    "case_decisions",
    "fit_summary",
    "stage_model_table",
]

_CONTENT = "relationships"

#: The portfolio categories, exactly as ``kamcourse.portfolio`` names them.
CATEGORIES: tuple[str, ...] = ("Strategic", "Star", "Status", "Streamline")


def _data() -> dict[str, Any]:
    return load(_CONTENT)


# --------------------------------------------------------------------------- stages


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
        return {key: getattr(self, key) for key in _data()["traits"]}


@dataclass(frozen=True)
class Statement:
    """One statement of the quick relationship check: stable ``id``, full ``text``, ``short`` label."""

    id: str
    order: int
    text: str
    short: str


def _build_stages() -> tuple[Stage, ...]:
    fields = ("name", "source", "summary", "contacts", "share_of_spend", "exit",
              "information", "planning", "trust", "structure", "structure_text")
    return tuple(
        Stage(id=str(row["id"]), order=i, **{f: " ".join(str(row[f]).split()) for f in fields})
        for i, row in enumerate(_data()["stages"])
    )


def _build_statements() -> tuple[Statement, ...]:
    return tuple(
        Statement(id=str(row["id"]), order=i, text=str(row["text"]).strip(), short=str(row["short"]).strip())
        for i, row in enumerate(_data()["statements"])
    )


#: The four stages in order: basic, co-operative, interdependent, integrated.
STAGES: tuple[Stage, ...] = _build_stages()
#: Stage ids in order.
STAGE_IDS: tuple[str, ...] = tuple(s.id for s in STAGES)
#: The six statements of the quick relationship check, in order.
STATEMENTS: tuple[Statement, ...] = _build_statements()
#: Highest possible total of the quick check (6 statements x 3 points).
MAX_TOTAL: int = 3 * len(STATEMENTS)

_STAGE_BY_ID = {s.id: s for s in STAGES}
_STATEMENT_BY_ID = {s.id: s for s in STATEMENTS}


def _key(text: str) -> str:
    """Normalise a label: lower case, no spaces, hyphens or underscores."""
    return "".join(ch for ch in text.lower() if not ch.isspace() and ch not in "-_")


_STAGE_BY_KEY = {_key(s.id): s for s in STAGES} | {_key(s.name): s for s in STAGES}
_CATEGORY_BY_KEY = {_key(c): c for c in CATEGORIES}


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
    if isinstance(value, str) and _key(value) in _STAGE_BY_KEY:
        return _STAGE_BY_KEY[_key(value)]
    raise InputError(
        t("relationships.err_stage", item=item or t("relationships.item_stage"), value=short_repr(value),
          allowed=", ".join(STAGE_IDS))
    )


def bands() -> tuple[tuple[str, int, int], ...]:
    """The illustrative, course-defined bands as ``(stage id, lowest total, highest total)``.

    No published thresholds exist for the quick relationship check: the course defines
    0-4 basic, 5-10 co-operative, 11-16 interdependent, 17-18 integrated to start a
    discussion (see ``bands.note`` in the content file).
    """
    return tuple((str(r["stage"]), int(r["min"]), int(r["max"])) for r in _data()["bands"]["ranges"])


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"


def _as_whole(value: Any) -> int | None:
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

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

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
    whole = _as_whole(total)
    if whole is None or not 0 <= whole <= MAX_TOTAL:
        raise InputError(t("relationships.err_total", value=short_repr(total), max=MAX_TOTAL))
    for stage_id, low, high in bands():
        if low <= whole <= high:
            return stage_id
    raise InputError(t("relationships.err_total", value=short_repr(total), max=MAX_TOTAL))  # pragma: no cover


# ------------------------------------------------------------------ quick check


def _scale() -> dict[str, int]:
    return {_key(str(r["label"])): int(r["value"]) for r in _data()["scale"]}


def scale_labels() -> tuple[str, ...]:
    """The answer labels in order of points: strongly disagree (0) ... strongly agree (3)."""
    rows = sorted(_data()["scale"], key=lambda r: int(r["value"]))
    return tuple(str(r["label"]) for r in rows)


def parse_answer(value: Any, statement: str | Statement = "?") -> int:
    """Turn one answer into its points (0-3).

    Parameters
    ----------
    value:
        A whole number 0-3 (``2.0`` is accepted as 2) or a label: ``"strongly
        disagree"`` = 0, ``"disagree"`` = 1, ``"agree"`` = 2, ``"strongly agree"`` = 3,
        ignoring case and spaces.
    statement:
        The statement (or its id) the answer belongs to, named in the error message.

    Raises
    ------
    InputError
        For booleans (``True`` is not 1 here), ``None``, NaN, numbers with a fraction,
        numbers outside 0-3 and unknown labels; the message names the statement and value.
    """
    if isinstance(statement, str) and statement in _STATEMENT_BY_ID:
        statement = _STATEMENT_BY_ID[statement]
    name = (f"{statement.id}' ({statement.short})" if isinstance(statement, Statement)
            else f"{statement if isinstance(statement, str) else short_repr(statement)}'")
    allowed = t("relationships.allowed_answers", labels=", ".join(
        f"{label!r}={i}" for i, label in enumerate(scale_labels())))
    if isinstance(value, str):
        points = _scale().get(_key(value))
        if points is None:
            raise InputError(t("relationships.err_answer_label", statement=name, value=short_repr(value), allowed=allowed))
        return points
    whole = _as_whole(value)
    if whole is None or not 0 <= whole <= 3:
        raise InputError(t("relationships.err_answer", statement=name, value=short_repr(value), allowed=allowed))
    return whole


def _statement(value: Any) -> Statement:
    if isinstance(value, Statement):
        return value
    if isinstance(value, str) and value.strip().lower() in _STATEMENT_BY_ID:
        return _STATEMENT_BY_ID[value.strip().lower()]
    raise InputError(t("relationships.err_statement_id", value=short_repr(value), allowed=", ".join(_STATEMENT_BY_ID)))


@dataclass(frozen=True)
class QuickCheck:
    """The result of a quick relationship check.

    ``answers`` are the six points in statement order (see :data:`STATEMENTS`);
    ``total`` is their sum (0-18); ``stage`` the stage id of the course's illustrative
    bands; ``weak`` the statements answered at or below 1 (they pull the score down),
    lowest answer first, ties in statement order.
    """

    answers: tuple[int, ...]
    total: int
    stage: str
    weak: tuple[Statement, ...]

    @property
    def by_statement(self) -> dict[str, int]:
        """Answers as a mapping statement id -> points, in statement order."""
        return {s.id: a for s, a in zip(STATEMENTS, self.answers)}

    @property
    def stage_info(self) -> Stage:
        """The :class:`Stage` object of :attr:`stage`."""
        return _STAGE_BY_ID[self.stage]


def _answers_in_order(answers: Any) -> tuple[int, ...]:
    n = len(STATEMENTS)
    if isinstance(answers, QuickCheck):
        return answers.answers
    if isinstance(answers, Mapping):
        given: dict[str, int] = {}
        for key, value in answers.items():
            st = _statement(key)
            if st.id in given:
                raise InputError(t("relationships.err_statement_twice", statement=st.id))
            given[st.id] = parse_answer(value, st)
        missing = [s.id for s in STATEMENTS if s.id not in given]
        if missing:
            raise InputError(t("relationships.err_statements_missing", missing=", ".join(missing), count=n))
        return tuple(given[s.id] for s in STATEMENTS)
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Iterable):
        raise InputError(t("relationships.err_answers_type", value=short_repr(answers), count=n))
    values = list(answers)
    if len(values) != n:
        raise InputError(t("relationships.err_answer_count", got=len(values), count=n, value=short_repr(values)))
    return tuple(parse_answer(v, s) for v, s in zip(values, STATEMENTS))


def quick_check(answers: Any) -> QuickCheck:
    """Score Woodburn's quick relationship check.

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

    Parameters
    ----------
    answers:
        Exactly six answers, either a sequence in statement order (see
        :data:`STATEMENTS`) or a mapping statement id -> answer. Each answer is a whole
        number 0-3 or a label (``"strongly disagree"`` 0, ``"disagree"`` 1, ``"agree"``
        2, ``"strongly agree"`` 3; case and spaces ignored).

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
    limit = int(_data().get("weak_at_most", 1))
    weak = tuple(s for _, s in sorted(
        ((p, s) for p, s in zip(points, STATEMENTS) if p <= limit), key=lambda ps: (ps[0], ps[1].order)))
    return QuickCheck(answers=points, total=total, stage=stage_for_total(total), weak=weak)


# --------------------------------------------------------------- two views


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
            [{"statement": g.statement.id, "short": g.statement.short, "first": g.first,
              "second": g.second, "gap": g.gap} for g in self.largest_first]
        )


def _label(value: Any, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise InputError(t("relationships.err_view_label", value=short_repr(value)))
    return value.strip()


def compare_views(first: Any, second: Any, *, first_label: str | None = None,
                  second_label: str | None = None) -> ViewComparison:
    """Compare two views of one relationship, statement by statement.

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

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
    gaps = tuple(StatementGap(s, x, y) for s, x, y in zip(STATEMENTS, a.answers, b.answers))
    return ViewComparison(
        first_label=_label(first_label, t("relationships.view_ours")),
        second_label=_label(second_label, t("relationships.view_theirs")),
        first=a, second=b, gaps=gaps,
    )


# ------------------------------------------------------------ portfolio fit


@dataclass(frozen=True)
class CategoryFit:
    """The course's guidance for one portfolio category.

    ``low``..``high`` is the fit range of stages; ``core`` the stages aimed at by
    default; stages in the range but not in ``core`` are acceptable only selectively.
    """

    category: str
    strategy: str
    low: str
    high: str
    core: tuple[str, ...]
    reasoning: str

    @property
    def stages(self) -> tuple[str, ...]:
        """All stage ids within the fit range, in order."""
        lo, hi = STAGE_IDS.index(self.low), STAGE_IDS.index(self.high)
        return STAGE_IDS[lo:hi + 1]

    @property
    def selective(self) -> tuple[str, ...]:
        """Stages within the range that need a specific reason (outside ``core``)."""
        return tuple(s for s in self.stages if s not in self.core)


def fit_table() -> dict[str, CategoryFit]:
    """The course's recommended stage range for each category, keyed by category name."""
    out: dict[str, CategoryFit] = {}
    for row in _data()["fit"]:
        out[str(row["category"])] = CategoryFit(
            category=str(row["category"]), strategy=str(row["strategy"]), low=str(row["from"]),
            high=str(row["to"]), core=tuple(str(c) for c in row["core"]),
            reasoning=" ".join(str(row["reasoning"]).split()),
        )
    return out


def fit_summary() -> Any:
    """The course's guidance as a table to read: one row per category, stages in words.

    Lesson: ``notebooks/05_relationship_stages.ipynb``. Columns: the strategy, the fit
    range ("Co-operative to Interdependent"), the stages aimed at by default, and those
    acceptable only selectively (a word where there are none).
    """
    import pandas as pd

    def names(ids: Iterable[str]) -> str:
        listed = [_STAGE_BY_ID[i].name for i in ids]
        return ", ".join(listed) if listed else t("relationships.none_word")

    rows = [{t("relationships.col_category"): fit.category, t("relationships.col_strategy"): fit.strategy,
             t("relationships.col_range"): t("relationships.range_text", low=_STAGE_BY_ID[fit.low].name,
                                              high=_STAGE_BY_ID[fit.high].name),
             t("relationships.col_core"): names(fit.core), t("relationships.col_selective"): names(fit.selective)}
            for fit in fit_table().values()]
    return pd.DataFrame(rows).set_index(t("relationships.col_category"))


#: The three decisions of the "invest more, hold or invest less" exercise.
DECISIONS: tuple[str, ...] = ("invest more", "hold", "invest less")


def defensible_decisions(category: str, current: str, *, item: str | None = None) -> tuple[str, ...]:
    """The decisions a category's fit range allows for a relationship at stage ``current``.

    Below the range only "invest more"; above it only "invest less". Within the range
    "hold" always, "invest more" when the next stage up is one the category aims at
    (its ``core``), and "invest less" when the next stage down is still within the range.
    Which of them a case supports is the case's evidence to decide (:func:`case_decisions`).

    Raises
    ------
    InputError
        Unknown category or stage; ``item`` (e.g. the account) is named.
    """
    fit = fit_table()[_category(category, item)]
    order = stage(current, item=item).order
    gap = stage_gap(fit.category, STAGE_IDS[order], item=item)
    if gap < 0:
        return ("invest more",)
    if gap > 0:
        return ("invest less",)
    out = ["hold"]
    if order + 1 < len(STAGE_IDS) and STAGE_IDS[order + 1] in fit.core:
        out.insert(0, "invest more")
    if order > 0 and STAGE_IDS[order - 1] in fit.stages:
        out.append("invest less")
    return tuple(out)


def _category(value: Any, item: str | None = None) -> str:
    if isinstance(value, str) and _key(value) in _CATEGORY_BY_KEY:
        return _CATEGORY_BY_KEY[_key(value)]
    raise InputError(t("relationships.err_category", item=item or t("relationships.item_category"),
                       value=short_repr(value), allowed=", ".join(CATEGORIES)))


def fit_for_category(category: str) -> CategoryFit:
    """The stage range the course recommends for a portfolio category.

    Parameters
    ----------
    category:
        ``"Strategic"``, ``"Star"``, ``"Status"`` or ``"Streamline"`` (case ignored).

    Raises
    ------
    InputError
        If ``category`` is not one of the four.
    """
    return fit_table()[_category(category)]


def stage_gap(category: str, current: str, *, item: str | None = None) -> int:
    """Gap in stages between ``current`` and the category's fit range.

    Negative = below the range (under-investing), positive = above it
    (over-investing), 0 = within the range.

    Raises
    ------
    InputError
        If the category or the stage is not valid; ``item`` (e.g. the account) is named.
    """
    fit = fit_table()[_category(category, item)]
    order = stage(current, item=item).order
    lo, hi = STAGE_IDS.index(fit.low), STAGE_IDS.index(fit.high)
    if order < lo:
        return order - lo
    if order > hi:
        return order - hi
    return 0


def _rows(portfolio: Any) -> list[tuple[str, Any, Any]]:
    """(account, category, stage) triples from a DataFrame or a mapping."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(portfolio, pd.DataFrame):
        cols = {str(c).strip().lower(): c for c in portfolio.columns}
        for needed in ("category", "stage"):
            if needed not in cols:
                raise InputError(t("relationships.err_missing_column", column=needed,
                                   columns=", ".join(map(str, portfolio.columns))))
        accounts = portfolio[cols["account"]] if "account" in cols else portfolio.index
        return [(a, c, s) for a, c, s in zip(accounts, portfolio[cols["category"]], portfolio[cols["stage"]])]
    if isinstance(portfolio, Mapping):
        rows = []
        for account, value in portfolio.items():
            if isinstance(value, Mapping):
                rows.append((account, value.get("category"), value.get("stage")))
            elif isinstance(value, (tuple, list)) and len(value) == 2:
                rows.append((account, value[0], value[1]))
            else:
                raise InputError(t("relationships.err_portfolio_entry", account=account, value=short_repr(value)))
        return rows
    raise InputError(t("relationships.err_portfolio_type", value=type(portfolio).__name__))


def portfolio_fit(portfolio: Any) -> Any:
    """Gap view of a portfolio: is each account's relationship stage where its category fits?

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

    Parameters
    ----------
    portfolio:
        A :class:`pandas.DataFrame` with columns ``category`` and ``stage`` (accounts in
        an ``account`` column or in the index), or a mapping account ->
        ``(category, stage)`` or account -> ``{"category": ..., "stage": ...}``.
        Categories: Strategic, Star, Status, Streamline; stages: the four stage ids.

    Returns
    -------
    pandas.DataFrame
        One row per account, in input order: ``account``, ``category``, ``stage``,
        ``fit_low``, ``fit_high``, ``gap`` (negative = under-investing, positive =
        over-investing, 0 = within fit), ``verdict`` (``"under-investing"``,
        ``"within fit"``, ``"over-investing"``), ``selective`` (within the range but only
        acceptable with a reason, e.g. integrated for a Strategic account) and
        ``verdict_text`` (a sentence for the learner).

    Raises
    ------
    InputError
        Unknown category or stage (the message names the account and the value),
        empty or duplicate account names, missing columns, or an unreadable entry.
    """
    import pandas as pd

    table = fit_table()
    seen: set[str] = set()
    records = []
    for account, category, current in _rows(portfolio):
        if not isinstance(account, str) or not account.strip():
            raise InputError(t("relationships.err_account_name", value=short_repr(account)))
        name = account.strip()
        if name in seen:
            raise InputError(t("relationships.err_account_twice", account=name))
        seen.add(name)
        cat = _category(category, name)
        st = stage(current, item=name)
        fit = table[cat]
        gap = stage_gap(cat, st.id, item=name)
        verdict = "under-investing" if gap < 0 else "over-investing" if gap > 0 else "within fit"
        selective = gap == 0 and st.id in fit.selective
        key = {"under-investing": "verdict_under", "over-investing": "verdict_over",
               "within fit": "verdict_selective" if selective else "verdict_fit"}[verdict]
        text = t(f"relationships.{key}", account=name, stage=st.name, category=cat,
                 low=_STAGE_BY_ID[fit.low].name, high=_STAGE_BY_ID[fit.high].name, n=abs(gap),
                 stages=t("relationships.stage_word" if abs(gap) == 1 else "relationships.stages_word"))
        records.append({"account": name, "category": cat, "stage": st.id, "fit_low": fit.low,
                        "fit_high": fit.high, "gap": gap, "verdict": verdict, "selective": selective,
                        "verdict_text": text})
    columns = ["account", "category", "stage", "fit_low", "fit_high", "gap", "verdict", "selective", "verdict_text"]
    return pd.DataFrame(records, columns=columns)


# ------------------------------------------------------ six-stage models, ARA


def stage_model_mapping() -> Any:
    """Approximate mapping from the course's four stages to the two six-stage models.

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

    Returns
    -------
    pandas.DataFrame
        Columns ``course_stage`` (a stage id, or missing (NA) where the course has no
        equivalent: before business starts, and the break-up), ``mmr`` (McDonald,
        Millman & Rogers: exploratory, basic, co-operative, interdependent, integrated,
        disintegrating KAM), ``millman_wilson`` (Millman & Wilson: pre-, early-, mid-,
        partnership-, synergistic-, uncoupling-KAM) and ``note``. ``frame.attrs``
        holds ``approximate`` (True), ``note`` and ``credit``: the mapping is a reading
        aid, not an equivalence.
    """
    import pandas as pd

    data = _data()["six_stage_models"]
    frame = pd.DataFrame(
        [{"course_stage": r["course_stage"], "mmr": r["mmr"], "millman_wilson": r["millman_wilson"],
          "note": r["note"]} for r in data["rows"]],
        columns=["course_stage", "mmr", "millman_wilson", "note"],
    )
    frame.attrs.update(approximate=bool(data["approximate"]), note=" ".join(str(data["note"]).split()),
                       credit=" ".join(str(data["credit"]).split()))
    return frame


def stage_model_table() -> Any:
    """The six-stage mapping as a table to read: headings in words, a word where the course
    has no equivalent stage (never a missing value).

    Lesson: ``notebooks/05_relationship_stages.ipynb``. Same rows as
    :func:`stage_model_mapping`; ``frame.attrs`` carries its ``note`` and ``credit``.
    """
    frame = stage_model_mapping()
    course = [_STAGE_BY_ID[str(v)].name if isinstance(v, str) and v in _STAGE_BY_ID
              else t("relationships.no_course_stage") for v in frame["course_stage"]]
    table = frame.assign(course_stage=course).rename(columns={
        "course_stage": t("relationships.col_course_stage"), "mmr": t("relationships.col_mmr"),
        "millman_wilson": t("relationships.col_millman_wilson"), "note": t("relationships.col_note")})
    table.attrs.update(frame.attrs)
    return table


@dataclass(frozen=True)
class AraLayer:
    """One layer of a multi-layered relationship (ARA model)."""

    id: str
    name: str
    text: str


def ara_layers() -> tuple[AraLayer, ...]:
    """The three layers of the ARA model (Håkansson & Snehota; Gadde & Snehota):
    activity links, resource ties, actor bonds. Credit in ``load("relationships")["ara"]["credit"]``."""
    return tuple(AraLayer(str(r["id"]), str(r["name"]), " ".join(str(r["text"]).split()))
                 for r in _data()["ara"]["layers"])


# ------------------------------------------------------------ contact structure


@dataclass(frozen=True)
class Contact:
    """A working contact between a supplier function and a customer function.

    Raises :class:`InputError` (naming the contact) if either side is not a non-empty string.
    """

    supplier: str
    customer: str

    def __post_init__(self) -> None:
        for side in (self.supplier, self.customer):
            if not isinstance(side, str) or not side.strip():
                raise InputError(t("relationships.err_contact_side", contact=short_repr((self.supplier, self.customer)),
                                   value=short_repr(side)))
        object.__setattr__(self, "supplier", " ".join(self.supplier.split()))
        object.__setattr__(self, "customer", " ".join(self.customer.split()))


def contacts(items: Any) -> tuple[Contact, ...]:
    """Validate a list of contacts (supplier function, customer function).

    Parameters
    ----------
    items:
        A non-empty iterable of :class:`Contact` or 2-item pairs such as
        ``[("Key account manager", "Buyer"), ("Logistics", "Warehouse manager")]``.

    Raises
    ------
    InputError
        Empty list, an item that is not a pair, an empty or non-string name, or the
        same contact twice (case and spaces ignored); the message names the contact.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InputError(t("relationships.err_contacts_type", value=short_repr(items)))
    out: list[Contact] = []
    seen: dict[tuple[str, str], Contact] = {}
    for n, item in enumerate(items, start=1):
        if isinstance(item, Contact):
            contact = item
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            contact = Contact(item[0], item[1])
        else:
            raise InputError(t("relationships.err_contact_pair", n=n, value=short_repr(item)))
        key = (contact.supplier.lower(), contact.customer.lower())
        if key in seen:
            first = seen[key]
            raise InputError(t("relationships.err_contact_twice", supplier=contact.supplier,
                               customer=contact.customer, first_supplier=first.supplier,
                               first_customer=first.customer, n=n))
        seen[key] = contact
        out.append(contact)
    if not out:
        raise InputError(t("relationships.err_contacts_empty"))
    return tuple(out)


@dataclass(frozen=True)
class ContactStructure:
    """A classified contact structure.

    ``kind`` is ``"bow-tie"`` (one supplier function and one customer function carry
    every link), ``"diamond"`` (at least ``diamond_min_links`` parallel
    function-to-function links, i.e. links sharing no function) or ``"mixed"``
    (anything in between, e.g. one person fanning out to several counterparts).
    ``parallel_links`` is the largest number of links that share no function.
    """

    contacts: tuple[Contact, ...]
    kind: str
    supplier_functions: tuple[str, ...]
    customer_functions: tuple[str, ...]
    parallel_links: int


def _max_matching(links: tuple[Contact, ...]) -> int:
    """Largest set of links sharing no function (bipartite matching, augmenting paths)."""
    adjacency: dict[str, list[str]] = {}
    for c in links:
        adjacency.setdefault(c.supplier.lower(), []).append(c.customer.lower())
    matched: dict[str, str] = {}

    def augment(node: str, visited: set[str]) -> bool:
        for other in adjacency[node]:
            if other in visited:
                continue
            visited.add(other)
            if other not in matched or augment(matched[other], visited):
                matched[other] = node
                return True
        return False

    return sum(augment(node, set()) for node in adjacency)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def contact_structure(items: Any) -> ContactStructure:
    """Classify who talks to whom as bow-tie, diamond or mixed.

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

    Parameters
    ----------
    items:
        Contacts accepted by :func:`contacts`.

    Returns
    -------
    ContactStructure
        Bow-tie when a single pair of functions carries every link (typical of a basic
        relationship); diamond when several functions talk to their counterparts (at
        least ``diamond_min_links``, default 3, links sharing no function -- typical of
        interdependent relationships); mixed otherwise.

    Raises
    ------
    InputError
        As :func:`contacts`.
    """
    links = contacts(items)
    suppliers = _unique(c.supplier for c in links)
    customers = _unique(c.customer for c in links)
    parallel = _max_matching(links)
    if len(suppliers) == 1 and len(customers) == 1:
        kind = "bow-tie"
    elif parallel >= int(_data().get("diamond_min_links", 3)):
        kind = "diamond"
    else:
        kind = "mixed"
    return ContactStructure(links, kind, suppliers, customers, parallel)


# ------------------------------------------------------------------- case data

_CASE_CONTENT = "case/relationships"
_EVIDENCE_KEYS = ("contacts", "share_of_spend", "information", "planning", "exit", "trust")


@dataclass(frozen=True)
class Case:
    """A fictional relationship to diagnose.

    ``evidence`` maps trait ids (contacts, share_of_spend, information, planning, exit,
    trust) to what the learner reads; ``stage`` is the correct stage id; ``ruled_out``
    maps each *other* stage id to the trait that rules it out (feedback for a wrong
    diagnosis, see :meth:`why_not`).
    """

    id: str
    customer: str
    summary: str
    evidence: dict[str, str]
    stage: str
    ruled_out: dict[str, str]

    def why_not(self, guess: str) -> str | None:
        """Why ``guess`` is the wrong stage for this case, or ``None`` if it is right.

        Raises
        ------
        InputError
            If ``guess`` is not a stage (the message names the case and the value).
        """
        chosen = stage(guess, item=self.customer).id
        return None if chosen == self.stage else self.ruled_out[chosen]


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def cases() -> tuple[Case, ...]:
    """Vellmar's relationships to diagnose (``content/case/relationships.yaml``), validated.

    Raises
    ------
    ContentError
        If a case lacks evidence for a trait, has an unknown stage, or does not explain
        why each other stage is ruled out; the message names the case and the key.
    """
    out = []
    for row in load(_CASE_CONTENT)["cases"]:
        name = row.get("id", "?")
        evidence = row.get("evidence") or {}
        missing = [k for k in _EVIDENCE_KEYS if not str(evidence.get(k) or "").strip()]
        if missing:
            raise ContentError(t("relationships.err_case_evidence", case=name, missing=", ".join(missing)))
        if row.get("stage") not in STAGE_IDS:
            raise ContentError(t("relationships.err_case_stage", case=name, value=short_repr(row.get("stage"))))
        ruled_out = row.get("ruled_out") or {}
        expected = {s for s in STAGE_IDS if s != row["stage"]}
        if set(ruled_out) != expected or not all(str(v or "").strip() for v in ruled_out.values()):
            raise ContentError(t("relationships.err_case_ruled_out", case=name,
                                 expected=", ".join(sorted(expected)), value=", ".join(map(str, ruled_out))))
        out.append(Case(id=str(name), customer=_text(row["customer"]), summary=_text(row["summary"]),
                        evidence={k: _text(evidence[k]) for k in _EVIDENCE_KEYS}, stage=str(row["stage"]),
                        ruled_out={s: _text(ruled_out[s]) for s in STAGE_IDS if s in ruled_out}))
    return tuple(out)


def case_portfolio() -> Any:
    """Vellmar's accounts for the "invest more, hold or invest less" exercise.

    Returns
    -------
    pandas.DataFrame
        Columns ``account``, ``category``, ``stage``, ``note``; ready for
        :func:`portfolio_fit`.
    """
    import pandas as pd

    rows = load(_CASE_CONTENT)["portfolio"]
    return pd.DataFrame([{"account": r["account"], "category": r["category"], "stage": r["stage"],
                          "note": _text(r.get("note", ""))} for r in rows],
                        columns=["account", "category", "stage", "note"])


@dataclass(frozen=True)
class CaseDecision:
    """What the case supports for one account of the portfolio exercise.

    ``decision`` is the case's answer; ``also`` maps other defensible decisions to the
    reason the feedback gives; ``why_not`` maps some indefensible decisions to a pointed
    reason (the others are explained from the fit range).
    """

    account: str
    decision: str
    also: dict[str, str]
    why_not: dict[str, str]

    @property
    def accepted(self) -> tuple[str, ...]:
        """The case's decision first, then the other defensible ones."""
        return (self.decision, *self.also)


def case_decisions() -> dict[str, CaseDecision]:
    """The decisions the case supports for each account of :func:`case_portfolio`, by account.

    Raises
    ------
    ContentError
        If a decision is unknown, or one the account's category and stage do not allow
        (see :func:`defensible_decisions`), or if the fit range allows a decision that the
        case neither accepts nor explains in ``why_not``; the message names the account.
    """
    out: dict[str, CaseDecision] = {}
    for row in load(_CASE_CONTENT)["portfolio"]:
        account = _text(row["account"])
        allowed = defensible_decisions(str(row["category"]), str(row["stage"]), item=account)
        decision = str(row.get("decision", ""))
        also = {str(k): _text(v) for k, v in (row.get("also") or {}).items()}
        why_not = {str(k): _text(v) for k, v in (row.get("why_not") or {}).items()}
        for value in (decision, *also):
            if value not in allowed:
                raise ContentError(t("relationships.err_case_decision", account=account, value=repr(value),
                                     allowed=", ".join(allowed)))
        if set(why_not) & {decision, *also} or not set(why_not) <= set(DECISIONS):
            raise ContentError(t("relationships.err_case_why_not", account=account, value=", ".join(why_not)))
        unexplained = [d for d in allowed if d not in (decision, *also, *why_not)]
        if unexplained:
            raise ContentError(t("relationships.err_case_unexplained", account=account, value=", ".join(unexplained)))
        out[account] = CaseDecision(account, decision, also, why_not)
    return out


# ------------------------------------------------------------- lesson helpers


def stages_table() -> Any:
    """The four stages and their traits as a table (traits as rows, stages as columns).

    Lesson: ``notebooks/05_relationship_stages.ipynb``.

    Returns
    -------
    pandas.DataFrame
        Index: the trait headings (``strings/relationships.en.yaml``, ``trait_*``) preceded
        by the summary and the source; columns: the stage names, basic to integrated.
    """
    import pandas as pd

    rows: dict[str, list[str]] = {t("relationships.trait_summary"): [s.summary for s in STAGES],
                                  t("relationships.trait_source"): [s.source for s in STAGES]}
    for trait in _data()["traits"]:
        rows[t(f"relationships.trait_{trait}")] = [getattr(s, trait) for s in STAGES]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=[s.name for s in STAGES])
    frame.index.name = t("relationships.trait_heading")
    return frame


def case(case_id: str) -> Case:
    """The case ``case_id`` (e.g. ``"quintara"``, or the customer's name).

    Raises
    ------
    InputError
        If no case has that id or customer name; the message lists the known ids.
    """
    for item in cases():
        if isinstance(case_id, str) and _key(case_id) in (_key(item.id), _key(item.customer)):
            return item
    raise InputError(t("relationships.err_case_unknown", value=short_repr(case_id),
                       allowed=", ".join(c.id for c in cases())))


_SEPARATORS = ("->", "\u2192", "\u2014", "\u2013", " - ", "\t", ";", ",")


def parse_contact_lines(text: Any) -> tuple[Contact, ...]:
    """Read contacts written one per line as ``Supplier function - Customer function``.

    Lesson: ``notebooks/05_relationship_stages.ipynb`` (the contact-structure editor).

    Parameters
    ----------
    text:
        Lines such as ``"Key account manager - Head of purchasing"``. The two sides are
        separated by `` - `` (a hyphen with spaces), ``->``, an en or em dash, a tab, ``;``
        or ``,``. Blank lines and lines starting with ``#`` are skipped. A hyphen
        without spaces belongs to the name (``"Co-development team"``).

    Returns
    -------
    tuple[Contact, ...]
        The contacts, in the order written, validated by :func:`contacts`.

    Raises
    ------
    InputError
        Text that is not a string, no contact at all, a line without a separator or with
        an empty side, or a contact written twice; the message names the line number and
        quotes the line.
    """
    if not isinstance(text, str):
        raise InputError(t("relationships.err_contact_text", value=type(text).__name__))
    pairs: list[tuple[str, str]] = []
    first_line: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for sep in _SEPARATORS:
            if sep in raw:
                supplier, _, customer = raw.partition(sep)
                break
        else:
            raise InputError(t("relationships.err_contact_line_separator", line=number, text=line))
        supplier, customer = " ".join(supplier.split()), " ".join(customer.split())
        if not supplier or not customer:
            raise InputError(t("relationships.err_contact_line_side", line=number, text=line,
                               side=t("relationships.supplier_side" if not supplier else "relationships.customer_side").lower()))
        if "->" in customer or "\u2192" in customer or " - " in f" {customer} ":
            raise InputError(t("relationships.err_contact_line_many", line=number, text=line))
        key = (supplier.lower(), customer.lower())
        if key in first_line:
            raise InputError(t("relationships.err_contact_line_twice", line=number, text=line,
                               first=first_line[key]))
        first_line[key] = number
        pairs.append((supplier, customer))
    if not pairs:
        raise InputError(t("relationships.err_contacts_empty"))
    return contacts(pairs)
