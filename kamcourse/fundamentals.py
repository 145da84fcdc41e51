"""Why key account management: customer concentration and the course's definitions.

Taught in notebooks/01_why_key_account_management.ipynb.

* :func:`concentration` -- a customer base ranked by revenue, each customer's share and the
  cumulative share (the Pareto view): :class:`Concentration` answers "what share of revenue do
  the top *n* customers make?" (:meth:`~Concentration.top_share`), "how many customers make
  80% of it?" (:meth:`~Concentration.customers_for`) and says it in words
  (:meth:`~Concentration.reading`);
* :func:`case_customers` -- Vellmar Packaging's 180 customers (``content/case/customers.csv``);
* :func:`read_revenues` and :func:`revenues_from` -- a learner's own customer list, read with
  :func:`kamcourse.io.read_accounts` (CSV or XLSX);
* :func:`definitions`, :func:`am_vs_kam`, :func:`buy_sell_hierarchy`,
  :func:`traditional_vs_best_practice`, :func:`implementation_stages` -- the lesson's tables,
  from ``content/fundamentals.yaml``.

Pure functions: nothing is read at import time, nothing is printed. Every rejected input raises
:class:`~kamcourse.errors.InputError` naming the customer (or argument), the value and what is
allowed.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .content import load, load_table, t
from .errors import ContentError, InputError
from .inputs import norm

__all__ = [
    "STANDARD_CUTS",
    "Concentration",
    "am_vs_kam",
    "buy_sell_hierarchy",
    "case_customers",
    "concentration",
    "definitions",
    "implementation_stages",
    "money",
    "read_revenues",
    "revenue_column",
    "revenues_from",
    "traditional_vs_best_practice",
]

#: The cuts the lesson reads first: the top 5, 10 and 20 customers.
STANDARD_CUTS: tuple[int, ...] = (5, 10, 20)
#: The share of revenue whose number of customers the reading quotes (the "80" of 80/20).
PARETO_SHARE = 0.8
_CONTENT = "fundamentals"


# --------------------------------------------------------------------------- formatting


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _pct(share: float) -> str:
    """A share as a percentage: one decimal below 10%, none above (never '0%' for a small share)."""
    if 0 < share < 0.1:
        return f"{share:.1%}"
    return f"{share:.0%}"


def money(value: float) -> str:
    """An amount in the lesson's words: 'EUR 29.6 million', 'EUR 367 thousand', 'EUR 5'."""
    if abs(value) >= 1e6:
        return t("fundamentals.money_million", value=f"{value / 1e6:,.1f}")
    if abs(value) >= 1e3:
        return t("fundamentals.money_thousand", value=f"{value / 1e3:,.0f}")
    return t("fundamentals.money_unit", value=f"{value:,.0f}")


# --------------------------------------------------------------------------- concentration


@dataclass(frozen=True)
class Concentration:
    """A customer base ranked by revenue, largest first (ties in alphabetical order).

    Attributes
    ----------
    customers:
        Customer names, largest revenue first.
    revenues:
        Their revenues, in the same order.
    total:
        The sum of all revenues (always above 0).
    cumulative:
        ``cumulative[i]`` is the share of the total made by the first ``i + 1`` customers.
    """

    customers: tuple[str, ...]
    revenues: tuple[float, ...]
    total: float
    cumulative: tuple[float, ...]

    @property
    def count(self) -> int:
        """How many customers the base holds."""
        return len(self.customers)

    def counted(self, n: Any) -> int:
        """How many customers the cut at the top ``n`` counts: ``n`` itself, or all of them when
        ``n`` is larger. ``n`` must be a whole number of 1 or more (else :class:`InputError`)."""
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or int(n) < 1:
            raise InputError(t("fundamentals.err_cut", value=_short(n), count=self.count))
        return min(int(n), self.count)

    def top_share(self, n: int) -> float:
        """The share of revenue (0 to 1) made by the ``n`` largest customers.

        ``n`` is a whole number of 1 or more; a number above :attr:`count` counts every
        customer (share 1). Customers tied with the ``n``-th do not change the answer: they
        have the same revenue whichever of them is counted.
        """
        return self.cumulative[self.counted(n) - 1]

    def customers_for(self, share: float = PARETO_SHARE) -> int:
        """The smallest number of top customers whose revenue reaches ``share`` (0 < share <= 1)."""
        if (
            isinstance(share, bool)
            or not isinstance(share, numbers.Real)
            or not math.isfinite(float(share))
            or not 0 < float(share) <= 1
        ):
            raise InputError(t("fundamentals.err_share", value=_short(share)))
        target = float(share) - 1e-12
        return next(i + 1 for i, c in enumerate(self.cumulative) if c >= target)

    def tied_outside(self, n: int) -> int:
        """How many customers outside the top ``n`` have exactly the revenue of the ``n``-th."""
        cut = self.counted(n)
        edge = self.revenues[cut - 1]
        return sum(1 for r in self.revenues[cut:] if r == edge)

    def table(self) -> pd.DataFrame:
        """One row per customer: rank, revenue, share and cumulative share (index = customer)."""
        frame = pd.DataFrame(
            {
                "rank": range(1, self.count + 1),
                "revenue": self.revenues,
                "share": [r / self.total for r in self.revenues],
                "cumulative_share": self.cumulative,
            },
            index=pd.Index(self.customers, name="customer"),
        )
        return frame

    def positions(self, customers: Any) -> pd.DataFrame:
        """Where ``customers`` (a list of names) stand in the ranking: rank, revenue, share and
        cumulative share, formatted in the lesson's words (index = customer, in the order given).
        Raises :class:`InputError` naming a customer that is not in the base."""
        if isinstance(customers, str) or not isinstance(customers, (list, tuple, pd.Index)):
            raise InputError(t("fundamentals.err_customers", value=type(customers).__name__))
        where = {name: i for i, name in enumerate(self.customers)}
        rows = []
        for name in customers:
            i = where.get(name) if isinstance(name, str) else None
            if i is None:
                raise InputError(t("fundamentals.err_unknown_customer", value=_short(name), count=self.count))
            rows.append(
                {
                    t("fundamentals.col_rank"): i + 1,
                    t("fundamentals.col_revenue"): f"{self.revenues[i]:,.0f}",
                    t("fundamentals.col_share_revenue"): f"{self.revenues[i] / self.total:.1%}",
                    t("fundamentals.col_cumulative"): f"{self.cumulative[i]:.1%}",
                }
            )
        frame = pd.DataFrame(rows, index=pd.Index([str(c) for c in customers], name=t("fundamentals.col_customer")))
        return frame

    def summary(self, cuts: tuple[int, ...] = STANDARD_CUTS) -> pd.DataFrame:
        """What the top ``cuts`` customers make: one row per cut (customers, share of customers,
        revenue, share of revenue), in the lesson's words (column names from the strings file)."""
        if isinstance(cuts, (str, bytes)) or not isinstance(cuts, (list, tuple)):
            raise InputError(t("fundamentals.err_cuts", value=_short(cuts)))
        rows = []
        for n in cuts:
            cut = self.counted(n)
            rows.append(
                {
                    t("fundamentals.col_cut"): t("fundamentals.cut_label", n=n),
                    t("fundamentals.col_customers"): cut,
                    t("fundamentals.col_share_customers"): _pct(cut / self.count),
                    t("fundamentals.col_revenue"): money(self.cumulative[cut - 1] * self.total),
                    t("fundamentals.col_share_revenue"): _pct(self.top_share(cut)),
                }
            )
        return pd.DataFrame(rows).set_index(t("fundamentals.col_cut"))

    def reading(self, n: int) -> str:
        """What the cut at the top ``n`` customers means, in words (for the lesson's widget)."""
        cut = self.counted(n)
        if self.count == 1:
            return t("fundamentals.reading_single", customer=self.customers[0], total=money(self.total))
        share = self.top_share(cut)
        parts = [
            t(
                "fundamentals.reading_top",
                n=cut,
                count=self.count,
                pct_customers=_pct(cut / self.count),
                share=_pct(share),
                revenue=money(share * self.total),
                total=money(self.total),
            )
        ]
        rest = self.count - cut
        if rest:
            parts.append(
                t(
                    "fundamentals.reading_rest",
                    rest=rest,
                    share=_pct(1 - share),
                    average=money((1 - share) * self.total / rest),
                    n=cut,
                    top_average=money(share * self.total / cut),
                )
            )
        tied = self.tied_outside(cut)
        if tied:
            parts.append(t("fundamentals.reading_tie", n=cut, tied=tied, revenue=money(self.revenues[cut - 1])))
        pareto = self.customers_for(PARETO_SHARE)
        parts.append(t("fundamentals.reading_pareto", n=pareto, pct=_pct(pareto / self.count)))
        zero = sum(1 for r in self.revenues if r == 0)
        if zero:
            parts.append(t("fundamentals.reading_zero", zero=zero))
        parts.append(t("fundamentals.reading_caution"))
        return " ".join(parts)


def _revenue(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(t("fundamentals.err_not_number", customer=name, value=_short(value)))
    try:
        number = float(value)
    except OverflowError:
        raise InputError(t("fundamentals.err_not_finite", customer=name, value=_short(value))) from None
    if not math.isfinite(number):
        raise InputError(t("fundamentals.err_not_finite", customer=name, value=_short(value)))
    if number < 0:
        raise InputError(t("fundamentals.err_negative", customer=name, value=f"{number:g}"))
    return number


def concentration(revenues: Mapping[str, float] | pd.Series) -> Concentration:
    """Rank a customer base by revenue and compute the cumulative shares (the Pareto view).

    Taught in ``notebooks/01_why_key_account_management.ipynb``.

    Parameters
    ----------
    revenues:
        Customer name -> revenue, as a mapping or a :class:`pandas.Series` indexed by name.
        Names are non-empty text, each given once; revenues are finite numbers of 0 or more
        (a customer with no revenue counts, with 0), and at least one is above 0.

    Returns
    -------
    Concentration
        Customers largest first; customers with equal revenue in alphabetical order.

    Raises
    ------
    InputError
        Not a mapping or Series; no customers; a name that is not text, is blank or repeated;
        a revenue that is not a number (text, True/False), not finite (NaN, infinity, too
        large), or negative -- the message names the customer; revenues that add up to 0 or
        to more than a float can hold.
    """
    if isinstance(revenues, pd.Series):
        items = list(zip(revenues.index, revenues.array, strict=True))
    elif isinstance(revenues, Mapping):
        items = list(revenues.items())
    else:
        raise InputError(t("fundamentals.err_type", value=type(revenues).__name__))
    if not items:
        raise InputError(t("fundamentals.err_empty"))
    rows: list[tuple[str, float]] = []
    seen: set[str] = set()
    for raw_name, value in items:
        if not isinstance(raw_name, str) or not raw_name.strip():
            raise InputError(t("fundamentals.err_name", value=_short(raw_name)))
        name = " ".join(raw_name.split())
        if name in seen:
            raise InputError(t("fundamentals.err_duplicate", customer=name))
        seen.add(name)
        rows.append((name, _revenue(name, value)))
    try:
        total = math.fsum(r for _, r in rows)
    except OverflowError:
        total = math.inf
    if not math.isfinite(total):
        raise InputError(t("fundamentals.err_total_overflow"))
    if total <= 0:
        raise InputError(t("fundamentals.err_total_zero", count=len(rows)))
    rows.sort(key=lambda row: (-row[1], row[0].casefold(), row[0]))
    cumulative: list[float] = []
    running = 0.0
    for _, value in rows:
        running += value
        cumulative.append(min(running / total, 1.0))
    cumulative[-1] = 1.0
    return Concentration(
        customers=tuple(n for n, _ in rows),
        revenues=tuple(v for _, v in rows),
        total=total,
        cumulative=tuple(cumulative),
    )


# --------------------------------------------------------------------------- customer lists


def case_customers() -> pd.Series:
    """Vellmar Packaging's 180 customers and their 2026 revenue in EUR (a Series by customer).

    The 20 accounts of lessons 03-04 are among them, with the same spend
    (``content/case/customers.csv``, written once by ``tools/make_customers.py``).
    """
    frame = load_table("case/customers")
    return pd.Series(
        frame["revenue_eur"].astype(float).to_numpy(),
        index=pd.Index(frame["customer"], name="customer"),
        name="revenue_eur",
    )


def _columns() -> list[str]:
    data = load(_CONTENT)
    if not isinstance(data, dict) or not isinstance(data.get("revenue_columns"), list):
        raise ContentError(t("fundamentals.err_content", key="revenue_columns"))
    return [str(c) for c in data["revenue_columns"]]


def revenue_column(columns: list[str] | pd.Index) -> str | None:
    """The column of ``columns`` that holds revenue: the first of the known names
    (``revenue``, ``spend``, ``sales``, ... in ``content/fundamentals.yaml``), case and spaces
    ignored; None when there is none."""
    if isinstance(columns, (str, bytes)) or not isinstance(columns, (list, tuple, pd.Index)):
        raise InputError(t("fundamentals.err_columns", value=_short(columns)))
    by_key = {norm(c): str(c) for c in columns}
    for wanted in _columns():
        found = by_key.get(norm(wanted))
        if found is not None:
            return found
    return None


def revenues_from(frame: pd.DataFrame, column: str | None = None) -> pd.Series:
    """The revenue column of an account table (from :func:`kamcourse.io.read_accounts`).

    ``column`` names it; by default :func:`revenue_column` finds it. Raises
    :class:`InputError` listing the columns when there is none, or when it holds text.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputError(t("fundamentals.err_frame", value=type(frame).__name__))
    if column is not None and not isinstance(column, str):
        raise InputError(t("fundamentals.err_path", value=_short(column)))
    name = column if column is not None else revenue_column(frame.columns)
    if name is None or name not in frame.columns:
        raise InputError(
            t(
                "fundamentals.err_no_revenue_column",
                column=column or "-",
                found=", ".join(map(str, frame.columns)) or "-",
                known=", ".join(_columns()),
            )
        )
    series = frame[name]
    if not pd.api.types.is_numeric_dtype(series):
        raise InputError(t("fundamentals.err_column_text", column=name))
    return pd.Series(series.to_numpy(dtype=float), index=frame.index.astype(str), name=name)


def read_revenues(path: str | Path, column: str | None = None) -> pd.Series:
    """Read a learner's customer list (CSV or XLSX) and return its revenue per customer.

    The file needs a column ``account`` (the customer names) and a revenue column (``revenue``,
    ``spend``, ``sales``... or the one named by ``column``); it is read with
    :func:`kamcourse.io.read_accounts`, which refuses text, formulas and empty cells with a
    message naming the file, row and column.
    """
    import os

    from . import io as kio

    if not isinstance(path, (str, os.PathLike)) or (column is not None and not isinstance(column, str)):
        raise InputError(
            t("fundamentals.err_path", value=_short(path if not isinstance(path, (str, os.PathLike)) else column))
        )
    first = kio.read_accounts(path)
    name = column if column is not None else revenue_column(first.columns)
    if name is None:
        raise InputError(
            t(
                "fundamentals.err_no_revenue_column",
                column="-",
                found=", ".join(map(str, first.columns)) or "-",
                known=", ".join(_columns()),
            )
        )
    return revenues_from(kio.read_accounts(path, numeric=[name]), name)


# --------------------------------------------------------------------------- the lesson's tables


def _rows(key: str) -> list[dict[str, Any]]:
    data = load(_CONTENT)
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ContentError(t("fundamentals.err_content", key=key))
    return rows


def _clean(value: Any) -> str:
    return " ".join(str(value).split())


def definitions() -> pd.DataFrame:
    """The course's definitions (key account, KAM, key account manager, KAP), by term."""
    rows = _rows("definitions")
    return pd.DataFrame(
        {t("fundamentals.col_meaning"): [_clean(r["meaning"]) for r in rows]},
        index=pd.Index([_clean(r["term"]) for r in rows], name=t("fundamentals.col_term")),
    )


def am_vs_kam() -> pd.DataFrame:
    """Account management next to key account management, aspect by aspect (after Woodburn)."""
    rows = _rows("am_vs_kam")
    return pd.DataFrame(
        {
            t("fundamentals.col_am"): [_clean(r["am"]) for r in rows],
            t("fundamentals.col_kam"): [_clean(r["kam"]) for r in rows],
        },
        index=pd.Index([_clean(r["aspect"]) for r in rows], name=t("fundamentals.col_aspect")),
    )


def buy_sell_hierarchy() -> pd.DataFrame:
    """The buy-sell hierarchy, top level first: what the customer asks, what the supplier offers."""
    rows = sorted(_rows("buy_sell_hierarchy"), key=lambda r: -int(r["level"]))
    return pd.DataFrame(
        {
            t("fundamentals.col_level"): [int(r["level"]) for r in rows],
            t("fundamentals.col_asks"): [_clean(r["customer_asks"]) for r in rows],
            t("fundamentals.col_offers"): [_clean(r["supplier_offers"]) for r in rows],
        },
        index=pd.Index([_clean(r["name"]) for r in rows], name=t("fundamentals.col_position")),
    )


def traditional_vs_best_practice() -> pd.DataFrame:
    """Traditional key account selling next to best-practice KAM, aspect by aspect."""
    rows = _rows("traditional_vs_best_practice")
    return pd.DataFrame(
        {
            t("fundamentals.col_traditional"): [_clean(r["traditional"]) for r in rows],
            t("fundamentals.col_best"): [_clean(r["best_practice"]) for r in rows],
        },
        index=pd.Index([_clean(r["aspect"]) for r in rows], name=t("fundamentals.col_aspect")),
    )


def implementation_stages() -> pd.DataFrame:
    """The five stages of implementing a key account programme: what happens, who does it, and
    the modules of this course that teach it (numbers, with titles from the module map)."""
    from .course import modules

    titles = {m["number"]: m["title"] for m in modules()}
    rows = _rows("implementation")
    taught = ["; ".join(f"{n} {titles.get(str(n), '')}".strip() for n in r["lessons"]) for r in rows]
    return pd.DataFrame(
        {
            t("fundamentals.col_what"): [_clean(r["what"]) for r in rows],
            t("fundamentals.col_roles"): [_clean(r["roles"]) for r in rows],
            t("fundamentals.col_taught"): taught,
        },
        index=pd.Index(
            [f"{i}. {_clean(r['name'])}" for i, r in enumerate(rows, start=1)], name=t("fundamentals.col_stage")
        ),
    )
