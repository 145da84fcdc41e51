"""Checkers of lesson 04: right, wrong with the reason, unanswered, unreadable."""

from __future__ import annotations

import pytest

from kamcourse import check, checks, portfolio
from kamcourse.checkers import portfolio as port
from kamcourse.workbook import Workbook


def test_strength_right_with_a_point_or_a_comma(book: Workbook) -> None:
    for answer in (1.01, "1,01", " 1.008 "):
        fb = check("port.strength", answer)
        assert fb.status == "correct", fb.text()
        assert "605 / 600" in fb.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("1.06", "average competitor"),
        ("0.99", "upside down"),
        ("1.07", "Vellmar's own weighting"),
        ("1.11", "divides by Pelkora Pack's score (545)"),
        ("605", "is Vellmar's score at Brightfield Online"),
        ("600", "is the best competitor's score (Ostrand Containers)"),
        ("1.0", "rounded to one decimal"),
        ("0.53", "sum of the competitors"),
        ("0.5", "Compute each supplier's score"),
    ],
)
def test_strength_names_the_mistake(book: Workbook, answer: str, phrase: str) -> None:
    fb = check("port.strength", answer)
    assert fb.status == "incorrect"
    assert phrase in fb.message


def test_strength_reveals_after_two_wrong_tries(book: Workbook) -> None:
    assert check("port.strength", "0.99").details == ()
    assert "605 / 600 = 1.008" in check("port.strength", "0.99").text()


def test_strength_unanswered_and_unreadable(book: Workbook) -> None:
    assert check("port.strength", ...).status == "not_answered"
    assert check("port.strength", "").status == "not_answered"
    fb = check("port.strength", "about one")
    assert fb.status == "invalid" and "'about one' is not a number" in fb.message
    assert check("port.strength", True).status == "invalid"
    assert check("port.strength", float("nan")).status == "invalid"


def _right() -> dict[str, str]:
    return {i["account"]: i["category"] for i in port.classify_items(checks.exercise("port.classify"))}


def test_classify_items_follow_the_pairs_and_the_cut() -> None:
    right = _right()
    assert right["Orvale Foods"] == "Star" and right["Lumen Home Stores"] == "Status"
    assert right["Harbour Foods (prospect)"] == "Star"  # 500 is on the cut: high
    assert set(right.values()) == set(portfolio.CATEGORIES)


def test_classify_right_wrong_with_pair_and_axis_trap(book: Workbook) -> None:
    assert check("port.classify", _right()).status == "correct"
    answer = _right() | {
        "Orvale Foods": "Status",
        "Lumen Home Stores": "Star",
        "Harbour Foods (prospect)": "streamline",
    }
    fb = check("port.classify", answer)
    assert fb.status == "partial" and "5 of 8" in fb.message
    text = fb.text()
    assert "Orvale Foods: not Status" in text and "attractiveness 810 vs cut 500 is high" in text
    assert "exactly on the cut, which counts as high" in text
    assert "axis-direction trap" in text and "LEFT" in text
    assert "So it is" not in text  # the category itself only after two tries
    assert "So it is high/low: Star." in check("port.classify", answer).text()


def test_classify_no_trap_message_without_a_star_status_swap(book: Workbook) -> None:
    fb = check("port.classify", _right() | {"Ashby Lubricants": "Strategic"})
    assert fb.status == "partial" and "axis-direction" not in fb.text()


def test_classify_unanswered_and_unreadable(book: Workbook) -> None:
    assert check("port.classify", {k: None for k in _right()}).status == "not_answered"
    assert check("port.classify", ...).status == "not_answered"
    assert "Harbour Foods" in check("port.classify", {"Nobody Ltd": "Star"}).message
    bad = check("port.classify", {"Orvale Foods": "Cash cow"})
    assert bad.status == "invalid" and "'Cash cow'" in bad.message
    assert check("port.classify", "Star").status == "invalid"


GOOD = {
    "days": {"Strategic": 200, "Star": 90, "Status": 110, "Streamline": 0},
    "why": "Strategic accounts get the most per account because we invest in them; Status accounts are "
    "maintained efficiently, and Stars get time where we can close the gap.",
}


def test_allocation_covers_the_programme_s_twelve_key_accounts() -> None:
    counts = port.allocation_accounts(checks.exercise("port.allocation"))
    assert sum(counts.values()) == 12 and counts == {"Strategic": 5, "Star": 3, "Status": 4, "Streamline": 0}


def test_allocation_right(book: Workbook) -> None:
    fb = check("port.allocation", GOOD)
    assert fb.status == "correct" and "40.0 days" in fb.message and "Status the least (27.5)" in fb.message
    blank = check("port.allocation", GOOD | {"days": {"Strategic": 200, "Star": 90, "Status": 110}})
    assert blank.status == "correct", "a category without accounts may stay blank"


def test_allocation_wrong_sum_and_intensity_explained(book: Workbook) -> None:
    fb = check("port.allocation", GOOD | {"days": {"Strategic": 100, "Star": 120, "Status": 100, "Streamline": 100}})
    text = fb.text()
    assert fb.status == "incorrect"  # only the justification passes
    assert "add up to 420, not the budget of 400" in text
    assert "Streamline has no account, yet gets 100.0 days" in text
    assert "strategic investment means the most time per account" in text
    assert "Days per account: Strategic 20.0 (5 accounts), Star 40.0 (3 accounts)" in text


def test_allocation_short_justification_and_missing_category(book: Workbook) -> None:
    assert "give at least 12" in check("port.allocation", GOOD | {"why": "because"}).text()
    fb = check("port.allocation", {"days": {"Strategic": "200"}, "why": ""})
    assert fb.status == "incorrect" and "Star: no days given yet" in fb.text()


def test_allocation_unanswered_and_unreadable(book: Workbook) -> None:
    assert (
        check("port.allocation", {"days": {c: None for c in portfolio.CATEGORIES}, "why": ""}).status == "not_answered"
    )
    assert check("port.allocation", {"days": {"Strategic": "lots"}}).status == "invalid"
    assert "negative" in check("port.allocation", {"days": {"Strategic": -3}}).message
    assert "not known" in check("port.allocation", {"days": {"Cash cows": 3}}).message
    assert check("port.allocation", [1, 2]).status == "invalid"


def test_quiz_questions_each_explain_every_option() -> None:
    items = [e for e in checks.exercises("port") if e.id.startswith("port.quiz.")]
    assert 4 <= len(items) <= 5
    for item in items:
        assert all(o["why"].strip() for o in item.key["options"])
        assert item.key["answer"] in {o["id"] for o in item.key["options"]}
