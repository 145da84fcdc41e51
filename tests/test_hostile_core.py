"""Every public function of the core, walked with hostile arguments (issue 9, classes 6, 7, 10).

For each function a valid call is known; each of its parameters is then replaced, one at a time,
by every value of the corpus in ``tests/hostile.py`` and by hostile values of the parameter's
own shape (a weights mapping with a weight of 10**400, a ratings table with mixed int/str
account labels...). The function may accept the value or refuse it with
:class:`~kamcourse.errors.InputError`; any other exception (TypeError, OverflowError,
UnicodeEncodeError, KeyError, OSError...) fails the test and is named in the report.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hostile import HUGE_INT, LONE_SURROGATE, LONG_TEXT, MATH_NAME, SCALARS

from kamcourse import checks, framework, io, portfolio, relationships, selection
from kamcourse.errors import InputError
from kamcourse.workbook import WorkbookWarning

DATA = Path(__file__).parent / "data" / "accounts"

CASE = selection.case_portfolio()
WEIGHTS = CASE.weights.to_dict()
RATINGS = CASE.ratings.head(5)
CRITERION = next(iter(WEIGHTS))
CSF_W, CSF_R, US = portfolio.case_csf("Orvale Foods")
TABLE = CASE.table()
A, S, SPEND = TABLE["attractiveness"], TABLE["strength"], TABLE["spend"]
PER_ACCOUNT = CASE.csf_weights.loc[CASE.accounts["segment"]].set_axis(CASE.accounts.index)


def _ratings_with(**changes: Any) -> pd.DataFrame:
    frame = RATINGS.copy().astype(object)
    for where, value in changes.items():
        frame.iloc[0, int(where[1:])] = value
    return frame


def _first_cell(frame: pd.DataFrame, value: Any) -> pd.DataFrame:
    out = frame.astype(object)
    out.iloc[0, 0] = value
    return out


def _relabelled(frame: pd.DataFrame, labels: list[Any]) -> pd.DataFrame:
    out = frame.copy()
    out.index = pd.Index(labels, dtype=object)
    return out


def _bad_weights() -> list[tuple[str, Any]]:
    names = list(WEIGHTS)
    return [
        ("weight_huge_int", {**WEIGHTS, names[0]: HUGE_INT}),
        ("weight_text", {**WEIGHTS, names[0]: "thirty"}),
        ("weight_list", {**WEIGHTS, names[0]: [30]}),
        ("weight_fraction_huge", {**WEIGHTS, names[0]: 1e308}),
        ("criteria_numbers", {i: v for i, v in enumerate(WEIGHTS.values())}),
        ("criterion_blank", {"": 100}),
        ("criterion_surrogate", {LONE_SURROGATE: 100}),
        ("criterion_tuple", {("a", "b"): 100}),
        ("series_object", pd.Series({**WEIGHTS, names[0]: HUGE_INT}, dtype=object)),
    ]


def _bad_ratings() -> list[tuple[str, Any]]:
    n = len(RATINGS)
    return [
        ("rating_huge_int", _ratings_with(c0=HUGE_INT)),
        ("rating_text", _ratings_with(c0="seven")),
        ("rating_list", _ratings_with(c0=[7])),
        ("rating_none", _ratings_with(c0=None)),
        ("names_mixed_int_str", _relabelled(RATINGS, [1, *RATINGS.index[1:]])),
        ("names_nan", _relabelled(RATINGS, [float("nan"), *RATINGS.index[1:]])),
        ("names_list", _relabelled(RATINGS, [("a", "b"), *RATINGS.index[1:]])),
        ("names_surrogate", _relabelled(RATINGS, [LONE_SURROGATE, *RATINGS.index[1:]])),
        ("names_math", _relabelled(RATINGS, [MATH_NAME, *RATINGS.index[1:]])),
        ("columns_numbers", RATINGS.set_axis(range(RATINGS.shape[1]), axis=1)),
        ("columns_duplicate", RATINGS.set_axis([RATINGS.columns[0]] * RATINGS.shape[1], axis=1)),
        ("multiindex", RATINGS.set_axis(pd.MultiIndex.from_tuples([(str(i), i) for i in range(n)]))),
        ("bool_column", RATINGS.assign(**{CRITERION: True})),
        ("complex_column", RATINGS.assign(**{CRITERION: 1 + 2j})),
    ]


def _first_value(base: pd.Series, value: Any) -> pd.Series:
    out = base.astype(object)
    out.iloc[0] = value
    return out


def _bad_series(base: pd.Series) -> list[tuple[str, Any]]:
    return [
        ("value_huge_int", _first_value(base, HUGE_INT)),
        ("value_text", _first_value(base, "high")),
        ("value_inf", _first_value(base, math.inf).astype(float)),
        ("value_max_float", _first_value(base, 1e308).astype(float)),
        ("index_mixed", base.set_axis([0, *base.index[1:]])),
        ("index_nan", base.set_axis([float("nan"), *base.index[1:]])),
        ("index_duplicate", base.set_axis([base.index[0]] * len(base))),
        ("index_tuple", base.set_axis([("a", 1), *base.index[1:]])),
        ("empty", base.iloc[:0]),
    ]


def _long_ratings(base: pd.DataFrame, column: str) -> list[tuple[str, Any]]:
    return [
        (f"{column}_{tag}", base.assign(**{column: _first_value(base[column], value)}))
        for tag, value in (("nan", np.nan), ("blank", " "), ("int", 7), ("list", ["x"]), ("huge", HUGE_INT))
    ]


TEAM = selection.case_team_ratings()
GOOD_CSV = DATA / "good_utf8.csv"

# function -> (valid keyword arguments, extra hostile values per parameter)
CALLS: dict[str, tuple[Callable[..., Any], dict[str, Any], dict[str, list[tuple[str, Any]]]]] = {
    "selection.validate_weights": (selection.validate_weights, {"weights": WEIGHTS}, {"weights": _bad_weights()}),
    "selection.validate_ratings": (
        selection.validate_ratings,
        {"weights": WEIGHTS, "ratings": RATINGS, "what": "account"},
        {"weights": _bad_weights(), "ratings": _bad_ratings()},
    ),
    "selection.weighted_scores": (
        selection.weighted_scores,
        {"weights": WEIGHTS, "ratings": RATINGS},
        {"weights": _bad_weights(), "ratings": _bad_ratings()},
    ),
    "selection.contributions": (
        selection.contributions,
        {"weights": WEIGHTS, "ratings": RATINGS},
        {"weights": _bad_weights(), "ratings": _bad_ratings()},
    ),
    "portfolio.relative_strength": (
        portfolio.relative_strength,
        {"weights": CSF_W, "ratings": CSF_R, "us": US},
        {
            "ratings": [
                ("names_mixed", _relabelled(CSF_R, [1, *CSF_R.index[1:]])),
                ("names_nan", _relabelled(CSF_R, [np.nan, *CSF_R.index[1:]])),
            ]
        },
    ),
    "portfolio.relative_strengths": (
        portfolio.relative_strengths,
        {
            "weights": PER_ACCOUNT,
            "ratings": CASE.csf_ratings,
            "us": CASE.supplier,
            "account": "account",
            "supplier": "supplier",
        },
        {
            "ratings": _long_ratings(CASE.csf_ratings, "account") + _long_ratings(CASE.csf_ratings, "supplier"),
            "weights": [("per_account_huge", _first_cell(PER_ACCOUNT, HUGE_INT))],
        },
    ),
    "selection.calibrate": (
        selection.calibrate,
        {"team_ratings": TEAM},
        {
            "team_ratings": _long_ratings(TEAM, "rater")
            + _long_ratings(TEAM, "account")
            + _long_ratings(TEAM, "criterion")
            + _long_ratings(TEAM, "rating")
            + [
                ("dict_of_junk", {"a": 5, "b": "x"}),
                ("dict_mixed_names", {"a": _relabelled(RATINGS, [1, *RATINGS.index[1:]]), "b": RATINGS}),
            ]
        },
    ),
    "selection.rescaled_weights": (
        selection.rescaled_weights,
        {"weights": WEIGHTS, "criterion": CRITERION, "value": 30},
        {"weights": _bad_weights()},
    ),
    "selection.rescale_to_100": (
        selection.rescale_to_100,
        {"weights": {"a": 30, "b": 30}, "keep": "a", "integers": True},
        {"weights": _bad_weights()},
    ),
    "selection.sensitivity": (
        selection.sensitivity,
        {"weights": WEIGHTS, "ratings": RATINGS, "criterion": CRITERION, "values": [0, 50]},
        {
            "values": [
                ("values_huge", [HUGE_INT]),
                ("values_text", ["x"]),
                ("values_generator_bad", (v for v in [1, None])),
            ],
            "ratings": _bad_ratings(),
        },
    ),
    "selection.crossovers": (
        selection.crossovers,
        {"weights": WEIGHTS, "ratings": RATINGS, "criterion": CRITERION, "low": 0, "high": 100},
        {"ratings": _bad_ratings()},
    ),
    "portfolio.category_label": (portfolio.category_label, {"category": "Star"}, {}),
    "portfolio.classify(scalar)": (
        portfolio.classify,
        {"attractiveness": 600.0, "strength": 1.2, "attractiveness_cut": 500, "strength_cut": 1.0},
        {},
    ),
    "portfolio.classify(series)": (
        portfolio.classify,
        {"attractiveness": A, "strength": S},
        {"attractiveness": _bad_series(A), "strength": _bad_series(S)},
    ),
    "portfolio.median_cuts": (
        portfolio.median_cuts,
        {"attractiveness": A, "strength": S},
        {"attractiveness": _bad_series(A), "strength": _bad_series(S)},
    ),
    "portfolio.summary": (
        portfolio.summary,
        {
            "attractiveness": A,
            "strength": S,
            "spend": SPEND,
            "cuts": "default",
            "attractiveness_cut": 500,
            "strength_cut": 1.0,
        },
        {"attractiveness": _bad_series(A), "strength": _bad_series(S), "spend": _bad_series(SPEND)},
    ),
    "portfolio.allocate_days": (
        portfolio.allocate_days,
        {
            "total_days": 400,
            "weights": {"Strategic": 50, "Star": 25, "Status": 20, "Streamline": 5},
            "accounts": {"Strategic": 3, "Star": 4, "Status": 5, "Streamline": 8},
            "whole_days": True,
        },
        {
            "weights": [
                ("four_max_floats", dict.fromkeys(portfolio.CATEGORIES, 1e308)),
                ("huge", {"Strategic": HUGE_INT}),
                ("list_key", {("a",): 1}),
            ],
            "accounts": [("count_huge", {"Strategic": HUGE_INT}), ("count_float", {"Strategic": 2.5})],
        },
    ),
    "portfolio.compare_suppliers": (
        portfolio.compare_suppliers,
        {"weights": CSF_W, "ratings": CSF_R, "us": US},
        {"ratings": [("names_mixed", _relabelled(CSF_R, [1, *CSF_R.index[1:]]))]},
    ),
    "portfolio.case_csf": (portfolio.case_csf, {"account": "Orvale Foods"}, {}),
    "relationships.stage": (relationships.stage, {"value": "basic", "item": "x"}, {}),
    "relationships.stage_for_total": (relationships.stage_for_total, {"total": 5}, {}),
    "relationships.parse_answer": (relationships.parse_answer, {"value": 2, "statement": "?"}, {}),
    "relationships.quick_check": (
        relationships.quick_check,
        {"answers": [0, 1, 2, 3, 2, 1]},
        {"answers": [("answers_huge", [HUGE_INT] * 6), ("answers_list_keys", {"a": 1})]},
    ),
    "relationships.compare_views": (
        relationships.compare_views,
        {"first": [0, 1, 2, 3, 2, 1], "second": [1, 1, 1, 1, 1, 1], "first_label": "A", "second_label": "B"},
        {},
    ),
    "relationships.fit_for_category": (relationships.fit_for_category, {"category": "Star"}, {}),
    "relationships.stage_gap": (relationships.stage_gap, {"category": "Star", "current": "basic", "item": "x"}, {}),
    "relationships.portfolio_fit": (
        relationships.portfolio_fit,
        {"portfolio": relationships.case_portfolio()},
        {
            "portfolio": [
                ("mapping_bad", {"a": 5}),
                ("mapping_int_key", {1: ("Star", "basic")}),
                ("frame_nan", relationships.case_portfolio().assign(account=np.nan)),
            ]
        },
    ),
    "relationships.contacts": (
        relationships.contacts,
        {"items": [("Key account manager", "Buyer")]},
        {"items": [("pair_of_lists", [(["a"], "b")]), ("pair_surrogate", [(LONE_SURROGATE, "b")])]},
    ),
    "relationships.contact_structure": (relationships.contact_structure, {"items": [("a", "b"), ("c", "d")]}, {}),
    "relationships.Contact": (relationships.Contact, {"supplier": "a", "customer": "b"}, {}),
    "relationships.case": (relationships.case, {"case_id": relationships.cases()[0].id}, {}),
    "relationships.parse_contact_lines": (
        relationships.parse_contact_lines,
        {"text": "a - b\nc - d"},
        {"text": [("many_lines", "a - b\n" * 5000)]},
    ),
    "framework.dimension": (framework.dimension, {"name": "process stages"}, {}),
    "framework.element": (framework.element, {"name": "key account plan"}, {}),
    "framework.table": (framework.table, {"detail": "name"}, {}),
    "io.read_accounts": (
        io.read_accounts,
        {
            "path": GOOD_CSV,
            "required": ("account",),
            "numeric": ["spend"],
            "account_column": "account",
            "max_rows": 100,
        },
        {
            "path": [
                ("long_name", Path("/tmp") / ("a" * 300 + ".csv")),
                ("long_path", Path("/tmp/" + "/".join(["d" * 200] * 30) + "/x.csv")),
                ("folder", DATA.with_suffix(".csv")),
                ("nul_path", "acc\x00ounts.csv"),
            ],
            "numeric": [("number_names", [1, 2]), ("generator", (c for c in ["spend"]))],
            "max_rows": [("float", 10.5)],
        },
    ),
    "io.parse_number": (io.parse_number, {"text": "1 234,5", "decimal": ","}, {}),
    "io.example": (io.example, {"name": "accounts_fr.csv"}, {}),
    "checks.exercise": (checks.exercise, {"exercise_id": "kap.placement"}, {}),
    "checks.exercises": (checks.exercises, {"group": "kap"}, {}),
    "checks.is_unanswered": (checks.is_unanswered, {"answer": "x"}, {}),
}

CASES = [(name, param) for name, (func, kwargs, _extra) in CALLS.items() for param in kwargs]


def _values_for(name: str, param: str) -> list[tuple[str, Any]]:
    return list(SCALARS) + CALLS[name][2].get(param, [])


def _run(func: Callable[..., Any], kwargs: dict[str, Any]) -> BaseException | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", WorkbookWarning)
            func(**kwargs)
    except InputError:
        return None
    except Exception as exc:  # noqa: BLE001 - the point of the test
        return exc
    return None


def test_every_valid_call_works() -> None:
    for func, kwargs, _extra in CALLS.values():
        func(**kwargs)


@pytest.mark.parametrize(("name", "param"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_hostile_argument_gives_input_error_or_a_result(name: str, param: str) -> None:
    func, kwargs, _extra = CALLS[name]
    failures = []
    for value_id, value in _values_for(name, param):
        exc = _run(func, {**kwargs, param: value})
        if exc is not None:
            failures.append(f"{param}={value_id}: {type(exc).__name__}: {str(exc)[:120]}")
    assert not failures, f"{name}:\n" + "\n".join(failures)


# ----------------------------------------------------------------- the issue's own examples, refused
def _refuses(call: Callable[[], Any], *words: str) -> str:
    with pytest.raises(InputError) as info:
        call()
    for word in words:
        assert word in str(info.value), str(info.value)
    return str(info.value)


@pytest.mark.parametrize("big", [HUGE_INT, 1e308 + 1e308, Fraction(HUGE_INT, 7)])
def test_overflowing_numbers_are_refused_as_not_finite(big: Any) -> None:
    _refuses(lambda: selection.validate_weights({**WEIGHTS, CRITERION: big}), CRITERION)
    _refuses(lambda: selection.rescale_to_100({"a": big, "b": 1}), "'a'")
    _refuses(lambda: selection.rescaled_weights(WEIGHTS, CRITERION, big), CRITERION)
    _refuses(lambda: portfolio.classify(big, 1.0), "Attractiveness")
    _refuses(lambda: portfolio.classify(500.0, 1.0, strength_cut=big), "strength cut")
    _refuses(lambda: portfolio.allocate_days(big, {"Star": 1}), "budget")
    _refuses(lambda: portfolio.allocate_days(10, {"Star": big}), "'Star'")
    _refuses(lambda: selection.weighted_scores(WEIGHTS, _ratings_with(c0=big)), RATINGS.index[0])


def test_the_sum_of_large_allocation_weights_does_not_overflow() -> None:
    table = portfolio.allocate_days(400, dict.fromkeys(portfolio.CATEGORIES, 1e308))
    assert table["days"].tolist() == [100.0] * 4


@pytest.mark.parametrize(
    "check",
    [
        lambda: io.read_accounts(None),
        lambda: io.parse_number(None),
        lambda: selection.sensitivity(WEIGHTS, RATINGS, CRITERION, values=5),
        lambda: selection.sensitivity(WEIGHTS, RATINGS, [CRITERION]),
        lambda: selection.validate_weights({("a", "b"): 100}),
        lambda: selection.validate_weights({**WEIGHTS, CRITERION: "thirty"}),
        lambda: selection.weighted_scores(WEIGHTS, _relabelled(RATINGS, [["x"], *RATINGS.index[1:]])),
        lambda: selection.weighted_scores(WEIGHTS, _relabelled(RATINGS, [1, *RATINGS.index[1:]])),
        lambda: portfolio.classify(A, S.set_axis([["x"], *S.index[1:]])),
        lambda: portfolio.summary(A, S, cuts=["median"]),
        lambda: portfolio.category_label(["Star"]),
        lambda: relationships.stage_for_total(Fraction(HUGE_INT, 3)),
        lambda: checks.exercises("x" * 5000),
        lambda: checks.exercise("x" * 5000 + ".y"),
    ],
    ids=[
        "read_accounts(None)",
        "parse_number(None)",
        "sensitivity(values=5)",
        "criterion_list",
        "criterion_tuple",
        "weight_thirty",
        "account_list",
        "account_int",
        "series_label_list",
        "cuts_list",
        "category_list",
        "total_fraction",
        "long_group",
        "long_exercise_id",
    ],
)
def test_wrong_types_named_in_the_issue_are_refused_with_input_error(check: Callable[[], Any]) -> None:
    _refuses(check)


def test_mixed_int_and_text_account_labels_compare_safely() -> None:
    a = pd.Series({1: 600.0, "Beta": 300.0})
    s = pd.Series({"Beta": 0.8, 1: 1.2})  # the same accounts in another order
    assert portfolio.classify(a, s).tolist() == ["Strategic", "Streamline"]
    _refuses(lambda: portfolio.classify(a, pd.Series({"Beta": 0.8, "1": 1.2})), "do not cover the same accounts")


@pytest.mark.parametrize("column", ["account", "supplier"])
@pytest.mark.parametrize("blank", [np.nan, None, "  "])
def test_a_row_without_a_name_in_a_long_table_is_refused_not_dropped(column: str, blank: Any) -> None:
    ratings = CASE.csf_ratings.copy().astype({column: object})
    ratings.loc[ratings.index[4], column] = blank
    message = _refuses(lambda: portfolio.relative_strengths(PER_ACCOUNT, ratings, CASE.supplier), "Row 6", repr(column))
    assert f"no {column}" in message


@pytest.mark.parametrize("column", ["rater", "account", "criterion"])
def test_calibration_rows_without_a_name_are_refused(column: str) -> None:
    team = TEAM.copy().astype({column: object})
    team.loc[team.index[0], column] = np.nan
    _refuses(lambda: selection.calibrate(team), "Row 2", repr(column))
    team.loc[team.index[0], column] = 7
    _refuses(lambda: selection.calibrate(team), "Row 2", "named by text")


def test_messages_quote_huge_values_briefly() -> None:
    message = _refuses(lambda: selection.validate_weights({CRITERION: 10**5000}))
    assert "1.000E+5000" in message and len(message) < 300
    message = _refuses(lambda: framework.element(LONG_TEXT))
    assert len(message) < 1000
