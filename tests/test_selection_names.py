"""Account names checked the fast way (issue 15) refuse what they refused before, with the same
messages, and a table checked once (check_ratings) scores like the table itself."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamcourse import portfolio, selection
from kamcourse.errors import InputError
from kamcourse.selection.scoring import check_names

WEIGHTS = {"a": 60, "b": 40}

NOT_TEXT = "The account name {name} (row {row}) is not text"
EMPTY = "The account in row {row} has an empty name"
DUPLICATE = "The account '{name}' appears more than once (rows {rows})"


@pytest.mark.parametrize(
    ("names", "dtype", "message"),
    [
        (["Orvale", np.nan], "str", NOT_TEXT.format(name="nan", row=2)),  # a missing name in a str column
        (["Orvale", np.nan], object, NOT_TEXT.format(name="nan", row=2)),
        (["Orvale", None], object, NOT_TEXT.format(name="None", row=2)),
        (["Orvale", b"Quintara"], object, NOT_TEXT.format(name="b'Quintara'", row=2)),
        ([7, "Orvale"], object, NOT_TEXT.format(name="7", row=1)),
        (["Orvale", True], object, NOT_TEXT.format(name="True", row=2)),
        (["Orvale", ""], "str", EMPTY.format(row=2)),
        (["Orvale", " \t\u00a0"], "str", EMPTY.format(row=2)),
        (["Orvale", "Quintara", "Orvale"], "str", DUPLICATE.format(name="Orvale", rows="1, 3")),
        ([" Orvale", "Quintara", "Orvale\u3000"], object, DUPLICATE.format(name="Orvale", rows="1, 3")),
    ],
)
def test_bad_names_refused_with_the_same_messages(names, dtype, message):
    ratings = pd.DataFrame({"a": [5.0] * len(names), "b": [5.0] * len(names)}, index=pd.Index(names, dtype=dtype))
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_names(ratings.index, "account")
    for call in (lambda: selection.weighted_scores(WEIGHTS, ratings), lambda: selection.check_ratings(ratings)):
        with pytest.raises(InputError) as caught:
            call()
        assert message in str(caught.value)


def test_good_names_with_spaces_inside_or_around_pass():
    names = pd.Index(["Tiller & Sons", " Lumen ", "Dunmore\u00a0Spirits", "Ørsted"])
    check_names(names, "account")
    ratings = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 3, 2, 1]}, index=names)
    assert selection.weighted_scores(WEIGHTS, ratings).tolist() == [220.0, 240.0, 260.0, 280.0]


def test_a_million_names_one_duplicate_found():
    names = [f"acc{i}" for i in range(1_000_000)]
    names[999_999] = " acc17"
    with pytest.raises(InputError, match=r"'acc17' appears more than once \(rows 18, 1000000\)"):
        check_names(pd.Index(names), "account")


def test_checked_ratings_score_like_the_table():
    case = selection.case_portfolio()
    checked = selection.check_ratings(case.ratings)
    assert selection.weighted_scores(case.weights, checked).equals(
        selection.weighted_scores(case.weights, case.ratings)
    )
    assert selection.contributions(case.weights, checked).equals(selection.contributions(case.weights, case.ratings))
    strength = case.table()["strength"]
    scores = selection.weighted_scores(case.weights, checked)
    assert portfolio.classify(scores, strength).equals(
        portfolio.classify(selection.weighted_scores(case.weights, case.ratings), strength)
    )


def test_checked_ratings_cannot_change_after_the_check():
    ratings = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}, index=["x", "y"])
    checked = selection.check_ratings(ratings)
    ratings.iloc[0, 0] = 99.0  # the learner's table changes later: the checked copy does not
    assert selection.weighted_scores(WEIGHTS, checked).tolist() == [180.0, 280.0]
    with pytest.raises(ValueError):
        checked.values[0, 0] = 99.0


def test_checked_ratings_still_check_the_weights_against_the_criteria():
    checked = selection.check_ratings(pd.DataFrame({"a": [1.0], "b": [3.0]}, index=["x"]))
    with pytest.raises(InputError, match="'c'"):
        selection.weighted_scores({"a": 50, "b": 30, "c": 20}, checked)
    with pytest.raises(InputError, match="sum"):
        selection.weighted_scores({"a": 50, "b": 30}, checked)
    with pytest.raises(InputError):
        selection.weighted_scores({"a": 50, "b": float("nan")}, checked)


@pytest.mark.parametrize("value", [11.0, -1.0, np.nan, np.inf, "7", True])
def test_check_ratings_refuses_bad_ratings_like_scoring(value):
    ratings = pd.DataFrame({"a": [1.0, value], "b": [3.0, 4.0]}, index=["x", "y"])
    with pytest.raises(InputError) as direct:
        selection.weighted_scores(WEIGHTS, ratings)
    with pytest.raises(InputError) as once:
        selection.check_ratings(ratings)
    assert str(once.value) == str(direct.value)


@pytest.mark.parametrize(
    ("names", "padded"),
    [
        ([""], [0]),
        (["a"], []),
        (["a\x00", " b"], [1]),
        (["a\x00b", "c"], []),
        ([" a"], [0]),
        (["a "], [0]),
        (["a", ""], [1]),
        (["", "a"], [0]),
        (["a\u2003"], [0]),
        (["a", "\u2028b"], [1]),
        (["a b", "c\td"], []),
        (["x\x00", "\x00y"], []),
        (["Ørsted", "\u00a0Ørsted"], [1]),
    ],
)
def test_the_fast_search_for_padded_names_agrees_with_strip(names, padded):
    from kamcourse.selection.scoring import _padded

    assert _padded(names) == padded == [i for i, n in enumerate(names) if n.strip() != n or not n]


def test_the_list_of_spaces_is_every_character_strip_removes():
    from kamcourse.selection.scoring import _SPACES

    assert set(_SPACES) | {0x20} == {c for c in range(0x110000) if chr(c).isspace()}
