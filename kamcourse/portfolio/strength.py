"""Relative strength: our score on the customer's critical success factors (CSFs) against the
best competitor's.

Taught in notebooks/04_portfolio_matrix.ipynb.

* :func:`relative_strength` -- at one account: our CSF score / the best competitor's (1.0 =
  parity); :func:`relative_strengths` -- at many accounts at once;
* :func:`compare_suppliers` -- every supplier's score and the best competitor
  (:class:`SupplierComparison`, with the strength in words);
* :func:`csf_table` -- weights, ratings and scores in one table.

The CSF weights are the customer's (summing to 100), the ratings 0-10 as the customer rates each
supplier; the scoring is the weighted sum of :mod:`kamcourse.selection`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..content import t
from ..errors import InputError
from ..selection.scoring import WeightsLike, check_label_column, ratings_matrix, validate_ratings, validate_weights
from ..values import short_repr

__all__ = ["relative_strength", "relative_strengths", "SupplierComparison", "compare_suppliers", "csf_table"]


def _find_supplier(index: pd.Index, us: str) -> int:
    if isinstance(us, str):
        matches = np.flatnonzero(pd.Index(index.str.strip()) == us.strip())
        if matches.size:
            return int(matches[0])
    raise InputError(t("portfolio.us_missing", us=us, found=", ".join(map(str, index))))


def relative_strength(weights: WeightsLike, ratings: pd.DataFrame, us: str) -> float:
    """Our relative strength at one account: our CSF score / the best competitor's score.

    1.0 means parity; above 1 we are stronger than every competitor in the customer's eyes.

    Parameters
    ----------
    weights:
        The customer's critical success factors (CSFs) -> weight, summing to 100, as the
        customer would weight them.
    ratings:
        One row per supplier (index = supplier name, ``us`` plus at least one
        competitor), one column per CSF, ratings 0-10.
    us:
        Our company's name as it appears in the index.

    Raises
    ------
    InputError
        Invalid weights or ratings (see :func:`weighted_scores`), ``us`` not among the
        suppliers, no competitor, or every competitor scoring 0.
    """
    w = validate_weights(weights)
    arr, aligned, _ = ratings_matrix(w, ratings, "supplier")
    pos = _find_supplier(ratings.index, us)
    if len(ratings.index) < 2:
        raise InputError(t("portfolio.no_competitor", us=us))
    scores = arr @ aligned
    others = np.delete(scores, pos)
    best = float(others.max())
    if best <= 0.0:
        names = [str(n) for i, n in enumerate(ratings.index) if i != pos]
        raise InputError(t("portfolio.best_competitor_zero", competitors=", ".join(names)))
    return float(scores[pos]) / best


def relative_strengths(
    weights: WeightsLike | pd.DataFrame,
    ratings: pd.DataFrame,
    us: str,
    *,
    account: str = "account",
    supplier: str = "supplier",
) -> pd.Series:
    """Relative strength at many accounts at once.

    Parameters
    ----------
    weights:
        Either one CSF weighting for every account (mapping CSF -> weight) or a
        DataFrame with one row per account (index = account) and one column per CSF,
        each row summing to 100 (e.g. the weights of the account's segment).
    ratings:
        Long table with columns ``account``, ``supplier`` and one column per CSF.
    us:
        Our company's name in the ``supplier`` column.

    Returns a Series indexed by account (in order of first appearance) named
    ``"strength"``. Raises :class:`InputError` as :func:`relative_strength` does, with
    the account named in the message.
    """
    if not isinstance(ratings, pd.DataFrame):
        raise InputError(t("selection.ratings_type", what="supplier", type=type(ratings).__name__))
    for column in (account, supplier):
        if not isinstance(column, str) or column not in ratings.columns:
            raise InputError(
                t(
                    "portfolio.strength_column_missing",
                    column=column,
                    needed=f"{short_repr(account)}, {short_repr(supplier)}",
                )
            )
    check_label_column(ratings, account, "account")
    check_label_column(ratings, supplier, "supplier")
    result: dict[Any, float] = {}
    for name, group in ratings.groupby(account, sort=False):
        table = group.drop(columns=[account]).set_index(supplier)
        if isinstance(weights, pd.DataFrame):
            if name not in weights.index:
                raise InputError(
                    t("portfolio.strength_weights_account", account=name, found=", ".join(map(str, weights.index)))
                )
            row: Any = weights.loc[name]
        else:
            row = weights
        try:
            result[name] = relative_strength(row, table, us)
        except InputError as exc:
            raise InputError(t("portfolio.in_account", account=name, message=str(exc))) from None
    return pd.Series(result, name="strength", dtype=float).rename_axis(account)


@dataclass(frozen=True)
class SupplierComparison:
    """Our weighted CSF score against each named competitor at one account.

    Built by :func:`compare_suppliers`.
    ``scores`` holds every supplier's score (0-1000), ``best`` is the best competitor,
    ``strength`` our score divided by the best competitor's.
    """

    scores: pd.Series
    us: str
    best: str
    strength: float

    @property
    def readout(self) -> str:
        """The strength in words: "0.87: the best competitor, Ostrand Containers, is ahead."."""
        if abs(self.strength - 1.0) < 0.005:
            key = "portfolio.readout_parity"
        elif self.strength < 1.0:
            key = "portfolio.readout_behind"
        else:
            key = "portfolio.readout_ahead"
        return t(key, strength=self.strength, best=self.best)

    def table(self) -> pd.DataFrame:
        """One row per supplier (index ``supplier``) with its ``score``, best first."""
        frame = self.scores.sort_values(ascending=False, kind="stable").to_frame("score")
        frame.index.name = "supplier"
        return frame

    def __str__(self) -> str:
        return self.readout

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.readout)


def compare_suppliers(weights: Mapping[str, float] | pd.Series, ratings: pd.DataFrame, us: str) -> SupplierComparison:
    """Score us and every competitor on the customer's CSFs; name the best competitor.

    Same inputs and errors as :func:`relative_strength` (weights summing to 100 as the
    customer would set them, one row of 0-10 ratings per supplier).
    """
    strength = relative_strength(weights, ratings, us)  # validates everything
    w = validate_weights(weights)
    table = ratings.copy()
    table.columns = [str(c).strip() for c in table.columns]
    table.index = [str(i).strip() for i in table.index]
    scores = (table[list(w.index)].astype(float) @ w).rename("score")
    me = us.strip()
    others = scores.drop(me)
    best = str(others.idxmax())
    return SupplierComparison(scores=scores, us=me, best=best, strength=strength)


def csf_table(weights: Mapping[str, float] | pd.Series, ratings: pd.DataFrame, *, scores: bool = True) -> pd.DataFrame:
    """The customer's CSFs in one table: one row per CSF (index ``criterion``) with its
    ``weight``, then one column of ratings per supplier and, with ``scores`` (the default; an
    exercise turns it off), a last row ``score`` with each supplier's score (sum of weight x
    rating). A column of whole numbers holds integers. Same inputs and errors as
    :func:`compare_suppliers`; there is no missing value."""
    if not isinstance(scores, bool):
        raise InputError(t("portfolio.flag_not_bool", name="scores", value=repr(scores)))
    validate_ratings(weights, ratings, what="supplier")
    w = validate_weights(weights)
    table = ratings.copy()
    table.columns = [str(c).strip() for c in table.columns]
    table.index = [str(i).strip() for i in table.index]
    body = table[list(w.index)].astype(float).T
    frame = pd.concat([w.rename("weight"), body], axis=1)
    if scores:
        totals = pd.DataFrame(
            [[w.sum(), *body.mul(w, axis=0).sum().to_numpy()]], columns=frame.columns, index=["score"]
        )
        frame = pd.concat([frame, totals])
    frame.index.name = "criterion"
    whole = [c for c in frame.columns if bool((frame[c] % 1 == 0).all())]
    return frame.astype(dict.fromkeys(whole, int))
