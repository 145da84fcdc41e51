"""The case's depth files hold together: shares, weights, people and the accounts they name."""

from __future__ import annotations

from typing import Any

import pytest

from kamcourse import content

ATTITUDES = {"champion", "supporter", "neutral", "non-supporter", "opponent", "unknown"}
ROLES = {"decision maker", "approver", "evaluator", "influencer", "user"}
LEVELS = {"top management", "key account director", "key account manager", "account team"}


def _accounts() -> list[dict[str, Any]]:
    return content.load("case/key_accounts")["accounts"]


def _case_accounts() -> set[str]:
    return set(content.load_table("case/accounts")["account"])


def test_every_deep_account_is_in_the_case_portfolio() -> None:
    names = [a["name"] for a in _accounts()]
    assert len(names) == 3 and len(set(names)) == 3
    assert set(names) <= _case_accounts()


@pytest.mark.parametrize("account", _accounts(), ids=lambda a: a["name"])
def test_shares_weights_and_revenue_agree(account: dict[str, Any]) -> None:
    history = account["history"]
    shares = [c["share_of_wallet_pct"] for c in account["competition"]] + [history["share_of_wallet_pct"]]
    assert sum(shares) == 100
    spend = account["needs"]["packaging_spend_eur"]
    assert round(100 * history["revenue_eur"] / spend) == history["share_of_wallet_pct"]
    case = content.load_table("case/accounts").set_index("account")
    assert case.loc[account["name"], "spend"] == history["revenue_eur"]
    assert case.loc[account["name"], "segment"] == account["segment"]
    weights = account["csf_weights"]["weights"]
    assert sum(weights.values()) == 100
    segment = content.load("case/company")["csf_weights"][account["segment"]]
    assert set(weights) == set(segment), "the account's own CSFs use the case's CSF names"


@pytest.mark.parametrize("account", _accounts(), ids=lambda a: a["name"])
def test_people_form_an_organisation_chart_covered_by_vellmar_people(account: dict[str, Any]) -> None:
    vellmar = {p["name"] for p in content.load("case/organisation")["people"]}
    people = account["people"]
    names = {p["name"] for p in people}
    assert len(names) == len(people)
    for person in people:
        assert person["attitude"] in ATTITUDES and person["buying_role"] in ROLES
        assert person["influence"] in {"high", "medium", "low"}
        assert person["reports_to"] is None or person["reports_to"] in names
        assert person["covered_by"] is None or person["covered_by"] in vellmar
    assert sum(p["reports_to"] is None for p in people) == 1, "one person at the top of the chart"
    ids = [u["id"] for u in account["uncertainties"]]
    assert len(ids) == len(set(ids)) >= 2


def test_vellmar_organisation_keeps_fewer_than_five_accounts_per_key_account_manager() -> None:
    org = content.load("case/organisation")
    case = _case_accounts()
    assert set(org["kam_programme"]["key_accounts_today"]) <= case
    for person in org["people"]:
        assert person["level"] in LEVELS
        if person["role"] == "Key account manager":
            assert 1 <= len(person["accounts"]) < 5
            assert set(person["accounts"]) <= case
    managed = [a for p in org["people"] for a in p.get("accounts", [])]
    assert sorted(managed) == sorted(org["kam_programme"]["key_accounts_today"])
