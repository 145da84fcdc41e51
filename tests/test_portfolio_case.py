"""The case's per-account CSF weights and the tables lesson 04 shows (no missing value in any)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kamcourse import portfolio, selection
from kamcourse.errors import InputError


def test_own_weights_replace_the_segment_profile_where_verified() -> None:
    case = selection.case_portfolio()
    used = case.account_csf_weights()
    assert set(case.csf_own.index) == {"Orvale Foods", "Quintara Chemicals", "Halvorsen Dairies"}
    for account in used.index:
        expected = (
            case.csf_own.loc[account]
            if account in case.csf_own.index
            else case.csf_weights.loc[case.accounts.loc[account, "segment"]]
        )
        assert used.loc[account].tolist() == expected[list(used.columns)].tolist(), account
        assert used.loc[account].sum() == 100
    own, ratings, us = portfolio.case_csf("Orvale Foods")
    profile, _, _ = portfolio.case_csf("Orvale Foods", profile=True)
    assert own["Sustainability"] == 25 and profile["Sustainability"] == 10
    assert case.strength()["Orvale Foods"] == pytest.approx(portfolio.relative_strength(own, ratings, us))
    brightfield, _, _ = portfolio.case_csf("Brightfield Online")
    assert brightfield.equals(portfolio.case_csf("Brightfield Online", profile=True)[0])


def test_case_csf_weights_say_where_each_row_comes_from() -> None:
    table = portfolio.case_csf_weights()
    source = table["verified"]  # a stable column name: the words are the lesson's, not the core's
    assert source["Orvale Foods"].startswith("2026-10")
    assert source["Brightfield Online"] == ""
    assert not table.isna().any().any()


def test_csf_table_with_and_without_the_scores() -> None:
    weights, ratings, _ = portfolio.case_csf("Brightfield Online")
    full = portfolio.csf_table(weights, ratings)
    assert full.iloc[-1].tolist() == [100, 605, 600, 545]
    assert full.index.name == "criterion" and full.columns[0] == "weight"  # stable names, not translated
    bare = portfolio.csf_table(weights, ratings, scores=False)
    assert len(bare) == 6 and "score" not in bare.index
    assert not full.isna().any().any()
    with pytest.raises(InputError, match="scores must be True or False"):
        portfolio.csf_table(weights, ratings, scores="no")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="sum to 90"):
        portfolio.csf_table(
            weights.drop("Price").pipe(lambda w: w * 1.0).rename("w").to_dict() | {"Price": 20}, ratings
        )


@pytest.mark.parametrize("bad", ["Nobody Ltd", "", None, 3, ["Orvale Foods"]])
def test_case_csf_refuses_an_unknown_account(bad: object) -> None:
    with pytest.raises(InputError, match="not in the case portfolio"):
        portfolio.case_csf(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="profile must be True or False"):
        portfolio.case_csf("Orvale Foods", profile="yes")  # type: ignore[arg-type]


def test_category_changes_lists_exactly_the_accounts_that_move() -> None:
    a = pd.Series({"A": 575.0, "B": 530.0, "C": 800.0, "D": 300.0})
    s = pd.Series({"A": 0.89, "B": 1.2, "C": 1.1, "D": 0.5})
    moved = portfolio.category_changes(a, s, after=(600, 1.0))
    assert list(moved.index) == ["A", "B"]
    assert moved.loc["A"].tolist()[2:] == ["Star", "Streamline"]
    assert moved.loc["B"].tolist()[2:] == ["Strategic", "Status"]
    assert portfolio.category_changes(a, s).empty
    with pytest.raises(InputError, match="given as a pair"):
        portfolio.category_changes(a, s, after=600)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        portfolio.category_changes(a, s, after=(1200, 1.0))


def test_allocation_table_says_no_account_instead_of_a_missing_value() -> None:
    from kamcourse.widgets.portfolio import days_table  # translation happens where the table is shown

    plan = portfolio.allocate_days(
        400,
        {"Strategic": 50, "Star": 25, "Status": 25},
        accounts={"Strategic": 5, "Star": 3, "Status": 4, "Streamline": 0},
    )
    assert pd.isna(plan.loc["Streamline", "days_per_account"])  # the core keeps NaN as data
    shown = days_table(plan)
    assert shown.loc["Streamline", "Days per account"] == "no account in this category"
    assert shown.loc["Strategic", "Days per account"] == "40.0"
    assert not re.search(r"\b(NaN|nan)\b", shown.to_string() + shown.to_html())
    assert "Days per account" not in days_table(portfolio.allocate_days(10, {"Star": 1})).columns
    with pytest.raises(InputError, match="needs the table allocate_days returns"):
        days_table({"days": 1})  # type: ignore[arg-type]


def test_the_programme_and_its_managers() -> None:
    case = selection.case_portfolio()
    assert len(case.programme) == 12 and set(case.programme) <= set(case.accounts.index)
    assert sorted(a for accounts in case.managers.values() for a in accounts) == sorted(case.programme)
