"""kamcourse.selection: scores, contributions, relative strength, calibration, sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamcourse import portfolio as pf
from kamcourse import selection as sel
from kamcourse.errors import InputError

W = {"Size": 50, "Growth": 30, "Fit": 20}


def ratings(rows: dict[str, list[object]], columns=("Size", "Growth", "Fit")) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(columns))


def rejects(match: list[str], fn, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    msg = str(info.value)
    for part in match:
        assert part in msg, msg
    return msg


# ------------------------------------------------------------------ DHL reference case
def test_dhl_example_scores_520_and_655():
    w, r = sel.dhl_example()
    scores = sel.weighted_scores(w, r)
    assert scores.name == "score"
    assert scores.to_dict() == {"Account A": 520.0, "Account B": 655.0}


def test_contributions_sum_to_scores_in_weight_order():
    w, r = sel.dhl_example()
    contrib = sel.contributions(w, r[list(reversed(r.columns))])
    assert list(contrib.columns) == list(w.index)
    assert contrib.loc["Account A", "Size of wallet"] == 225
    assert contrib.sum(axis=1).tolist() == [520.0, 655.0]


def test_column_order_and_spaces_do_not_matter():
    r = ratings({"A": [10, 0, 5]})
    shuffled = r[["Fit", "Size", "Growth"]].rename(columns={"Fit": " Fit "})
    assert sel.weighted_scores(W, shuffled)["A"] == 600.0
    assert sel.weighted_scores(pd.Series(W), r)["A"] == 600.0


def test_extremes_0_and_1000_and_int_ratings():
    r = ratings({"Low": [0, 0, 0], "High": [10, 10, 10]})
    assert sel.weighted_scores(W, r).tolist() == [0.0, 1000.0]


# ------------------------------------------------------------------ weights
@pytest.mark.parametrize(
    ("weights", "parts"),
    [
        ({"Size": 50, "Growth": 30, "Fit": 19}, ["99", "not 100", "Size 50"]),
        ({"Size": 50, "Growth": 30, "Fit": 19.999999}, ["99.999999", "not 100"]),
        ({"Size": 50, "Growth": 30, "Fit": "20"}, ["'Fit'", "'20'", "number"]),
        ({"Size": 50, "Growth": 30, "Fit": True}, ["'Fit'", "True"]),
        ({"Size": 70, "Growth": 50, "Fit": -20}, ["'Fit'", "-20", "negative"]),
        ({"Size": 50, "Growth": 30, "Fit": float("nan")}, ["'Fit'", "nan", "finite"]),
        ({"Size": 50, "Growth": 30, "Fit": float("inf")}, ["'Fit'", "inf"]),
        ({"Size": 50, "Growth": 30, "": 20}, ["''", "non-empty"]),
        ({"Size": 50, "Growth": 30, " Size ": 20}, ["'Size'", "twice"]),
        ({}, ["No weights"]),
    ],
)
def test_bad_weights_are_rejected_with_item_and_value(weights, parts):
    rejects(parts, sel.weighted_scores, weights, ratings({"A": [1, 2, 3]}))


def test_weights_not_a_mapping():
    rejects(["list"], sel.weighted_scores, [50, 30, 20], ratings({"A": [1, 2, 3]}))


def test_weights_within_1e_9_are_accepted_and_minus_zero_is_zero():
    w = {"Size": 50, "Growth": 30, "Fit": 20 - 1e-12}
    assert sel.weighted_scores(w, ratings({"A": [1, 1, 1]}))["A"] == pytest.approx(100.0)
    w0 = {"Size": 70, "Growth": 30, "Fit": -0.0}
    assert sel.validate_weights(w0)["Fit"] == 0.0
    # thirds that do not add up exactly in binary floating point
    thirds = {"Size": 100 / 3, "Growth": 100 / 3, "Fit": 100 / 3}
    assert sel.weighted_scores(thirds, ratings({"A": [3, 3, 3]}))["A"] == pytest.approx(300.0)


# ------------------------------------------------------------------ ratings
@pytest.mark.parametrize(
    ("rows", "parts"),
    [
        ({"Alpha": [10.01, 1, 1]}, ["'Alpha'", "'Size'", "10.01", "0 to 10"]),
        ({"Alpha": [1, -0.5, 1]}, ["'Alpha'", "'Growth'", "-0.5"]),
        ({"Alpha": [1, 2, float("nan")]}, ["'Alpha'", "'Fit'", "missing"]),
        ({"Alpha": [1, 2, 3], "Beta": [1, "high", 3]}, ["'Beta'", "'Growth'", "'high'", "not text"]),
        ({"Alpha": [1, 2, None], "Beta": [1, 2, 3]}, ["'Alpha'", "'Fit'", "missing"]),
        ({"Alpha": [1, 2, float("inf")]}, ["'Alpha'", "'Fit'", "inf"]),
    ],
)
def test_bad_ratings_name_account_criterion_value(rows, parts):
    rejects(parts, sel.weighted_scores, W, ratings(rows))


def test_boolean_ratings_rejected():
    r = ratings({"Alpha": [1, 2, 3]})
    r["Fit"] = [True]
    rejects(["'Alpha'", "'Fit'", "True"], sel.weighted_scores, W, r)


def test_rating_boundaries_10_and_minus_zero_accepted():
    r = ratings({"Alpha": [10, -0.0, 10]})
    assert sel.weighted_scores(W, r)["Alpha"] == 700.0


def test_unknown_and_unrated_criteria():
    rejects(
        ["'Price'", "no weight", "Size, Growth, Fit"],
        sel.weighted_scores,
        W,
        ratings({"A": [1, 2, 3, 4]}, columns=("Size", "Growth", "Fit", "Price")),
    )
    rejects(["'Fit'", "no ratings column"], sel.weighted_scores, W, ratings({"A": [1, 2]}, columns=("Size", "Growth")))


def test_account_names_unique_non_empty_text():
    rejects(
        ["'Alpha'", "more than once", "rows 1, 3"],
        sel.weighted_scores,
        W,
        pd.DataFrame([[1, 2, 3]] * 3, index=["Alpha", "Beta", " Alpha "], columns=list(W)),
    )
    rejects(
        ["row 2", "empty name"],
        sel.weighted_scores,
        W,
        pd.DataFrame([[1, 2, 3]] * 2, index=["Alpha", "   "], columns=list(W)),
    )
    rejects(["0", "not text", "index"], sel.weighted_scores, W, pd.DataFrame([[1, 2, 3]], columns=list(W)))


def test_empty_table_and_wrong_type():
    rejects(["no accounts"], sel.weighted_scores, W, pd.DataFrame(columns=list(W), dtype=float))
    rejects(["DataFrame", "dict"], sel.weighted_scores, W, {"A": [1, 2, 3]})


def test_nullable_and_object_numeric_columns_are_accepted():
    r = pd.DataFrame(
        {
            "Size": pd.array([1, 2], dtype="Int64"),
            "Growth": pd.Series([1, 2.5], dtype=object, index=["A", "B"]),
            "Fit": [3.0, 4.0],
        },
        index=["A", "B"],
    )
    assert sel.weighted_scores(W, r).tolist() == [50 + 30 + 60, 100 + 75 + 80]
    r.loc["B", "Size"] = pd.NA
    rejects(["'B'", "'Size'", "missing"], sel.weighted_scores, W, r)


def test_large_table_is_validated_by_position():
    rng = np.random.default_rng(1)
    arr = rng.uniform(0, 10, size=(5000, 3))
    arr[4321, 2] = 11
    frame = pd.DataFrame(arr, index=[f"acc{i}" for i in range(5000)], columns=list(W))
    rejects(["'acc4321'", "'Fit'", "11"], sel.weighted_scores, W, frame)


# ------------------------------------------------------------------ relative strength
CSF = {"Price": 40, "Quality": 60}


def test_relative_strength_our_score_over_best_competitor():
    r = pd.DataFrame({"Price": [8, 6, 9], "Quality": [7, 5, 4]}, index=["Us", "Comp A", "Comp B"])
    # us 32+42=74; A 24+30=54; B 36+24=60 -> 74/60
    assert pf.relative_strength(CSF, r, "Us") == pytest.approx(74 / 60)
    assert pf.relative_strength(CSF, r, " Us ") == pytest.approx(74 / 60)


def test_relative_strength_errors():
    r = pd.DataFrame({"Price": [8, 0, 0], "Quality": [7, 0, 0]}, index=["Us", "Comp A", "Comp B"])
    rejects(["Comp A, Comp B", "0", "undefined"], pf.relative_strength, CSF, r, "Us")
    rejects(["'Them'", "not among", "Us, Comp A, Comp B"], pf.relative_strength, CSF, r, "Them")
    rejects(["'Us'", "competitor"], pf.relative_strength, CSF, r.loc[["Us"]], "Us")
    bad = pd.DataFrame({"Price": [8, 11], "Quality": [7, 5]}, index=["Us", "Comp A"])
    rejects(["supplier", "'Comp A'", "'Price'", "11"], pf.relative_strength, CSF, bad, "Us")


def test_relative_strengths_for_many_accounts():
    long = pd.DataFrame(
        {
            "account": ["X", "X", "Y", "Y"],
            "supplier": ["Us", "Them"] * 2,
            "Price": [5, 5, 10, 5],
            "Quality": [5, 10, 10, 5],
        }
    )
    s = pf.relative_strengths(CSF, long, "Us")
    assert s.to_dict() == {"X": pytest.approx(50 / 80), "Y": pytest.approx(2.0)}
    weights = pd.DataFrame({"Price": [100, 0], "Quality": [0, 100]}, index=["X", "Y"])
    assert pf.relative_strengths(weights, long, "Us").to_dict() == {"X": 1.0, "Y": 2.0}
    rejects(["'X'", "'Us'", "not among"], pf.relative_strengths, CSF, long.replace({"supplier": {"Us": "Other"}}), "Us")


# ------------------------------------------------------------------ calibration
def test_calibration_mean_spread_and_ranking():
    a = ratings({"Alpha": [8, 5, 5], "Beta": [2, 5, 5]})
    b = ratings({"Alpha": [8, 5, 9], "Beta": [2, 6, 1]})
    c = ratings({"Alpha": [8, 5, 7], "Beta": [2, 7, 3]})
    cal = sel.calibrate({"Ann": a, "Bob": b, "Cem": c.loc[["Beta", "Alpha"]]})
    assert cal.mean.loc["Alpha", "Fit"] == 7.0
    assert cal.range.loc["Beta", "Fit"] == 4.0
    assert cal.std.loc["Alpha", "Size"] == 0.0
    assert cal.std.loc["Beta", "Growth"] == pytest.approx(np.std([5, 6, 7]))
    assert list(cal.by_criterion.index) == ["Fit", "Growth", "Size"]
    top = cal.disagreements.iloc[0]
    assert (top["account"], top["criterion"], top["range"]) in {("Alpha", "Fit", 4.0), ("Beta", "Fit", 4.0)}


def test_calibration_long_form_equals_dict_form():
    long = pd.DataFrame(
        [
            (r, acc, crit, v)
            for r, vals in {"Ann": [1, 2], "Bob": [3, 6]}.items()
            for (acc, crit), v in zip([("A", "Size"), ("A", "Fit")], vals, strict=False)
        ],
        columns=["rater", "account", "criterion", "rating"],
    )
    cal = sel.calibrate(long)
    assert cal.mean.loc["A", "Fit"] == 4.0 and cal.range.loc["A", "Size"] == 2.0


def test_calibration_errors():
    a = ratings({"Alpha": [8, 5, 5]})
    rejects(["at least two raters", "1"], sel.calibrate, {"Ann": a})
    rejects(
        ["'Bob'", "same accounts", "missing Alpha", "extra Beta"],
        sel.calibrate,
        {"Ann": a, "Bob": a.rename(index={"Alpha": "Beta"})},
    )
    rejects(["'Bob'", "same criteria", "missing Fit"], sel.calibrate, {"Ann": a, "Bob": a.drop(columns="Fit")})
    rejects(["'Bob'", "'Alpha'", "'Fit'", "12"], sel.calibrate, {"Ann": a, "Bob": a.assign(Fit=12)})


# ------------------------------------------------------------------ sensitivity
def test_rescaled_weights_keep_sum_and_proportions():
    w = sel.rescaled_weights(W, "Size", 80)
    assert w.to_dict() == pytest.approx({"Size": 80, "Growth": 12, "Fit": 8})
    w = sel.rescaled_weights({"Size": 100, "Growth": 0, "Fit": 0}, "Size", 40)
    assert w.to_dict() == pytest.approx({"Size": 40, "Growth": 30, "Fit": 30})


def test_sensitivity_ranking_and_crossover_matches_dhl():
    w, r = sel.dhl_example()
    ranks = sel.sensitivity(w, r, "Size of wallet", [0, 25, 43.9, 44, 100])
    assert ranks.loc[25.0].to_dict() == {"Account A": 2, "Account B": 1}
    assert ranks.loc[44.0].to_dict() == {"Account A": 1, "Account B": 2}
    cross = sel.crossovers(w, r, "Size of wallet")
    assert len(cross) == 1
    v = cross.loc[0, "weight"]
    assert v == pytest.approx(313.3333333 / 7.1333333, rel=1e-6)
    # at the crossover both accounts score the same with the rescaled weights
    scores = sel.weighted_scores(sel.rescaled_weights(w, "Size of wallet", v), r)
    assert scores["Account A"] == pytest.approx(scores["Account B"])
    assert cross.loc[0, "above"] == "Account A"
    # the scores at the current weight are the ordinary weighted scores
    at_25 = sel.sensitivity_scores(w, r, "Size of wallet", [25])
    assert at_25.iloc[0].tolist() == pytest.approx([520.0, 655.0])


def test_sensitivity_errors():
    w, r = sel.dhl_example()
    rejects(["'Price'", "no weight"], sel.sensitivity, w, r, "Price")
    rejects(["101", "0 to 100"], sel.sensitivity, w, r, "Global operator", [50, 101])
    rejects(["at least one"], sel.sensitivity, w, r, "Global operator", [])
    rejects(["60", "50"], sel.crossovers, w, r, "Global operator", low=60, high=50)


# ------------------------------------------------------------------ content
def test_case_portfolio_is_consistent_and_spread_over_quadrants():
    from kamcourse import portfolio

    case = sel.case_portfolio()
    assert len(case.ratings) == 20
    assert case.weights.sum() == 100
    assert (case.csf_weights.sum(axis=1) == 100).all()
    assert set(case.csf_ratings["supplier"]) == {case.supplier, *case.competitors}
    table = case.table()
    counts = portfolio.classify(table["attractiveness"], table["strength"]).value_counts()
    assert all(counts[c] >= 3 for c in portfolio.CATEGORIES), counts
    assert (table["spend"] > 0).all()


def test_criteria_families_name_both_authors():
    fam = sel.criteria_families()
    assert "Capon" in fam["capon"]["source"] and "Woodburn" in fam["woodburn"]["source"]
    assert len(fam["capon"]["groups"]) == 2 and len(fam["woodburn"]["groups"]) == 3
