"""kamcourse.inputs: the one reader of what learners type (numbers, blanks, labels, free text)."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from kamcourse import inputs
from kamcourse.errors import InputError

SAME_NUMBER = [
    "1 234,5",
    "1,234.5",
    "1.234,5",
    "1\u00a0234,5",
    "1\u202f234,5",
    "1\u2009234,5",
    "1'234.5",
    "1\u2019234,5",
    " 1234.5 ",
    "1234,5",
    "€ 1 234,5",
    "1 234,50",
]


@pytest.mark.parametrize("text", SAME_NUMBER)
def test_every_way_of_writing_1234_5_means_1234_5(text: str) -> None:
    assert inputs.number(text, "Budget") == 1234.5
    assert inputs.parse_number(text) == 1234.5
    for decimal in (".", ","):  # a file whose mark is known reads these the same
        assert inputs.parse_number(text, decimal) == 1234.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("0,870", 0.87),
        ("1.008", 1.008),
        ("-3", -3.0),
        ("\u22123", -3.0),
        ("+4", 4.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1 234 567,25", 1234567.25),
        ("-0", 0.0),
        ("0", 0.0),
    ],
)
def test_learner_numbers(text: str, expected: float) -> None:
    assert inputs.number(text, "x") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,234", ".", 1234.0),
        ("1,234", ",", 1.234),
        ("1.234", ",", 1234.0),
        ("1.5", ",", 1.5),
        ("0,870", ".", 0.87),
    ],
)
def test_a_files_known_decimal_mark_settles_a_lone_mark(text: str, decimal: str, expected: float) -> None:
    assert inputs.parse_number(text, decimal) == pytest.approx(expected)


def test_a_lone_comma_before_three_digits_is_refused_as_ambiguous_naming_both_readings() -> None:
    with pytest.raises(InputError) as info:
        inputs.number("1,234", "Days for Strategic")
    message = str(info.value)
    assert "Days for Strategic" in message and "1234" in message and "1.234" in message
    assert inputs.parse_number("1,234") is None


@pytest.mark.parametrize(
    "text",
    [
        "twelve",
        "=1+1",
        "1.2.3,4,5",
        "12 34",
        "0 123",
        "1 234e3",
        "nan",
        "inf",
        "-inf",
        "12abc",
        "--3",
        "1..2",
        "1,,2",
        ".",
        ",",
        "€",
        "1 234.567,8",
        "0x10",
        "__import__('os')",
        "1_000",
        "²",
        "1/2",
    ],
)
def test_text_that_is_not_a_number_is_refused_naming_the_item_and_value(text: str) -> None:
    with pytest.raises(InputError) as info:
        inputs.number(text, "Weight of 'Growth'")
    assert "Weight of 'Growth'" in str(info.value)
    assert text.strip()[:10] in str(info.value)
    assert inputs.parse_number(text) is None


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        np.bool_(True),
        math.nan,
        math.inf,
        -math.inf,
        10**400,
        Fraction(10**400, 3),
        Decimal("NaN"),
        "1e999",
        [1],
        {"a": 1},
        object(),
        1j,
    ],
)
def test_hardening_bool_nan_infinity_and_overflow_are_refused(value: Any) -> None:
    with pytest.raises(InputError) as info:
        inputs.number(value, "Rating of Orvale")
    assert "Rating of Orvale" in str(info.value)


@pytest.mark.parametrize("value", [3, 2.5, np.int64(7), np.float32(1.5), Fraction(1, 4)])
def test_real_numbers_pass_as_floats(value: Any) -> None:
    result = inputs.number(value, "x")
    assert isinstance(result, float) and result == float(value)


@pytest.mark.parametrize("blank", [None, ..., "", "   ", "\u00a0"])
def test_a_blank_is_missing_unless_the_caller_asks_for_a_value(blank: Any) -> None:
    assert inputs.is_blank(blank)
    assert inputs.number(blank, "x") is None
    assert inputs.number(blank, "x", blank=0.0) == 0.0


@pytest.mark.parametrize("value", [0, 0.0, False, math.nan, [], {}, "0"])
def test_zero_false_nan_and_containers_are_not_blank(value: Any) -> None:
    assert not inputs.is_blank(value)


def test_bounds_whole_and_percent() -> None:
    assert inputs.number("100", "w", low=0, high=100) == 100.0
    with pytest.raises(InputError, match=r"w: '101'.*0 to 100"):
        inputs.number(" 101 ", "w", low=0, high=100)
    with pytest.raises(InputError, match="least allowed is 0"):
        inputs.number(-1, "w", low=0)
    with pytest.raises(InputError, match="most allowed is 5"):
        inputs.number("6", "w", high=5)
    with pytest.raises(InputError, match="not a whole number"):
        inputs.number("2,5", "Rating", whole=True)
    assert inputs.number("60 %", "share", percent=True) == 60.0
    with pytest.raises(InputError):
        inputs.number("60 %", "share")


def test_parse_number_refuses_wrong_argument_types() -> None:
    with pytest.raises(InputError):
        inputs.parse_number(None)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        inputs.parse_number("1", decimal=";")


def test_very_long_text_is_refused_quickly_and_quoted_short() -> None:
    with pytest.raises(InputError) as info:
        inputs.number("1" * 200_000 + "x", "x")
    assert len(str(info.value)) < 300


def test_norm_and_match_ignore_case_spacing_and_composition() -> None:
    assert inputs.norm("  Key\u00a0 Account ") == "key account"
    assert inputs.norm("Caf\u00e9") == inputs.norm("Cafe\u0301")
    assert inputs.norm(None) == "" and inputs.norm(...) == ""
    assert inputs.match(" star ", ["Strategic", "Star"]) == "Star"
    assert inputs.match("Planet", ["Strategic", "Star"]) is None
    assert inputs.match(None, ["None"]) is None
    assert inputs.match("", [""]) is None


def test_words_and_cues() -> None:
    found = inputs.words("Growth matters, because it's the customer's 3-year plan.")
    assert found == ["growth", "matters", "because", "it's", "the", "customer's", "year", "plan"]
    assert inputs.has_cue(found, "matter*") and not inputs.has_cue(found, "matter")
    assert inputs.has_cue(found, "because") and inputs.has_cue(found, "year plan")
    assert not inputs.has_cue(found, "plan year") and not inputs.has_cue(found, "")
    assert inputs.words(None) == []


def test_the_worked_answer_comes_with_the_second_wrong_try() -> None:
    assert inputs.REVEAL_AFTER == 2
    assert [inputs.reveal_answer(n) for n in range(3)] == [False, True, True]
