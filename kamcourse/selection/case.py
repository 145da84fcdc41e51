"""The case: Vellmar Packaging's 20 fictional accounts, the selection criteria of the sources,
Woodburn's DHL example and the case team's ratings.

Taught in notebooks/03_selecting_key_accounts.ipynb.

Everything here is read from ``kamcourse/content/`` when a function is called, never at import.
:class:`CasePortfolio` also carries the customers' critical success factors of lesson 04
(``notebooks/04_portfolio_matrix.ipynb``), from which :mod:`kamcourse.portfolio` computes our
relative strength.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..content import load, load_table, t
from ..errors import ContentError
from .scoring import WEIGHT_TOLERANCE, WEIGHT_TOTAL, weighted_scores

__all__ = ["dhl_example", "criteria_families", "criteria_table", "case_team_ratings", "CasePortfolio", "case_portfolio"]


def dhl_example() -> tuple[pd.Series, pd.DataFrame]:
    """Woodburn's DHL example (content ``selection.yaml``): weights and ratings of two
    accounts, which score 520 (Account A) and 655 (Account B).

    """
    data = load("selection")["dhl_example"]
    weights = pd.Series({c["name"]: c["weight"] for c in data["criteria"]}, name="weight", dtype=float)
    ratings = pd.DataFrame(
        {c["name"]: c["ratings"] for c in data["criteria"]}, index=pd.Index(data["accounts"], name="account")
    ).astype(float)
    return weights, ratings


def criteria_families() -> dict[str, Any]:
    """Capon's and Woodburn's families of selection criteria, from ``selection.yaml``."""
    families: dict[str, Any] = load("selection")["families"]
    return families


def criteria_table() -> pd.DataFrame:
    """Capon's and Woodburn's selection criteria as one table (columns ``author``
    ("Capon", "Woodburn"), ``family``, ``criterion``; sources in
    :func:`criteria_families`)."""
    rows = []
    for key, data in criteria_families().items():
        author = key.capitalize()
        for group in data["groups"]:
            for criterion in group["criteria"]:
                rows.append({"author": author, "family": group["name"], "criterion": criterion})
    return pd.DataFrame(rows)


def case_team_ratings() -> pd.DataFrame:
    """Three fictional raters' ratings of six case accounts, long form (columns ``rater,
    account, criterion, rating``) from ``content/case/team_ratings.csv``: the input of
    :func:`kamcourse.selection.calibrate`."""
    table: pd.DataFrame = load_table("case/team_ratings")
    return table


@dataclass(frozen=True)
class CasePortfolio:
    """The course's capstone supplier and its 20 fictional accounts.

    Attributes
    ----------
    supplier, competitors:
        Our (fictional) company's name and its two named competitors.
    weights:
        Attractiveness criterion -> weight (sum 100).
    ratings:
        Accounts x attractiveness criteria, 0-10.
    accounts:
        One row per account: ``segment``, ``spend`` (annual revenue with us, EUR).
    csf_weights:
        Segment x critical success factor weights (each row sums to 100): the segment
        profiles the account team starts from.
    csf_ratings:
        Long table ``account, supplier, <CSF columns>``: us and the two competitors.
    csf_own:
        Account x CSF weights of the accounts whose own weights were verified with the
        customer (``content/case/key_accounts.yaml``); they replace the segment profile.
    csf_verified:
        Account -> when and with whom its own weights were verified.
    programme:
        The key accounts of Vellmar's programme today (``content/case/organisation.yaml``).
    managers:
        Key account manager -> the key accounts they manage.
    """

    supplier: str
    competitors: tuple[str, ...]
    description: str
    weights: pd.Series
    ratings: pd.DataFrame
    accounts: pd.DataFrame
    csf_weights: pd.DataFrame
    csf_ratings: pd.DataFrame
    csf_own: pd.DataFrame = field(default_factory=pd.DataFrame)
    csf_verified: Mapping[str, str] = field(default_factory=dict)
    programme: tuple[str, ...] = ()
    managers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def account_csf_weights(self) -> pd.DataFrame:
        """The CSF weights used at each account (account x CSF): the account's own, verified
        with the customer, where there are some, otherwise its segment's profile."""
        per_account = self.csf_weights.loc[self.accounts["segment"]].set_axis(self.accounts.index)
        for account in self.csf_own.index:
            per_account.loc[account] = self.csf_own.loc[account, list(per_account.columns)].to_numpy()
        per_account.columns.name = "criterion"
        return per_account

    def attractiveness(self) -> pd.Series:
        """Attractiveness score of each account (0-1000), named ``"attractiveness"``."""
        return weighted_scores(self.weights, self.ratings).rename("attractiveness")

    def strength(self) -> pd.Series:
        """Relative strength of us at each account, with the CSF weights of
        :meth:`account_csf_weights` (the account's own where verified, else its segment's)."""
        from ..portfolio.strength import relative_strengths  # lesson 04 builds on this module

        return relative_strengths(self.account_csf_weights(), self.csf_ratings, self.supplier)

    def table(self) -> pd.DataFrame:
        """One row per account: segment, spend, attractiveness, strength."""
        out = self.accounts.copy()
        out["attractiveness"] = self.attractiveness()
        out["strength"] = self.strength().reindex(out.index)
        return out


def case_portfolio() -> CasePortfolio:
    """Load the case portfolio from ``content/case/`` (see :class:`CasePortfolio`).

    Used by lessons 03 to 10. Raises
    :class:`~kamcourse.errors.ContentError` when a case file is missing or malformed.
    """
    meta = load("case/company")
    weights = pd.Series(meta["attractiveness_weights"], name="weight", dtype=float)
    accounts = load_table("case/accounts").set_index("account")
    ratings = accounts[list(weights.index)].astype(float)
    info = accounts[["segment", "spend"]].copy()
    csf_weights = pd.DataFrame(meta["csf_weights"]).T.astype(float)
    csf_weights.index.name = "segment"
    csf_ratings = load_table("case/csf_ratings")
    deep = load("case/key_accounts")["accounts"]
    own = {a["name"]: a["csf_weights"]["weights"] for a in deep if a.get("csf_weights")}
    csf_own = pd.DataFrame(own, dtype=float).T.reindex(columns=csf_weights.columns)
    csf_own.index.name = "account"
    for account, row in csf_own.iterrows():
        if account not in info.index or row.isna().any() or abs(float(row.sum()) - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
            raise ContentError(
                t(
                    "selection.case_bad",
                    file="case/key_accounts.yaml",
                    detail=t("selection.case_own_csf_bad", account=account),
                )
            )
    verified = {a["name"]: str(a["csf_weights"].get("verified", "")) for a in deep if a.get("csf_weights")}
    org = load("case/organisation")
    managers = {p["name"]: tuple(p["accounts"]) for p in org["people"] if p.get("accounts")}
    return CasePortfolio(
        supplier=meta["supplier"]["name"],
        competitors=tuple(meta["competitors"]),
        description=meta["supplier"]["description"],
        weights=weights,
        ratings=ratings,
        accounts=info,
        csf_weights=csf_weights,
        csf_ratings=csf_ratings,
        csf_own=csf_own,
        csf_verified=verified,
        programme=tuple(org["kam_programme"]["key_accounts_today"]),
        managers=managers,
    )
