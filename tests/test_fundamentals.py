"""Customer concentration and the tables of lesson 01 (kamcourse.fundamentals)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamcourse import fundamentals as fu
from kamcourse.errors import InputError

# --------------------------------------------------------------------------- the case


def test_case_base_figures_are_the_ones_the_lesson_quotes() -> None:
    base = fu.concentration(fu.case_customers())
    assert base.count == 180 and base.total == 92_000_000
    assert base.customers[:3] == ("Quintara Chemicals", "Halvorsen Dairies", "Marlow Brewing Group")
    # top 5 = 5.6 + 4.8 + 3.9 + 3.1 + 2.7 = 20.1 million of 92
    assert base.top_share(5) == pytest.approx(20.1 / 92)
    assert base.top_share(10) == pytest.approx(29.6 / 92)
    assert round(base.top_share(20), 2) == 0.45
    assert base.customers_for(0.8) == 73
    assert base.cumulative[-1] == 1.0
    assert all(a <= b for a, b in zip(base.cumulative, base.cumulative[1:], strict=False))


def test_case_twelve_key_accounts_are_the_twelve_biggest_customers() -> None:
    from kamcourse import content

    base = fu.concentration(fu.case_customers())
    today = content.load("case/organisation")["kam_programme"]["key_accounts_today"]
    assert set(base.customers[:12]) == set(today)


def test_summary_and_reading_of_the_case() -> None:
    base = fu.concentration(fu.case_customers())
    summary = base.summary()
    assert list(summary.index) == ["Top 5", "Top 10", "Top 20"]
    assert summary.loc["Top 10", "Share of revenue"] == "32%"
    assert summary.loc["Top 5", "Share of customers"] == "2.8%"
    text = base.reading(10)
    assert (
        "The top 10 of 180 customers (5.6% of them) make 32% of the revenue: EUR 29.6 million of EUR 92.0 million."
    ) in text
    assert "The other 170 make 68%" in text
    assert "80% of the revenue comes from the top 73 customers (41% of the base)." in text
    assert "not who will matter in three years" in text


# --------------------------------------------------------------------------- edge set


def test_one_customer_makes_everything() -> None:
    base = fu.concentration({"Solo Foods": 250_000})
    assert base.count == 1 and base.top_share(1) == 1.0 and base.top_share(20) == 1.0
    assert base.customers_for(0.8) == 1
    assert "There is one customer, Solo Foods" in base.reading(5)
    assert list(base.summary()["Customers counted"]) == [1, 1, 1]


def test_ties_are_ordered_by_name_and_do_not_change_the_share() -> None:
    base = fu.concentration({"Cedar": 100, "alder": 100, "Birch": 100, "Oak": 300})
    assert base.customers == ("Oak", "alder", "Birch", "Cedar")
    assert base.top_share(2) == pytest.approx(400 / 600)
    assert base.tied_outside(2) == 2 and base.tied_outside(4) == 0
    assert "same revenue (EUR 100) as 2 customer(s) just outside the cut" in base.reading(2)
    again = fu.concentration({"Birch": 100, "Oak": 300, "Cedar": 100, "alder": 100})
    assert again == base, "the input order does not matter"


def test_zero_revenue_customers_count_but_make_nothing() -> None:
    base = fu.concentration({"Big": 900, "Small": 100, "Dormant": 0, "Lapsed": 0})
    assert base.count == 4 and base.top_share(2) == 1.0
    assert base.customers_for(1.0) == 2
    assert "2 customer(s) had no revenue at all" in base.reading(1)


def test_series_numpy_and_fractions_are_accepted() -> None:
    series = pd.Series([np.int64(3), np.float64(1.0)], index=["A", "B"])
    assert fu.concentration(series).top_share(1) == pytest.approx(0.75)
    assert fu.concentration({"A": Fraction(1, 2), "B": 0.5}).top_share(1) == pytest.approx(0.5)


def test_names_are_stripped_and_spaces_collapsed() -> None:
    base = fu.concentration({"  Orvale   Foods ": 10})
    assert base.customers == ("Orvale Foods",)


@pytest.mark.parametrize(
    ("revenues", "pattern"),
    [
        ({"Ostwick Retail": -5}, r"Customer 'Ostwick Retail' has a negative revenue \(-5\)"),
        ({"A": 10, "Credit Note Co": -0.5}, r"'Credit Note Co' has a negative revenue"),
        ({"A": float("nan")}, r"Customer 'A': revenue nan is not a finite amount"),
        ({"A": float("inf")}, r"revenue inf is not a finite amount"),
        ({"A": 10**400}, r"Customer 'A': revenue .* is not a finite amount"),
        ({"A": 1e308, "B": 1e308}, r"add up to more than can be computed"),
        ({"A": "1200"}, r"Customer 'A': revenue '1200' is not a number"),
        ({"A": True}, r"revenue True is not a number"),
        ({"A": None}, r"revenue None is not a number"),
        ({"A": [1]}, r"revenue \[1\] is not a number"),
        ({"A": 0, "B": 0}, r"All 2 customers have a revenue of 0"),
        ({}, r"The customer list is empty"),
        ({"": 5}, r"Customer name '' is not usable"),
        ({"   ": 5}, r"Customer name '   ' is not usable"),
        ({7: 5}, r"Customer name 7 is not usable"),
        ({("A",): 5}, r"Customer name \('A',\) is not usable"),
        ({"Orvale Foods": 1, "Orvale  Foods": 2}, r"'Orvale Foods' appears twice"),
    ],
)
def test_bad_revenues_are_refused_with_a_message_naming_the_customer(revenues: dict, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        fu.concentration(revenues)


@pytest.mark.parametrize("value", [None, 5, "Orvale Foods,100", [("A", 1)], pd.DataFrame({"x": [1]})])
def test_wrong_types_are_refused_with_input_error(value: object) -> None:
    with pytest.raises(InputError, match="as a dictionary"):
        fu.concentration(value)  # type: ignore[arg-type]


def test_duplicate_index_in_a_series_is_refused() -> None:
    with pytest.raises(InputError, match="'A' appears twice"):
        fu.concentration(pd.Series([1.0, 2.0], index=["A", "A"]))


@pytest.mark.parametrize("n", [0, -1, 2.5, "5", True, None, float("nan")])
def test_bad_cuts_are_refused(n: object) -> None:
    base = fu.concentration({"A": 2, "B": 1})
    with pytest.raises(InputError, match=r"The cut .* is not allowed: give a whole number of customers from 1 to 2"):
        base.top_share(n)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        base.reading(n)  # type: ignore[arg-type]


@pytest.mark.parametrize("share", [0, -0.1, 1.5, float("nan"), float("inf"), "0.8", True])
def test_bad_shares_are_refused(share: object) -> None:
    with pytest.raises(InputError, match="share .* is not allowed"):
        fu.concentration({"A": 2, "B": 1}).customers_for(share)  # type: ignore[arg-type]


def test_table_holds_rank_share_and_cumulative_share() -> None:
    table = fu.concentration({"A": 1, "B": 3}).table()
    assert list(table.index) == ["B", "A"] and list(table["rank"]) == [1, 2]
    assert list(table["share"]) == [0.75, 0.25] and list(table["cumulative_share"]) == [0.75, 1.0]


def test_positions_say_where_named_customers_stand() -> None:
    base = fu.concentration(fu.case_customers())
    table = base.positions(["Orvale Foods", "Quintara Chemicals"])
    assert list(table.index) == ["Orvale Foods", "Quintara Chemicals"]
    assert table.loc["Orvale Foods"].tolist() == [8, "1,900,000", "2.1%", "28.7%"]
    with pytest.raises(InputError, match="Customer 'Acme' is not among the 180 customers"):
        base.positions(["Acme"])
    with pytest.raises(InputError, match="as a list of names, not a str"):
        base.positions("Orvale Foods")


# --------------------------------------------------------------------------- learner's own list


def test_read_revenues_from_csv_and_xlsx(tmp_path: Path) -> None:
    csv = tmp_path / "mine.csv"
    csv.write_text("Account;Revenue\nAlpha;1 200,50\nBeta;300\n", encoding="utf-8")
    series = fu.read_revenues(csv)
    assert series.to_dict() == {"Alpha": 1200.5, "Beta": 300.0}
    pytest.importorskip("openpyxl")
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["account", "spend", "segment"])
    sheet.append(["Gamma", 5000, "Food"])
    sheet.append(["Delta", 1000, "Retail"])
    book.save(tmp_path / "mine.xlsx")
    assert fu.concentration(fu.read_revenues(tmp_path / "mine.xlsx")).top_share(1) == pytest.approx(5 / 6)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("account,segment\nA,Food\n", r"No revenue column found .* Columns in the file: segment"),
        ("account,revenue\nA,lots\n", r"row 2, column 'revenue': 'lots' is not a number"),
        ("account,revenue\nA,=1+1\n", r"holds a formula"),
        ("account,revenue\nA,\n", r"the cell is empty"),
        ("account,revenue\nA,-10\n", r"Customer 'A' has a negative revenue \(-10\)"),
    ],
)
def test_bad_learner_files_are_refused_with_file_row_and_column(tmp_path: Path, text: str, pattern: str) -> None:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=pattern):
        fu.concentration(fu.read_revenues(path))


def test_revenues_from_refuses_text_columns_and_wrong_types() -> None:
    frame = pd.DataFrame({"revenue": ["1", "2"]}, index=pd.Index(["A", "B"], name="account"))
    with pytest.raises(InputError, match="holds text"):
        fu.revenues_from(frame)
    with pytest.raises(InputError, match="not a dict"):
        fu.revenues_from({"revenue": [1]})  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"asked for: turnover_x"):
        fu.revenues_from(frame, "turnover_x")


# --------------------------------------------------------------------------- the lesson's tables


def test_tables_come_from_content() -> None:
    assert "Key account management (KAM)" in fu.definitions().index
    am = fu.am_vs_kam()
    assert list(am.columns) == ["Account management", "Key account management"] and len(am) >= 6
    assert "Three-to-five-year" in am.loc["Planning", "Key account management"]
    hierarchy = fu.buy_sell_hierarchy()
    assert list(hierarchy["Level"]) == [4, 3, 2, 1] and hierarchy.index[0] == "Trusted advisor"
    assert len(fu.traditional_vs_best_practice()) == 5
    stages = fu.implementation_stages()
    assert [s.split(". ", 1)[1] for s in stages.index] == [
        "Strategy and objectives",
        "Discovery",
        "Value-creating opportunities",
        "Planning and control",
        "Delivery",
    ]
    assert "09 Organise for key account management" in stages.iloc[0]["Taught in module"]


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: fu.concentration({"A": 1}).summary(5), r"cuts as a list of whole numbers"),  # type: ignore[arg-type]
        (lambda: fu.concentration({"A": 1}).summary(("5",)), r"The cut '5' is not allowed"),
        (lambda: fu.revenue_column(None), r"column names as a list"),  # type: ignore[arg-type]
        (lambda: fu.read_revenues(None), r"Give the file as a path"),  # type: ignore[arg-type]
        (lambda: fu.read_revenues("x.csv", column=3), r"Give the file as a path"),  # type: ignore[arg-type]
        (lambda: fu.revenues_from(pd.DataFrame({"revenue": [1.0]}), column=["revenue"]), r"neither"),  # type: ignore[arg-type]
    ],
)
def test_public_functions_refuse_wrong_types_with_input_error(call, pattern: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=pattern):
        call()
