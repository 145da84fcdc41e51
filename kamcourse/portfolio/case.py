"""The case seen through lesson 04: each account's critical success factors, its programme's
categories, and where the lesson's widgets start.

Taught in notebooks/04_portfolio_matrix.ipynb.

Everything is read from ``kamcourse/content/`` (``case/`` and ``portfolio.yaml``) when a
function is called, never at import.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..content import load, t
from ..errors import ContentError, InputError
from ..selection.case import case_portfolio
from .matrix import CATEGORIES, summary

__all__ = ["case_csf", "case_csf_weights", "programme_counts", "csf_account", "allocation_start"]


def case_csf(account: str, *, profile: bool = False) -> tuple[pd.Series, pd.DataFrame, str]:
    """The case's CSF weights at ``account``, the suppliers' ratings there and our name.

    The weights are the account's own, verified with the customer, where the case has them
    (Orvale Foods, Quintara Chemicals, Halvorsen Dairies), otherwise the profile of its
    segment; ``profile=True`` gives the segment profile in every case (to compare). Returns
    ``(weights, ratings, us)`` ready for :func:`kamcourse.portfolio.compare_suppliers`,
    :func:`kamcourse.portfolio.csf_table` or :func:`kamcourse.portfolio.relative_strength`.
    Raises :class:`InputError` for an account that is not in the case portfolio, or a
    ``profile`` that is not True or False.
    """
    case = case_portfolio()
    if not isinstance(account, str) or account not in case.accounts.index:
        raise InputError(t("portfolio.case_account_unknown", account=account, known=", ".join(case.accounts.index)))
    if not isinstance(profile, bool):
        raise InputError(t("portfolio.flag_not_bool", name="profile", value=repr(profile)))
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

    One row per account: a column per CSF (whole numbers), its ``segment``, and ``verified``:
    when and with whom the account's own weights were verified with the customer, or ``""``
    where the account still uses its segment's profile (to adapt and verify).
    """
    case = case_portfolio()
    table = case.account_csf_weights().astype(int)
    table["segment"] = case.accounts["segment"].reindex(table.index)
    table["verified"] = [case.csf_verified.get(str(a), "") for a in table.index]
    return table


def programme_counts() -> dict[str, int]:
    """Key accounts per category (default cuts) in Vellmar's programme today: the twelve
    accounts its three key account managers serve (``content/case/organisation.yaml``)."""
    case = case_portfolio()
    table = case.table().loc[list(case.programme)]
    counts = summary(table["attractiveness"], table["strength"])["accounts"]
    return {str(c): int(n) for c, n in counts.items()}


def _lesson() -> dict[str, Any]:
    data = load("portfolio")
    if not isinstance(data, dict):
        raise ContentError(t("portfolio.content_bad", file="portfolio.yaml", detail=type(data).__name__))
    return data


def csf_account() -> str:
    """The case account the CSF editor opens on (``content/portfolio.yaml``)."""
    account = _lesson().get("csf_account")
    if not isinstance(account, str) or account not in case_portfolio().accounts.index:
        raise ContentError(t("portfolio.content_bad", file="portfolio.yaml", detail=f"csf_account {account!r}"))
    return account


def allocation_start() -> tuple[float, dict[str, float]]:
    """The days to share and the starting weights of the allocation control
    (``content/portfolio.yaml``), every category present."""
    data: Any = _lesson().get("allocation")
    try:
        total = float(data["total_days"])
        weights = {c: float(data["weights"].get(c, 0)) for c in CATEGORIES}
    except (TypeError, KeyError, ValueError, AttributeError):
        raise ContentError(t("portfolio.content_bad", file="portfolio.yaml", detail="allocation")) from None
    return total, weights
