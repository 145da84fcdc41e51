"""The key account portfolio matrix: four categories, their strategies, a portfolio
summary and the allocation of key account managers' time.

Taught in ``notebooks/04_portfolio_matrix.ipynb``. Conventions of the course brief:

* vertical axis key account attractiveness (0-1000), horizontal axis our relative
  strength (1.0 = parity with the best competitor);
* default cuts: attractiveness 500, relative strength 1.0; a value exactly on a cut
  counts as **high**; the lesson also discusses cutting at the portfolio medians;
* categories are defined by their pair (attractiveness, strength), never by a position
  on a picture:

  ==========  ==============  =================  ======================
  Category    Attractiveness  Relative strength  Strategy
  ==========  ==============  =================  ======================
  Strategic   high            high               strategic investment
  Star        high            low                selective investment
  Status      low             high               pro-active maintenance
  Streamline  low             low                manage for cash
  ==========  ==============  =================  ======================

Category identifiers are the English names above; the text shown to a learner (a
translated category name, the strategy) comes from ``strings/portfolio.<lang>.yaml`` via
:func:`category_label` and :data:`STRATEGIES`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np
import pandas as pd

from ._differences import describe_difference
from ._values import floats, short_repr, to_float
from .content import t
from .errors import InputError

__all__ = [
    "CATEGORIES",
    "STRATEGIES",
    "DEFAULT_ATTRACTIVENESS_CUT",
    "DEFAULT_STRENGTH_CUT",
    "category_label",
    "classify",
    "median_cuts",
    "summary",
    "allocate_days",
    "SupplierComparison",
    "compare_suppliers",
    "case_csf",
    "case_csf_weights",
    "csf_table",
    "category_changes",
    "allocation_table",
]

CATEGORIES: tuple[str, ...] = ("Strategic", "Star", "Status", "Streamline")
DEFAULT_ATTRACTIVENESS_CUT = 500.0
DEFAULT_STRENGTH_CUT = 1.0
CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=True)
#: Largest budget of days (and number of accounts) :func:`allocate_days` accepts.
MAX_DAYS = 1_000_000_000


class _Strategies(Mapping[str, str]):
    """Category -> strategy text, read from the strings file at each access (so the
    language can change while the kernel runs)."""

    def __getitem__(self, category: str) -> str:
        if category not in CATEGORIES:
            raise KeyError(category)
        return t(f"portfolio.strategy_{category}")

    def __iter__(self) -> Iterator[str]:
        return iter(CATEGORIES)

    def __len__(self) -> int:
        return len(CATEGORIES)

    def __repr__(self) -> str:
        return repr(dict(self))


STRATEGIES: Mapping[str, str] = _Strategies()
"""Strategy of each category: strategic investment, selective investment, pro-active
maintenance, manage for cash."""


def category_label(category: str) -> str:
    """The learner-facing name of ``category`` in the current language."""
    if not isinstance(category, str) or category not in CATEGORIES:
        raise InputError(
            t("portfolio.alloc_category", category=category, allowed=", ".join(CATEGORIES))
        )
    return t(f"portfolio.category_{category}")


# --------------------------------------------------------------------------- checks
def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _check_cut(value: Any, quantity: str) -> float:
    allowed = t(f"portfolio.allowed_{quantity}_cut")
    label = t(f"portfolio.quantity_{quantity}").lower()
    v = to_float(value)
    if v is None or not math.isfinite(v):
        raise InputError(t("portfolio.cut_bad", quantity=label, value=value, allowed=allowed))
    if quantity == "attractiveness" and not (0.0 <= v <= 1000.0):
        raise InputError(t("portfolio.cut_bad", quantity=label, value=value, allowed=allowed))
    if quantity == "strength" and not v > 0.0:
        raise InputError(t("portfolio.cut_bad", quantity=label, value=value, allowed=allowed))
    return v


def _check_scalar(value: Any, quantity: str, account: Any = "-") -> float:
    label = t(f"portfolio.quantity_{quantity}")
    v = to_float(value)
    if v is None:
        raise InputError(t("portfolio.value_not_number", quantity=label, account=account, value=value))
    if not math.isfinite(v):
        raise InputError(t("portfolio.value_not_finite", quantity=label, account=account, value=short_repr(value)))
    high = 1000.0 if quantity == "attractiveness" else math.inf
    if not (0.0 <= v <= high):
        raise InputError(
            t("portfolio.value_range", quantity=label, account=account, value=f"{v:g}",
              allowed=t(f"portfolio.allowed_{quantity}"))
        )
    return v + 0.0


def _check_series(values: Any, quantity: str) -> np.ndarray:
    label = t(f"portfolio.quantity_{quantity}")
    if not isinstance(values, pd.Series):
        raise InputError(t("portfolio.series_type", quantity=label, type=type(values).__name__))
    if values.index.dtype == object:
        for row, name in enumerate(values.index, start=1):
            if not isinstance(name, Hashable):  # a list as a name: pandas cannot look it up
                raise InputError(t("portfolio.account_name", quantity=label, name=name, row=row))
    kind = values.dtype.kind if isinstance(values.dtype, np.dtype) else "O"
    if kind not in "fiu":  # one value at a time: text is named, 10**400 becomes inf (never OverflowError)
        arr, bad = floats(values)
        if bad is not None:
            raise InputError(t("portfolio.value_not_number", quantity=label, account=values.index[bad],
                               value=values.iloc[bad]))
    else:
        arr = values.to_numpy(dtype=float, copy=False)
    high = 1000.0 if quantity == "attractiveness" else math.inf
    if arr.size:
        low, top = arr.min(), arr.max()
        if not (low >= 0.0 and top <= high):
            with np.errstate(invalid="ignore"):
                pos = int(np.flatnonzero(~((arr >= 0.0) & (arr <= high)))[0])
            v = arr[pos]
            account = values.index[pos]
            if not math.isfinite(v):
                raise InputError(t("portfolio.value_not_finite", quantity=label, account=account,
                                   value=short_repr(values.iloc[pos])))
            raise InputError(
                t("portfolio.value_range", quantity=label, account=account, value=f"{v:g}",
                  allowed=t(f"portfolio.allowed_{quantity}"))
            )
    return arr


def _same_accounts(first: pd.Index, second: pd.Index) -> bool:
    """The same accounts, each once, in any order (labels of mixed types compare safely)."""
    if len(first) != len(second) or not first.is_unique or not second.is_unique:
        return False
    try:
        return set(first) == set(second)
    except TypeError:  # an unhashable label (a list) is never an account name
        return False


def _aligned(attractiveness: pd.Series, strength: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    a = _check_series(attractiveness, "attractiveness")
    s = _check_series(strength, "strength")
    if not attractiveness.index.equals(strength.index):
        if not _same_accounts(attractiveness.index, strength.index):
            raise InputError(
                t("portfolio.index_mismatch", detail=describe_difference(attractiveness.index, strength.index, sides=(t("portfolio.side_attractiveness"), t("portfolio.side_strength"))))
            )
        s = strength.reindex(attractiveness.index).to_numpy(dtype=float)
    return a, s


# --------------------------------------------------------------------------- classify
@overload
def classify(attractiveness: float, strength: float, *, attractiveness_cut: float = ...,
             strength_cut: float = ...) -> str: ...
@overload
def classify(attractiveness: pd.Series, strength: pd.Series, *, attractiveness_cut: float = ...,
             strength_cut: float = ...) -> pd.Series: ...


def classify(
    attractiveness: Any,
    strength: Any,
    *,
    attractiveness_cut: float = DEFAULT_ATTRACTIVENESS_CUT,
    strength_cut: float = DEFAULT_STRENGTH_CUT,
) -> Any:
    """Category of each account in the portfolio matrix.

    Taught in ``notebooks/04_portfolio_matrix.ipynb``.

    Parameters
    ----------
    attractiveness:
        Attractiveness score 0-1000: a number, or a Series indexed by account.
    strength:
        Relative strength (0 or more, 1.0 = parity): a number, or a Series with the
        same accounts (aligned by index; order may differ).
    attractiveness_cut, strength_cut:
        Where "high" starts; a value exactly on a cut is high. Defaults 500 and 1.0.

    Returns
    -------
    str or pandas.Series
        ``"Strategic"`` (high/high), ``"Star"`` (high attractiveness, low strength),
        ``"Status"`` (low/high) or ``"Streamline"`` (low/low). For Series input, an
        ordered categorical Series named ``"category"`` indexed like ``attractiveness``.

    Raises
    ------
    InputError
        A value that is not a number, not finite or out of range (the message names the
        account); Series that do not cover the same accounts; a bad cut.
    """
    a_cut = _check_cut(attractiveness_cut, "attractiveness")
    s_cut = _check_cut(strength_cut, "strength")
    a_series = isinstance(attractiveness, pd.Series)
    s_series = isinstance(strength, pd.Series)
    if a_series != s_series:
        raise InputError(
            t("portfolio.mixed_inputs", a=type(attractiveness).__name__, s=type(strength).__name__)
        )
    if not a_series:
        a = _check_scalar(attractiveness, "attractiveness")
        s = _check_scalar(strength, "strength")
        return CATEGORIES[2 * (a < a_cut) + (s < s_cut)]
    a_arr, s_arr = _aligned(attractiveness, strength)
    codes = 2 * (a_arr < a_cut).astype(np.int8) + (s_arr < s_cut).astype(np.int8)
    cat = pd.Categorical.from_codes(codes, dtype=CATEGORY_DTYPE)
    return pd.Series(cat, index=attractiveness.index, name="category")


def median_cuts(attractiveness: pd.Series, strength: pd.Series) -> tuple[float, float]:
    """The portfolio's median attractiveness and median relative strength.

    An alternative to the default cuts discussed in ``notebooks/04_portfolio_matrix.ipynb``:
    it always splits the portfolio in halves, whatever the absolute level. Raises
    :class:`InputError` for invalid or empty Series.
    """
    a, s = _aligned(attractiveness, strength)
    if a.size == 0:
        raise InputError(t("portfolio.empty_portfolio"))
    s_med = float(np.median(s))
    if s_med <= 0:
        raise InputError(t("portfolio.cut_bad", quantity=t("portfolio.quantity_strength").lower(),
                           value=s_med, allowed=t("portfolio.allowed_strength_cut")))
    return float(np.median(a)), s_med


def summary(
    attractiveness: pd.Series,
    strength: pd.Series,
    spend: pd.Series | None = None,
    *,
    cuts: Literal["default", "median"] = "default",
    attractiveness_cut: float = DEFAULT_ATTRACTIVENESS_CUT,
    strength_cut: float = DEFAULT_STRENGTH_CUT,
) -> pd.DataFrame:
    """Accounts, spend and share of spend per category.

    Parameters
    ----------
    attractiveness, strength:
        Series indexed by account (see :func:`classify`).
    spend:
        Annual revenue with us per account (0 or more); optional.
    cuts:
        ``"default"`` uses ``attractiveness_cut`` and ``strength_cut``; ``"median"``
        cuts at the portfolio medians (:func:`median_cuts`).

    Returns
    -------
    pandas.DataFrame
        One row per category (all four, in :data:`CATEGORIES` order) with columns
        ``accounts``, ``share_of_accounts``, ``spend``, ``share_of_spend`` (0-1) and
        ``strategy``; ``attrs["cuts"]`` holds the cuts used.

    Raises
    ------
    InputError
        Invalid values, mismatched accounts, empty portfolio, unknown ``cuts`` mode.
    """
    if not isinstance(cuts, str) or cuts not in ("default", "median"):
        raise InputError(t("portfolio.cut_mode", value=cuts))
    a, _ = _aligned(attractiveness, strength)
    if a.size == 0:
        raise InputError(t("portfolio.empty_portfolio"))
    if cuts == "median":
        attractiveness_cut, strength_cut = median_cuts(attractiveness, strength)
    categories = classify(attractiveness, strength, attractiveness_cut=attractiveness_cut,
                          strength_cut=strength_cut)
    counts = categories.value_counts().reindex(list(CATEGORIES), fill_value=0)
    table = pd.DataFrame({"accounts": counts.astype(int)})
    table.index = pd.Index(list(CATEGORIES), name="category")
    table["share_of_accounts"] = table["accounts"] / table["accounts"].sum()
    if spend is not None:
        spend_arr = _check_series(spend, "spend")
        if not spend.index.equals(attractiveness.index):
            if not _same_accounts(attractiveness.index, spend.index):
                raise InputError(t("portfolio.spend_mismatch",
                                   detail=describe_difference(attractiveness.index, spend.index, sides=(t("portfolio.side_attractiveness"), t("portfolio.side_spend")))))
            spend_arr = spend.reindex(attractiveness.index).to_numpy(dtype=float)
        per = pd.Series(spend_arr, index=attractiveness.index).groupby(categories, observed=False).sum()
        table["spend"] = per.reindex(list(CATEGORIES), fill_value=0.0).to_numpy()
        total = table["spend"].sum()
        table["share_of_spend"] = table["spend"] / total if total > 0 else 0.0
    table["strategy"] = [STRATEGIES[c] for c in CATEGORIES]
    table.attrs["cuts"] = {"attractiveness": float(attractiveness_cut), "strength": float(strength_cut)}
    return table


def allocate_days(
    total_days: float,
    weights: Mapping[str, float] | pd.Series,
    *,
    accounts: Mapping[str, int] | pd.Series | None = None,
    whole_days: bool = False,
) -> pd.DataFrame:
    """Split a budget of key account managers' days across the four categories.

    Taught in ``notebooks/04_portfolio_matrix.ipynb`` (resource allocation by category).

    Parameters
    ----------
    total_days:
        Days available in the period (finite, 0 or more).
    weights:
        Category -> relative weight (0 or more; need not sum to 100). A category left
        out gets 0.
    accounts:
        Optional category -> number of accounts (e.g. ``summary(...)["accounts"]``):
        adds ``days_per_account`` (NaN where a category is empty).
    whole_days:
        Round to whole days with the largest-remainder method, so the total stays
        exactly ``total_days`` (which must then be a whole number).

    Returns
    -------
    pandas.DataFrame
        Index = :data:`CATEGORIES`; columns ``weight``, ``share``, ``days`` and, with
        ``accounts``, ``accounts`` and ``days_per_account``.

    Raises
    ------
    InputError
        Bad budget; weights not a mapping; unknown category; a weight not a finite
        number >= 0; all weights 0; a bad account count.
    """
    budget = to_float(total_days)
    if budget is None or not math.isfinite(budget) or not 0 <= budget <= MAX_DAYS:
        raise InputError(t("portfolio.days_bad", value=total_days, limit=f"{MAX_DAYS:,.0f}"))
    if not isinstance(whole_days, (bool, np.bool_)):
        raise InputError(t("portfolio.flag_not_bool", name="whole_days", value=whole_days))
    if whole_days and not budget.is_integer():
        raise InputError(t("portfolio.days_bad", value=total_days, limit=f"{MAX_DAYS:,.0f}"))
    if not isinstance(weights, (Mapping, pd.Series)):
        raise InputError(t("portfolio.alloc_type", type=type(weights).__name__))
    w = dict.fromkeys(CATEGORIES, 0.0)
    for category, value in weights.items():
        if not isinstance(category, str) or category not in CATEGORIES:
            raise InputError(t("portfolio.alloc_category", category=category, allowed=", ".join(CATEGORIES)))
        number = to_float(value)
        if number is None or not math.isfinite(number) or number < 0:
            raise InputError(t("portfolio.alloc_weight", category=category, value=value))
        w[category] = number + 0.0
    largest = max(w.values())
    if largest <= 0:
        raise InputError(t("portfolio.alloc_zero"))
    relative = {c: v / largest for c, v in w.items()}  # the sum of four weights of 1e308 must not overflow
    total_w = math.fsum(relative.values())
    table = pd.DataFrame({"weight": pd.Series(w)}, index=pd.Index(list(CATEGORIES), name="category"))
    table["share"] = pd.Series(relative) / total_w
    exact = table["share"].to_numpy() * budget
    if whole_days:
        floor = np.floor(exact)
        remaining = int(round(budget - floor.sum()))
        order = np.argsort(-(exact - floor), kind="stable")
        floor[order[:remaining]] += 1
        table["days"] = floor.astype(int)
    else:
        table["days"] = exact
    if accounts is not None:
        if not isinstance(accounts, (Mapping, pd.Series)):
            raise InputError(t("portfolio.alloc_type", type=type(accounts).__name__))
        counts = dict.fromkeys(CATEGORIES, 0)
        for category, value in accounts.items():
            if not isinstance(category, str) or category not in CATEGORIES:
                raise InputError(t("portfolio.alloc_category", category=category, allowed=", ".join(CATEGORIES)))
            if (not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_))
                    or not 0 <= value <= MAX_DAYS):
                raise InputError(t("portfolio.alloc_counts", category=category, value=value))
            counts[category] = int(value)
        table["accounts"] = pd.Series(counts)
        with np.errstate(divide="ignore", invalid="ignore"):
            table["days_per_account"] = np.where(table["accounts"] > 0,
                                                 table["days"] / table["accounts"].replace(0, 1), np.nan)
    return table


# --------------------------------------------------------------------------- suppliers
@dataclass(frozen=True)
class SupplierComparison:
    """Our weighted CSF score against each named competitor at one account.

    Built by :func:`compare_suppliers` (lesson ``notebooks/04_portfolio_matrix.ipynb``).
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
            key = "port.readout_parity"
        elif self.strength < 1.0:
            key = "port.readout_behind"
        else:
            key = "port.readout_ahead"
        return t(key, strength=self.strength, best=self.best)

    def table(self) -> pd.DataFrame:
        """One row per supplier with its score, best first."""
        frame = self.scores.sort_values(ascending=False, kind="stable").to_frame(t("port.col_score"))
        frame.index.name = t("port.col_supplier")
        return frame

    def __str__(self) -> str:
        return self.readout

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.readout)


def compare_suppliers(weights: Mapping[str, float] | pd.Series, ratings: pd.DataFrame,
                      us: str) -> SupplierComparison:
    """Score us and every competitor on the customer's CSFs; name the best competitor.

    Same inputs and errors as :func:`kamcourse.selection.relative_strength` (weights
    summing to 100 as the customer would set them, one row of 0-10 ratings per supplier).
    """
    from .selection import relative_strength, validate_weights

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


def case_csf(account: str, *, profile: bool = False) -> tuple[pd.Series, pd.DataFrame, str]:
    """The case's CSF weights at ``account``, the suppliers' ratings there and our name.

    The weights are the account's own, verified with the customer, where the case has them
    (Orvale Foods, Quintara Chemicals, Halvorsen Dairies), otherwise the profile of its
    segment; ``profile=True`` gives the segment profile in every case (to compare). Returns
    ``(weights, ratings, us)`` ready for :func:`compare_suppliers`, :func:`csf_table` or
    :func:`kamcourse.selection.relative_strength`. Raises :class:`InputError` for an account
    that is not in the case portfolio, or a ``profile`` that is not True or False.
    """
    from .selection import case_portfolio

    case = case_portfolio()
    if not isinstance(account, str) or account not in case.accounts.index:
        raise InputError(t("port.case_account_unknown", account=account, known=", ".join(case.accounts.index)))
    if not isinstance(profile, bool):
        raise InputError(t("port.flag_not_bool", name="profile", value=repr(profile)))
    table = case.csf_weights if profile else case.account_csf_weights()
    row = str(case.accounts.loc[account, "segment"]) if profile else account
    weights = pd.Series(table.loc[row], dtype=float).rename("weight")
    weights.index.name = "criterion"
    rows = case.csf_ratings[case.csf_ratings["account"] == account]
    ratings = rows.drop(columns=["account"]).set_index("supplier").astype(float)
    ratings = ratings[list(weights.index)]
    return weights, ratings, case.supplier


def case_csf_weights() -> pd.DataFrame:
    """The CSF weights the case uses at each of its accounts, and where they come from.

    One row per account: a column per CSF and a last column saying whether the weights were
    verified with the customer (when, with whom) or are its segment's profile, still to be
    adapted and verified. Shown in ``notebooks/04_portfolio_matrix.ipynb``.
    """
    from .selection import case_portfolio

    case = case_portfolio()
    table = case.account_csf_weights().astype(int)
    table[t("port.col_weights_from")] = [
        t("port.weights_verified", when=case.csf_verified[a]) if a in case.csf_verified
        else t("port.weights_profile", segment=case.accounts.loc[a, "segment"])
        for a in table.index
    ]
    return table


def csf_table(weights: Mapping[str, float] | pd.Series, ratings: pd.DataFrame, *, scores: bool = True) -> pd.DataFrame:
    """The customer's CSFs as a learner reads them: one row per CSF with its weight, then one
    column of ratings per supplier and, with ``scores`` (the default; an exercise turns it off),
    a last row with each supplier's score (sum of weight x rating). Same inputs and errors as
    :func:`compare_suppliers`; there is no missing value."""
    from .selection import validate_ratings, validate_weights

    if not isinstance(scores, bool):
        raise InputError(t("port.flag_not_bool", name="scores", value=repr(scores)))
    validate_ratings(weights, ratings, what="supplier")
    w = validate_weights(weights)
    table = ratings.copy()
    table.columns = [str(c).strip() for c in table.columns]
    table.index = [str(i).strip() for i in table.index]
    body = table[list(w.index)].astype(float).T
    totals = body.mul(w, axis=0).sum()
    frame = pd.concat([w.rename(t("port.col_weight")), body], axis=1)
    if not scores:
        frame.index.name = t("port.csf_factor")
        return frame.map(lambda v: f"{v:g}")
    total = pd.DataFrame([[w.sum(), *totals.to_numpy()]], columns=frame.columns,
                         index=[t("port.row_score")])
    out = pd.concat([frame, total])
    out.index.name = t("port.csf_factor")
    return out.map(lambda v: f"{v:g}")


def category_changes(
    attractiveness: pd.Series,
    strength: pd.Series,
    *,
    before: tuple[float, float] = (DEFAULT_ATTRACTIVENESS_CUT, DEFAULT_STRENGTH_CUT),
    after: tuple[float, float] = (DEFAULT_ATTRACTIVENESS_CUT, DEFAULT_STRENGTH_CUT),
) -> pd.DataFrame:
    """The accounts whose category changes when the cuts move from ``before`` to ``after``
    (each a pair: attractiveness cut, strength cut).

    One row per account that changes, in the order of ``attractiveness``: its attractiveness,
    strength, category before and after. Lesson ``notebooks/04_portfolio_matrix.ipynb`` shows
    it instead of listing the accounts in prose, so text and data cannot drift apart. Raises
    :class:`InputError` as :func:`classify` does, or for cuts that are not pairs.
    """
    pairs = []
    for cuts in (before, after):
        if not isinstance(cuts, tuple) or len(cuts) != 2:
            raise InputError(t("port.cuts_not_pair", value=repr(cuts)))
        pairs.append(cuts)
    first = classify(attractiveness, strength, attractiveness_cut=pairs[0][0], strength_cut=pairs[0][1])
    second = classify(attractiveness, strength, attractiveness_cut=pairs[1][0], strength_cut=pairs[1][1])
    moved = first.astype(str) != second.astype(str)
    out = pd.DataFrame({
        t("port.col_attractiveness"): attractiveness[moved].to_numpy(),
        t("port.col_strength"): strength.reindex(attractiveness.index)[moved].round(2).to_numpy(),
        t("port.col_before"): [category_label(c) for c in first[moved]],
        t("port.col_after"): [category_label(c) for c in second[moved]],
    }, index=attractiveness.index[moved])
    return out


def allocation_table(table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`allocate_days` as a learner reads it: category names and strategies in
    words, days to one decimal, and "no account in this category" instead of a missing value."""
    if not isinstance(table, pd.DataFrame) or not {"weight", "share", "days"} <= set(table.columns):
        raise InputError(t("port.alloc_table_bad", type=type(table).__name__))
    shown = pd.DataFrame({
        t("port.col_weight"): table["weight"].map("{:g}".format),
        t("port.col_share"): table["share"].map("{:.0%}".format),
        t("port.col_days"): table["days"].map("{:.1f}".format),
    })
    if "accounts" in table.columns:
        shown[t("port.col_accounts")] = table["accounts"].astype(int)
        shown[t("port.col_days_per_account")] = [
            t("port.alloc_no_accounts") if not n else f"{d / n:.1f}"
            for d, n in zip(table["days"], table["accounts"])
        ]
    shown[t("port.col_strategy")] = [STRATEGIES[c] for c in table.index]
    shown.index = pd.Index([category_label(c) for c in table.index], name=t("port.col_category"))
    return shown
