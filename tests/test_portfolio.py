"""kamcourse.portfolio: categories, cuts, summary and allocation of KAM days."""

from __future__ import annotations

import pandas as pd
import pytest

from kamcourse import portfolio as pf
from kamcourse.errors import InputError


def rejects(parts, fn, *args, **kwargs):
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    for part in parts:
        assert part in str(info.value), str(info.value)


def test_categories_and_strategies():
    assert pf.CATEGORIES == ("Strategic", "Star", "Status", "Streamline")
    assert dict(pf.STRATEGIES) == {
        "Strategic": "strategic investment",
        "Star": "selective investment",
        "Status": "pro-active maintenance",
        "Streamline": "manage for cash",
    }


@pytest.mark.parametrize(
    ("a", "s", "expected"),
    [
        (800, 1.3, "Strategic"),
        (800, 0.7, "Star"),
        (200, 1.3, "Status"),
        (200, 0.7, "Streamline"),
        (500, 1.0, "Strategic"),  # exactly on both cuts: high/high
        (499.999, 1.0, "Status"),
        (500, 0.9999, "Star"),
        (0, 0, "Streamline"),
        (1000, 5, "Strategic"),
    ],
)
def test_classify_scalars_on_and_off_the_cuts(a, s, expected):
    assert pf.classify(a, s) == expected


def test_classify_series_aligned_by_index_and_custom_cuts():
    a = pd.Series({"X": 600, "Y": 400, "Z": 450})
    s = pd.Series({"Z": 1.2, "Y": 0.8, "X": 1.0})
    out = pf.classify(a, s)
    assert out.tolist() == ["Strategic", "Streamline", "Status"]
    assert list(out.index) == ["X", "Y", "Z"]
    assert list(out.cat.categories) == list(pf.CATEGORIES)
    assert pf.classify(a, s, attractiveness_cut=450, strength_cut=1.2).tolist() == ["Star", "Streamline", "Strategic"]


def test_classify_errors():
    rejects(
        ["same accounts", "only in attractiveness: X", "only in strength: W"],
        pf.classify,
        pd.Series({"X": 600}),
        pd.Series({"W": 1.0}),
    )
    rejects(["Attractiveness", "'X'", "1200", "0 to 1000"], pf.classify, pd.Series({"X": 1200}), pd.Series({"X": 1.0}))
    rejects(["Relative strength", "'X'", "'high'"], pf.classify, pd.Series({"X": 600}), pd.Series({"X": "high"}))
    rejects(["Relative strength", "'X'", "nan"], pf.classify, pd.Series({"X": 600}), pd.Series({"X": float("nan")}))
    rejects(["Attractiveness", "True"], pf.classify, True, 1.0)
    rejects(["strength cut", "0", "above 0"], pf.classify, 600, 1.0, strength_cut=0)
    rejects(["attractiveness cut", "1001"], pf.classify, 600, 1.0, attractiveness_cut=1001)
    rejects(["both as numbers or both as Series"], pf.classify, pd.Series({"X": 600}), 1.0)


def test_summary_counts_spend_and_shares():
    a = pd.Series({"A": 800, "B": 700, "C": 300, "D": 100})
    s = pd.Series({"A": 1.2, "B": 0.8, "C": 1.0, "D": 0.5})
    spend = pd.Series({"D": 100.0, "C": 100.0, "B": 200.0, "A": 600.0})
    table = pf.summary(a, s, spend)
    assert list(table.index) == list(pf.CATEGORIES)
    assert table["accounts"].tolist() == [1, 1, 1, 1]
    assert table["spend"].tolist() == [600.0, 200.0, 100.0, 100.0]
    assert table["share_of_spend"].tolist() == pytest.approx([0.6, 0.2, 0.1, 0.1])
    assert table.loc["Streamline", "strategy"] == "manage for cash"
    assert table.attrs["cuts"] == {"attractiveness": 500.0, "strength": 1.0}


def test_summary_median_cuts():
    a = pd.Series({"A": 900, "B": 850, "C": 800, "D": 750})
    s = pd.Series({"A": 1.5, "B": 1.4, "C": 1.3, "D": 1.2})
    assert pf.summary(a, s)["accounts"].tolist() == [4, 0, 0, 0]
    med = pf.summary(a, s, cuts="median")
    assert med.attrs["cuts"] == {"attractiveness": 825.0, "strength": 1.35}
    assert med["accounts"].tolist() == [2, 0, 0, 2]
    rejects(["'mean'", "median"], pf.summary, a, s, cuts="mean")
    rejects(["Spend", "'A'", "-1"], pf.summary, a, s, a * 0 - 1)


def test_allocate_days_whole_days_keep_the_total():
    table = pf.allocate_days(
        100,
        {"Strategic": 1, "Star": 1, "Status": 1},
        whole_days=True,
        accounts={"Strategic": 3, "Star": 0, "Status": 2, "Streamline": 5},
    )
    assert table["days"].sum() == 100
    assert table["days"].tolist() == [34, 33, 33, 0]
    assert pd.isna(table.loc["Star", "days_per_account"])
    assert table.loc["Status", "days_per_account"] == 16.5
    assert pf.allocate_days(10, {"Strategic": 3, "Streamline": 1})["days"].tolist() == [7.5, 0, 0, 2.5]


def test_allocate_days_errors():
    rejects(["-5"], pf.allocate_days, -5, {"Strategic": 1})
    rejects(["'Gold'", "Strategic, Star, Status, Streamline"], pf.allocate_days, 10, {"Gold": 1})
    rejects(["'Star'", "'x'"], pf.allocate_days, 10, {"Star": "x"})
    rejects(["'Star'", "-1"], pf.allocate_days, 10, {"Star": -1})
    rejects(["Every allocation weight is 0"], pf.allocate_days, 10, {"Star": 0})
    rejects(["10.5"], pf.allocate_days, 10.5, {"Star": 1}, whole_days=True)
    rejects(["'Star'", "2.5"], pf.allocate_days, 10, {"Star": 1}, accounts={"Star": 2.5})


def test_category_label():
    assert pf.category_label("Star") == "Star"
    rejects(["'Gold'"], pf.category_label, "Gold")


def test_same_accounts_in_another_order_or_repeated_is_named():
    from kamcourse._differences import describe_difference

    assert (
        describe_difference(["A", "B"], ["B", "A"])
        == "the same names, but one appears twice or they come in another order"
    )
    assert describe_difference(["A", "B"], ["A", "C"]) == "missing B; extra C"
