"""The portfolio matrix: four categories by attractiveness and relative strength, their
strategies, and a portfolio summary per category.

Taught in notebooks/04_portfolio_matrix.ipynb.

Conventions of the course brief:

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

:data:`CATEGORIES` is the one list of the category identifiers (the English names above) for
the whole course; the text shown to a learner (a translated category name, the strategy)
comes from ``strings/portfolio.<lang>.yaml`` via :func:`category_label` and
:data:`STRATEGIES`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping
from typing import Any, Literal, overload

import numpy as np
import pandas as pd

from .._differences import describe_difference
from ..content import t
from ..errors import InputError
from ..values import floats, short_repr, to_float

__all__ = [
    "CATEGORIES",
    "STRATEGIES",
    "DEFAULT_ATTRACTIVENESS_CUT",
    "DEFAULT_STRENGTH_CUT",
    "CATEGORY_DTYPE",
    "category_label",
    "classify",
    "median_cuts",
    "summary",
    "category_changes",
    "check_series",
    "same_accounts",
]

CATEGORIES: tuple[str, ...] = ("Strategic", "Star", "Status", "Streamline")
DEFAULT_ATTRACTIVENESS_CUT = 500.0
DEFAULT_STRENGTH_CUT = 1.0
CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=True)


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
        raise InputError(t("portfolio.alloc_category", category=category, allowed=", ".join(CATEGORIES)))
    return t(f"portfolio.category_{category}")


# --------------------------------------------------------------------------- checks
def check_cut(value: Any, quantity: str) -> float:
    """A cut of the matrix (``quantity`` "attractiveness": 0-1000; "strength": above 0), or InputError."""
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
            t(
                "portfolio.value_range",
                quantity=label,
                account=account,
                value=f"{v:g}",
                allowed=t(f"portfolio.allowed_{quantity}"),
            )
        )
    return v + 0.0


def check_series(values: Any, quantity: str) -> np.ndarray:
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
            raise InputError(
                t("portfolio.value_not_number", quantity=label, account=values.index[bad], value=values.iloc[bad])
            )
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
                raise InputError(
                    t("portfolio.value_not_finite", quantity=label, account=account, value=short_repr(values.iloc[pos]))
                )
            raise InputError(
                t(
                    "portfolio.value_range",
                    quantity=label,
                    account=account,
                    value=f"{v:g}",
                    allowed=t(f"portfolio.allowed_{quantity}"),
                )
            )
    return arr


def same_accounts(first: pd.Index, second: pd.Index) -> bool:
    """The same accounts, each once, in any order (labels of mixed types compare safely)."""
    if len(first) != len(second) or not first.is_unique or not second.is_unique:
        return False
    try:
        return set(first) == set(second)
    except TypeError:  # an unhashable label (a list) is never an account name
        return False


def _aligned(attractiveness: pd.Series, strength: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    a = check_series(attractiveness, "attractiveness")
    s = check_series(strength, "strength")
    if not attractiveness.index.equals(strength.index):
        if not same_accounts(attractiveness.index, strength.index):
            raise InputError(
                t(
                    "portfolio.index_mismatch",
                    detail=describe_difference(
                        attractiveness.index,
                        strength.index,
                        sides=(t("portfolio.side_attractiveness"), t("portfolio.side_strength")),
                    ),
                )
            )
        s = strength.reindex(attractiveness.index).to_numpy(dtype=float)
    return a, s


# --------------------------------------------------------------------------- classify
@overload
def classify(
    attractiveness: float, strength: float, *, attractiveness_cut: float = ..., strength_cut: float = ...
) -> str: ...
@overload
def classify(
    attractiveness: pd.Series, strength: pd.Series, *, attractiveness_cut: float = ..., strength_cut: float = ...
) -> pd.Series: ...


def classify(
    attractiveness: Any,
    strength: Any,
    *,
    attractiveness_cut: float = DEFAULT_ATTRACTIVENESS_CUT,
    strength_cut: float = DEFAULT_STRENGTH_CUT,
) -> Any:
    """Category of each account in the portfolio matrix.

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
    a_cut = check_cut(attractiveness_cut, "attractiveness")
    s_cut = check_cut(strength_cut, "strength")
    a_series = isinstance(attractiveness, pd.Series)
    s_series = isinstance(strength, pd.Series)
    if a_series != s_series:
        raise InputError(t("portfolio.mixed_inputs", a=type(attractiveness).__name__, s=type(strength).__name__))
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
        raise InputError(
            t(
                "portfolio.cut_bad",
                quantity=t("portfolio.quantity_strength").lower(),
                value=s_med,
                allowed=t("portfolio.allowed_strength_cut"),
            )
        )
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
    categories = classify(attractiveness, strength, attractiveness_cut=attractiveness_cut, strength_cut=strength_cut)
    counts = categories.value_counts().reindex(list(CATEGORIES), fill_value=0)
    table = pd.DataFrame({"accounts": counts.astype(int)})
    table.index = pd.Index(list(CATEGORIES), name="category")
    table["share_of_accounts"] = table["accounts"] / table["accounts"].sum()
    if spend is not None:
        spend_arr = check_series(spend, "spend")
        if not spend.index.equals(attractiveness.index):
            if not same_accounts(attractiveness.index, spend.index):
                raise InputError(
                    t(
                        "portfolio.spend_mismatch",
                        detail=describe_difference(
                            attractiveness.index,
                            spend.index,
                            sides=(t("portfolio.side_attractiveness"), t("portfolio.side_spend")),
                        ),
                    )
                )
            spend_arr = spend.reindex(attractiveness.index).to_numpy(dtype=float)
        per = pd.Series(spend_arr, index=attractiveness.index).groupby(categories, observed=False).sum()
        table["spend"] = per.reindex(list(CATEGORIES), fill_value=0.0).to_numpy()
        total = table["spend"].sum()
        table["share_of_spend"] = table["spend"] / total if total > 0 else 0.0
    table["strategy"] = [STRATEGIES[c] for c in CATEGORIES]
    table.attrs["cuts"] = {"attractiveness": float(attractiveness_cut), "strength": float(strength_cut)}
    return table


def category_changes(
    attractiveness: pd.Series,
    strength: pd.Series,
    *,
    before: tuple[float, float] = (DEFAULT_ATTRACTIVENESS_CUT, DEFAULT_STRENGTH_CUT),
    after: tuple[float, float] = (DEFAULT_ATTRACTIVENESS_CUT, DEFAULT_STRENGTH_CUT),
) -> pd.DataFrame:
    """The accounts whose category changes when the cuts move from ``before`` to ``after``
    (each a pair: attractiveness cut, strength cut).

    One row per account that changes, in the order of ``attractiveness``, with columns
    ``attractiveness``, ``strength`` (rounded to two decimals), ``before`` and ``after`` (the
    categories, as in :data:`CATEGORIES`). The lesson shows it instead of listing the accounts
    in prose, so text and data cannot drift apart. Raises :class:`InputError` as
    :func:`classify` does, or for cuts that are not pairs.
    """
    pairs = []
    for cuts in (before, after):
        if not isinstance(cuts, tuple) or len(cuts) != 2:
            raise InputError(t("portfolio.cuts_not_pair", value=repr(cuts)))
        pairs.append(cuts)
    first = classify(attractiveness, strength, attractiveness_cut=pairs[0][0], strength_cut=pairs[0][1])
    second = classify(attractiveness, strength, attractiveness_cut=pairs[1][0], strength_cut=pairs[1][1])
    moved = (first.astype(str) != second.astype(str)).to_numpy()
    return pd.DataFrame(
        {
            "attractiveness": attractiveness[moved].to_numpy(dtype=float),
            "strength": strength.reindex(attractiveness.index)[moved].round(2).to_numpy(dtype=float),
            "before": first[moved].astype(str).to_numpy(),
            "after": second[moved].astype(str).to_numpy(),
        },
        index=attractiveness.index[moved],
    )
