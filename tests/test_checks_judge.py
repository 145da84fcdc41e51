"""Checks that judge: for every exercise of lessons 03 and 04, a nonsense answer is never marked
correct and a defensible alternative is never marked wrong.

Every exercise and self-check question of the groups ``sel`` and ``port`` must appear below
(the first test fails when one is added without its pair of answers).
"""

from __future__ import annotations

from typing import Any

import pytest

from kamcourse import checks
from kamcourse.workbook import Workbook

CASE_WEIGHTS = {
    "Size of wallet": 20,
    "Growth of spend": 15,
    "Profit potential": 15,
    "Financial security": 10,
    "Need for differentiated solutions": 15,
    "Strategic fit with our plans": 10,
    "Attitude to relationships": 10,
    "Values us as a partner": 5,
}
GROWTH_FIRST = {
    "Growth of spend": 30,
    "Need for differentiated solutions": 25,
    "Profit potential": 20,
    "Size of wallet": 15,
    "Attitude to relationships": 10,
}

#: exercise id -> (nonsense answers that must not be correct, defensible answers that must be correct)
CASES: dict[str, tuple[list[Any], list[Any]]] = {
    "sel.weights": (
        [
            {"weights": CASE_WEIGHTS, "justification": "blah " * 20},
            {
                "weights": CASE_WEIGHTS,
                "justification": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
                "sed do eiusmod tempor incididunt ut labore et dolore.",
            },
            {
                "weights": CASE_WEIGHTS,
                "justification": "Size of wallet 20, growth of spend 15, profit potential 15, "
                "financial security 10, differentiated solutions 15, fit 10.",
            },
            {
                "weights": {
                    "Our delivery reliability at this account": 40,
                    "Size of wallet": 30,
                    "Growth of spend": 30,
                },
                "justification": "Delivery matters most because the customer will judge us on it over the next three "
                "years, then the size of its wallet and its growth.",
            },
        ],
        [
            # Another weighting, justified by what the criteria measure rather than by their names.
            {
                "weights": GROWTH_FIRST,
                "justification": "Customers that are expanding fast and want tailored, engineered packs matter most, "
                "because in three years they will buy the volumes on which we earn a margin; the "
                "customer's total spend counts less than its growth.",
            },
            {
                "weights": CASE_WEIGHTS,
                "justification": "We weight the size of the wallet highest since it tells how much the account could "
                "buy from us; growth, profit and the need for differentiated solutions follow because "
                "they decide whether the business will still be worth having in three years.",
            },
        ],
    ),
    "sel.ranking": (
        [
            ["Pinecrest Garden Supply", "Wrenfield Gifts", "Corbett Snacks", "Dunmore Spirits", "Ashby Lubricants"],
            [
                "Quintara Chemicals",
                "Halvorsen Dairies",
                "Marlow Brewing Group",
                "Brightfield Online",
                "Solberg Coatings",
            ],
        ],
        [
            ["Orvale Foods", "Quintara Chemicals", "Castellan Pharma", "Halvorsen Dairies", "Brightfield Online"],
            # the learner's own weights from part (a): ranked with them, judged with them (Kestrel and
            # Halvorsen tie at 710: either order is right)
            {
                "top": [
                    "Orvale Foods",
                    "Quintara Chemicals",
                    "Kestrel Agrochem",
                    "Halvorsen Dairies",
                    "Castellan Pharma",
                ],
                "weights": GROWTH_FIRST,
                "source": "mine",
            },
        ],
    ),
    "sel.hand.account_c": (["6050", "30", "about six hundred"], ["605", " 605,0 ", 605.0, "605.2"]),
    "sel.hand.change": (["100", "680", "8"], ["620", "620,0", 620]),
    "port.strength": (["605", "0.99", "1.11", "0.5"], ["1.01", "1,01", "1.008", " 1.008 "]),
    "port.classify": (
        [
            {
                "Quintara Chemicals": "Strategic",
                "Brightfield Online": "Strategic",
                "Orvale Foods": "Strategic",
                "Petrova Beverages": "Strategic",
                "Lumen Home Stores": "Strategic",
                "Dunmore Spirits": "Strategic",
                "Ashby Lubricants": "Strategic",
                "Harbour Foods (prospect)": "Strategic",
            }
        ],
        [
            {
                "quintara chemicals": "strategic",
                "Brightfield  Online": "STRATEGIC",
                "Orvale Foods": " star ",
                "Petrova Beverages": "Star",
                "Lumen Home Stores": "Status",
                "Dunmore Spirits": "status",
                "Ashby Lubricants": "Streamline",
                "Harbour Foods (prospect)": "Star",
            }
        ],
    ),
    "port.allocation": (
        [
            {"days": {"Strategic": 400, "Star": 0, "Status": 0, "Streamline": 0}, "why": "blah " * 15},
            {
                "days": {"Strategic": 100, "Star": 100, "Status": 100, "Streamline": 100},
                "why": "Every category matters the same because each account deserves an equal share of the year, "
                "Strategic, Star, Status and Streamline alike.",
            },
            {
                "days": {"Strategic": 200, "Star": 90, "Status": 110, "Streamline": 0},
                "why": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
            },
        ],
        [  # Stars above Status per account, or Status above Stars: both defensible
            {
                "days": {"Strategic": 200, "Star": 105, "Status": 95, "Streamline": 0},
                "why": "We invest most in each Strategic account; Stars get time where we can close the gap with the "
                "best competitor, and Status accounts are maintained pro-actively at a lower cost.",
            },
            {
                "days": {"Strategic": 210, "Star": 60, "Status": 130},
                "why": "Strategic accounts get the most days per account because we invest there; the Status accounts "
                "are large and we must defend them, so they get more than the Stars, where only a selective "
                "effort pays.",
            },
        ],
    ),
}


def _choice_cases(item: checks.Exercise) -> tuple[list[Any], list[Any]]:
    right = next(o for o in item.key["options"] if o["id"] == item.key["answer"])
    wrong = [o["id"] for o in item.key["options"] if o["id"] != item.key["answer"]]
    return wrong + ["all of them", "z"], [right["id"].upper(), f"  {right['text']}  "]


def _all_cases() -> list[tuple[str, Any, bool]]:
    out = []
    for group in ("sel", "port"):
        for item in checks.exercises(group):
            nonsense, defensible = _choice_cases(item) if item.kind == "generic.choice" else CASES[item.id]
            out += [(item.id, answer, False) for answer in nonsense]
            out += [(item.id, answer, True) for answer in defensible]
    return out


def test_every_exercise_of_lessons_03_and_04_has_a_nonsense_and_a_defensible_answer() -> None:
    for group in ("sel", "port"):
        for item in checks.exercises(group):
            if item.kind != "generic.choice":
                nonsense, defensible = CASES[item.id]
                assert nonsense and defensible, item.id


@pytest.mark.parametrize(
    ("exercise_id", "answer", "defensible"), _all_cases(), ids=lambda v: v if isinstance(v, str) and "." in v else None
)
def test_nonsense_is_never_correct_and_a_defensible_answer_never_wrong(
    book: Workbook, exercise_id: str, answer: Any, defensible: bool
) -> None:
    feedback = checks.check(exercise_id, answer)
    if defensible:
        assert feedback.status == "correct", feedback.text()
    else:
        assert feedback.status != "correct", feedback.text()
        assert feedback.message.strip(), "a refused answer is told why"
