"""Which relationship stage fits which portfolio category, and a gap view of a portfolio.

Taught in notebooks/05_relationship_stages.ipynb.

Integrated relationships are rare and costly: the aim is the stage that fits the account's
portfolio category (lesson 04), not integration everywhere. :func:`fit_table` gives the
course's recommended range for each category (content ``relationships.yaml``, ``fit``),
:func:`portfolio_fit` says for each account whether its stage today is below the range
(under-investing), within it or above it (over-investing), and :func:`defensible_decisions`
which of "invest more", "hold" and "invest less" a category's range allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content import t
from ..errors import InputError
from ..inputs import norm
from ..portfolio import CATEGORIES
from ..values import short_repr
from .stages import data, label_key, stage, stage_ids, stage_name

__all__ = [
    "CATEGORIES",
    "CategoryFit",
    "fit_table",
    "category_name",
    "fit_for_category",
    "stage_gap",
    "portfolio_fit",
    "DECISIONS",
    "defensible_decisions",
    "VERDICTS",
]

#: The three decisions of the "invest more, hold or invest less" exercise.
DECISIONS: tuple[str, ...] = ("invest more", "hold", "invest less")

#: The verdicts of :func:`portfolio_fit`, from below the range to above it.
VERDICTS: tuple[str, ...] = ("under-investing", "within fit", "over-investing")


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
        ids = stage_ids()
        lo, hi = ids.index(self.low), ids.index(self.high)
        return ids[lo : hi + 1]

    @property
    def selective(self) -> tuple[str, ...]:
        """Stages within the range that need a specific reason (outside ``core``)."""
        return tuple(s for s in self.stages if s not in self.core)


def fit_table() -> dict[str, CategoryFit]:
    """The course's recommended stage range for each category, keyed by category name."""
    out: dict[str, CategoryFit] = {}
    for row in data()["fit"]:
        out[str(row["category"])] = CategoryFit(
            category=str(row["category"]),
            strategy=str(row["strategy"]),
            low=str(row["from"]),
            high=str(row["to"]),
            core=tuple(str(c) for c in row["core"]),
            reasoning=" ".join(str(row["reasoning"]).split()),
        )
    return out


def category_name(value: Any, item: str | None = None) -> str:
    """The portfolio category named ``value`` (case, spaces and hyphens ignored), as lesson 04 spells it.

    Raises :class:`InputError` naming ``item`` (e.g. the account), the value and the four categories.
    """
    if isinstance(value, str):
        for name in CATEGORIES:
            if label_key(value) == label_key(name):
                return name
    raise InputError(
        t(
            "relationships.err_category",
            item=item or t("relationships.item_category"),
            value=short_repr(value),
            allowed=", ".join(CATEGORIES),
        )
    )


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
    return fit_table()[category_name(category)]


def stage_gap(category: str, current: str, *, item: str | None = None) -> int:
    """Gap in stages between ``current`` and the category's fit range.

    Negative = below the range (under-investing), positive = above it
    (over-investing), 0 = within the range.

    Raises
    ------
    InputError
        If the category or the stage is not valid; ``item`` (e.g. the account) is named.
    """
    fit = fit_table()[category_name(category, item)]
    order = stage(current, item=item).order
    ids = stage_ids()
    lo, hi = ids.index(fit.low), ids.index(fit.high)
    if order < lo:
        return order - lo
    if order > hi:
        return order - hi
    return 0


def defensible_decisions(category: str, current: str, *, item: str | None = None) -> tuple[str, ...]:
    """The decisions a category's fit range allows for a relationship at stage ``current``.

    Below the range only "invest more"; above it only "invest less". Within the range
    "hold" always, "invest more" when the next stage up is one the category aims at
    (its ``core``), and "invest less" when the next stage down is still within the range.
    Which of them a case supports is the case's evidence to decide
    (:func:`~kamcourse.relationships.case_study.case_decisions`).

    Raises
    ------
    InputError
        Unknown category or stage; ``item`` (e.g. the account) is named.
    """
    fit = fit_table()[category_name(category, item)]
    order = stage(current, item=item).order
    ids = stage_ids()
    gap = stage_gap(fit.category, ids[order], item=item)
    if gap < 0:
        return ("invest more",)
    if gap > 0:
        return ("invest less",)
    out = ["hold"]
    if order + 1 < len(ids) and ids[order + 1] in fit.core:
        out.insert(0, "invest more")
    if order > 0 and ids[order - 1] in fit.stages:
        out.append("invest less")
    return tuple(out)


def _rows(portfolio: Any) -> list[tuple[Any, Any, Any]]:
    """(account, category, stage) triples from a DataFrame or a mapping."""
    import pandas as pd

    if isinstance(portfolio, pd.DataFrame):
        cols = {norm(c): c for c in portfolio.columns}
        for needed in ("category", "stage"):
            if needed not in cols:
                raise InputError(
                    t("relationships.err_missing_column", column=needed, columns=", ".join(map(str, portfolio.columns)))
                )
        accounts = portfolio[cols["account"]] if "account" in cols else portfolio.index
        columns = zip(accounts, portfolio[cols["category"]], portfolio[cols["stage"]], strict=True)
        return [(a, c, s) for a, c, s in columns]
    if isinstance(portfolio, Mapping):
        rows: list[tuple[Any, Any, Any]] = []
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
        over-investing, 0 = within fit), ``verdict`` (one of :data:`VERDICTS`),
        ``selective`` (within the range but only acceptable with a reason, e.g.
        integrated for a Strategic account) and ``verdict_text`` (a sentence for the
        learner). Column names and verdicts are stable ids, never translated.

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
    for account, category_value, current in _rows(portfolio):
        if not isinstance(account, str) or not account.strip():
            raise InputError(t("relationships.err_account_name", value=short_repr(account)))
        name = account.strip()
        if name in seen:
            raise InputError(t("relationships.err_account_twice", account=name))
        seen.add(name)
        cat = category_name(category_value, name)
        st = stage(current, item=name)
        fit = table[cat]
        gap = stage_gap(cat, st.id, item=name)
        verdict = VERDICTS[0] if gap < 0 else VERDICTS[2] if gap > 0 else VERDICTS[1]
        selective = gap == 0 and st.id in fit.selective
        key = {
            VERDICTS[0]: "verdict_under",
            VERDICTS[2]: "verdict_over",
            VERDICTS[1]: "verdict_selective" if selective else "verdict_fit",
        }[verdict]
        text = t(
            f"relationships.{key}",
            account=name,
            stage=st.name,
            category=cat,
            low=stage_name(fit.low),
            high=stage_name(fit.high),
            n=abs(gap),
            stages=t("relationships.stage_word" if abs(gap) == 1 else "relationships.stages_word"),
        )
        records.append(
            {
                "account": name,
                "category": cat,
                "stage": st.id,
                "fit_low": fit.low,
                "fit_high": fit.high,
                "gap": gap,
                "verdict": verdict,
                "selective": selective,
                "verdict_text": text,
            }
        )
    columns = ["account", "category", "stage", "fit_low", "fit_high", "gap", "verdict", "selective", "verdict_text"]
    return pd.DataFrame(records, columns=columns)
