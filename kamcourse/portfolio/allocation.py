"""Key account managers' days by category: the split of a budget, and the rule of service intensity.

Taught in notebooks/04_portfolio_matrix.ipynb.

* :func:`allocate_days` -- a budget of days split across the four categories by relative
  weights, with the days per account;
* :func:`intensity_problems` -- the one rule for days per account, used by the allocation
  control and by the checker of the allocation exercise: a category without accounts gets no
  days; every category that holds key accounts gets some, except Streamline (manage for cash);
  per account, Strategic gets the most and Streamline the fewest.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..content import t
from ..errors import InputError
from ..values import to_float
from .matrix import CATEGORIES, category_label

__all__ = ["MAX_DAYS", "allocate_days", "days_per_account", "DaysProblem", "intensity_problems"]

#: Largest budget of days (and number of accounts) :func:`allocate_days` accepts.
MAX_DAYS = 1_000_000_000


def allocate_days(
    total_days: float,
    weights: Mapping[str, float] | pd.Series,
    *,
    accounts: Mapping[str, int] | pd.Series | None = None,
    whole_days: bool = False,
) -> pd.DataFrame:
    """Split a budget of key account managers' days across the four categories.

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
            if (
                not isinstance(value, numbers.Integral)
                or isinstance(value, (bool, np.bool_))
                or not 0 <= int(value) <= MAX_DAYS
            ):
                raise InputError(t("portfolio.alloc_counts", category=category, value=value))
            counts[category] = int(value)
        table["accounts"] = pd.Series(counts)
        with np.errstate(divide="ignore", invalid="ignore"):
            table["days_per_account"] = np.where(
                table["accounts"] > 0, table["days"] / table["accounts"].replace(0, 1), np.nan
            )
    return table


def days_per_account(days: Mapping[str, float], accounts: Mapping[str, int]) -> dict[str, float]:
    """Days per account of each category that holds accounts, in :data:`CATEGORIES` order
    (a category missing from ``days`` has 0 days)."""
    return {c: float(days.get(c, 0.0)) / accounts[c] for c in CATEGORIES if accounts.get(c, 0) > 0}


@dataclass(frozen=True)
class DaysProblem:
    """One way a split of days breaks the rule of service intensity (see :func:`intensity_problems`).

    ``code`` is ``"days_to_nobody"``, ``"no_days"``, ``"strategic_not_most"`` or
    ``"streamline_not_least"``; ``category`` the category at fault, ``days`` its days (per
    account for the last two codes), ``other`` and ``other_days`` the category it is compared
    with, ``count`` its accounts. :attr:`text` says it in words.
    """

    code: str
    category: str
    days: float
    other: str = ""
    other_days: float = 0.0
    count: int = 0

    @property
    def text(self) -> str:
        """The problem in a sentence (translated)."""
        label = category_label
        if self.code == "days_to_nobody":
            return t("portfolio.alloc_days_to_nobody", category=label(self.category), days=self.days)
        if self.code == "no_days":
            return t("portfolio.alloc_no_days", category=label(self.category), count=self.count)
        if self.code == "strategic_not_most":
            return t(
                "portfolio.alloc_strategic_not_most",
                strategic=self.days,
                other=label(self.other),
                value=self.other_days,
            )
        return t(
            "portfolio.alloc_streamline_not_least", streamline=self.days, other=label(self.other), value=self.other_days
        )


def intensity_problems(days: Mapping[str, float], accounts: Mapping[str, int]) -> list[DaysProblem]:
    """Where a split of days (category -> days) breaks the rule of service intensity, given the
    accounts per category; an empty list when it follows it.

    In order: a category without accounts that gets days; a category holding key accounts that
    gets none (Streamline excepted: manage for cash may mean no key account management); the
    first category whose accounts get as many days each as the Strategic ones, or more; the
    first whose accounts get as few days each as the Streamline ones, or fewer.
    """
    problems: list[DaysProblem] = []
    for category in CATEGORIES:
        given, count = float(days.get(category, 0.0)), int(accounts.get(category, 0))
        if not count and given > 0:
            problems.append(DaysProblem("days_to_nobody", category, given))
        elif count and given <= 0 and category != "Streamline":
            problems.append(DaysProblem("no_days", category, given, count=count))
    per = days_per_account(days, accounts)
    if "Strategic" in per:
        beaten = [c for c in per if c != "Strategic" and per[c] >= per["Strategic"]]
        if beaten:
            problems.append(DaysProblem("strategic_not_most", "Strategic", per["Strategic"], beaten[0], per[beaten[0]]))
    if "Streamline" in per:
        below = [c for c in per if c != "Streamline" and per[c] <= per["Streamline"]]
        if below:
            problems.append(
                DaysProblem("streamline_not_least", "Streamline", per["Streamline"], below[0], per[below[0]])
            )
    return problems
