"""Vellmar's whole customer base (content/case/customers.csv) agrees with the rest of the case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kamcourse import content

ROOT = Path(__file__).resolve().parent.parent


def test_180_customers_make_92_million_and_hold_the_20_accounts_unchanged() -> None:
    org = content.load("case/organisation")
    customers = content.load_table("case/customers")
    assert list(customers.columns) == ["customer", "segment", "revenue_eur"]
    assert len(customers) == org["customers"] == 180
    assert customers["revenue_eur"].sum() == org["revenue_eur"] == 92_000_000
    assert customers["customer"].is_unique and customers["customer"].str.strip().eq(customers["customer"]).all()
    assert (customers["revenue_eur"] > 0).all()
    accounts = content.load_table("case/accounts").set_index("account")
    base = customers.set_index("customer")
    for name, row in accounts.iterrows():
        assert base.loc[name, "revenue_eur"] == row["spend"], name
        assert base.loc[name, "segment"] == row["segment"], name
    assert set(customers["segment"]) == set(accounts["segment"])


def test_the_key_accounts_of_today_are_the_twelve_biggest_customers() -> None:
    """organisation.yaml says they were chosen "by revenue alone": the base must agree."""
    org = content.load("case/organisation")
    customers = content.load_table("case/customers").sort_values("revenue_eur", ascending=False)
    assert set(customers["customer"].head(12)) == set(org["kam_programme"]["key_accounts_today"])
    assert customers["revenue_eur"].iloc[11] > customers["revenue_eur"].iloc[12]


def test_invented_names_do_not_echo_the_case_companies() -> None:
    customers = content.load_table("case/customers")["customer"]
    accounts = set(content.load_table("case/accounts")["account"])
    case_stems = {n.split()[0].casefold() for n in accounts} | {"vellmar", "ostrand", "pelkora"}
    for name in customers:
        if name not in accounts:
            assert name.split()[0].casefold() not in case_stems, name


def test_the_seeded_script_writes_the_committed_file() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_customers.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
