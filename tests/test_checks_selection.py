"""Checkers of lesson 03: right, wrong with an explanation, unanswered, unreadable."""

from __future__ import annotations

import pytest

from kamcourse import checks
from kamcourse.workbook import Workbook

CASE_TOP5 = ["Orvale Foods", "Quintara Chemicals", "Castellan Pharma", "Halvorsen Dairies", "Brightfield Online"]
GOOD = {
    "weights": {
        "Size of wallet": 20,
        "Growth of spend": 20,
        "Profit potential": 15,
        "Financial security": 10,
        "Need for differentiated solutions": 15,
        "Strategic fit with our plans": 10,
        "Attitude to relationships": 10,
    },
    "justification": "Growth and wallet size carry most weight because we plan three years ahead and want "
    "accounts whose spend will rise, then profit and the need for tailored solutions.",
}


def test_weights_right(book: Workbook) -> None:
    fb = checks.check("sel.weights", GOOD)
    assert fb.status == "correct" and "sum to 100" in fb.message


def test_weights_wrong_each_mistake_explained(book: Workbook) -> None:
    answer = {
        "weights": {
            "Size of wallet": 55,
            "Our delivery reliability at this account": 20,
            "Our current share of the customer's spend": "10",
            "Growth of spend": 10,
        },
        "justification": "Because.",
    }
    fb = checks.check("sel.weights", answer)
    joined = " ".join(fb.details)
    assert fb.status == "incorrect"
    assert "sum to 95, not 100: add 5 points" in joined
    assert "'Our delivery reliability at this account' has weight 20, but it measures our own strength" in joined
    assert '"Our current share of the customer\'s spend" has weight 10' in joined
    assert "'Size of wallet' has weight 55, above 50" in joined
    assert "justification has 1 words" in joined
    assert "Vellmar case team chose" not in joined
    again = checks.check("sel.weights", answer)  # the second wrong try reveals the case weights
    assert "Vellmar case team chose: Size of wallet 20" in " ".join(again.details)


def test_weights_too_few_and_short_justification(book: Workbook) -> None:
    fb = checks.check(
        "sel.weights", {"weights": {"Size of wallet": 50, "Growth of spend": 50}, "justification": "x " * 20}
    )
    assert fb.status == "incorrect" and "Only 2 criteria carry weight" in " ".join(fb.details)
    fb = checks.check("sel.weights", {**GOOD, "justification": "Size matters."})
    assert fb.status == "partial" and "2 words" in " ".join(fb.details)


def test_weights_unanswered_and_unreadable(book: Workbook) -> None:
    assert checks.check("sel.weights", ...).status == "not_answered"
    assert checks.check("sel.weights", {"weights": {}, "justification": ""}).status == "not_answered"
    fb = checks.check("sel.weights", [20, 30])
    assert fb.status == "invalid" and "should be a dict" in fb.message
    fb = checks.check("sel.weights", {"weights": {"Colour of logo": 10}, "justification": "x"})
    assert fb.status == "invalid" and "'Colour of logo' is not one of the criteria" in fb.message
    fb = checks.check("sel.weights", {"weights": {"Size of wallet": "lots"}, "justification": "x"})
    assert fb.status == "invalid" and "'Size of wallet': 'lots' is not a number" in fb.message
    fb = checks.check("sel.weights", {"weights": {"Size of wallet": -5}, "justification": "x"})
    assert fb.status == "invalid" and "-5" in fb.message


def test_ranking_right_with_case_weights_names_loosely_typed(book: Workbook) -> None:
    fb = checks.check("sel.ranking", [n.upper() + "  " for n in CASE_TOP5])
    assert fb.status == "correct" and "Orvale Foods (810)" in fb.message and "case weights" in fb.message


def test_ranking_wrong_explains_each_misplaced_account(book: Workbook) -> None:
    spend_order = [
        "Quintara Chemicals",
        "Halvorsen Dairies",
        "Marlow Brewing Group",
        "Brightfield Online",
        "Solberg Coatings",
    ]
    fb = checks.check("sel.ranking", spend_order)
    joined = " ".join(fb.details)
    assert fb.status == "incorrect"
    assert "order of current spend" in fb.details[0]
    assert "Marlow Brewing Group scores 650 and ranks 7" in joined
    assert (
        "Against Castellan Pharma, which belongs here, it loses most on 'Size of wallet' (weight 20): rated 6 against 8"
        in joined
    )
    assert "Quintara Chemicals is in the top 5, but not at position 1: it ranks 2 (score 770)" in joined
    unweighted = ["Orvale Foods", "Halvorsen Dairies", "Quintara Chemicals", "Castellan Pharma", "Brightfield Online"]
    fb = checks.check("sel.ranking", unweighted)
    assert fb.status == "partial" and "plain sum of the ratings" in fb.details[0]
    assert "Position 2 is Quintara Chemicals (770)" in " ".join(fb.details)  # second wrong try: revealed


def test_ranking_with_own_weights(book: Workbook) -> None:
    weights = {"Size of wallet": 50, "Growth of spend": 50, "Our delivery reliability at this account": 0}
    fb = checks.check(
        "sel.ranking",
        {
            "top": ["Quintara Chemicals", "Orvale Foods", "Castellan Pharma", "Halvorsen Dairies", "Lumen Home Stores"],
            "weights": weights,
        },
    )
    # scores with 50/50: Orvale 800, Quintara 750, Halvorsen 600, Castellan 650, Kestrel 600, ...
    assert "with your own weights" in fb.message
    assert fb.status in ("partial", "incorrect")
    fb = checks.check(
        "sel.ranking",
        {"top": CASE_TOP5, "weights": {"Our delivery reliability at this account": 20, "Size of wallet": 80}},
    )
    assert fb.status == "invalid" and "not rated on it" in fb.message
    fb = checks.check("sel.ranking", {"top": CASE_TOP5, "weights": {"Size of wallet": 80}})
    assert fb.status == "invalid" and "sum to 80" in fb.message


def test_ranking_unanswered_and_unreadable(book: Workbook) -> None:
    assert checks.check("sel.ranking", ...).status == "not_answered"
    assert checks.check("sel.ranking", [None] * 5).status == "not_answered"
    assert checks.check("sel.ranking", {"top": [None] * 5, "source": "case"}).status == "not_answered"
    fb = checks.check("sel.ranking", "Orvale Foods")
    assert fb.status == "invalid" and "list of names" in fb.message
    fb = checks.check("sel.ranking", ["Orvale Foods", "Acme"])
    assert fb.status == "invalid" and "'Acme' (position 2) is not one of the case accounts" in fb.message
    fb = checks.check("sel.ranking", ["Orvale Foods", "orvale foods"])
    assert fb.status == "invalid" and "appears twice" in fb.message
    fb = checks.check("sel.ranking", CASE_TOP5 + ["Kestrel Agrochem"])
    assert fb.status == "invalid" and "exactly the top 5" in fb.message
    fb = checks.check("sel.ranking", ["Orvale Foods"])
    assert fb.status == "partial" and "Position 2 is empty" in " ".join(fb.details)


def test_hand_calculations(book: Workbook) -> None:
    assert checks.check("sel.hand.account_c", "605").status == "correct"
    assert "175 + 150 + 100 + 120 + 60" in checks.check("sel.hand.account_c", "605").message
    fb = checks.check("sel.hand.account_c", 600)
    assert fb.status == "incorrect" and "175 + 150" not in fb.text(), "no worked answer on the first wrong try"
    assert "175 + 150 + 100 + 120 + 60 = 605" in checks.check("sel.hand.account_c", 610).text()  # second try
    assert checks.check("sel.hand.account_c", "six hundred").status == "invalid"
    assert checks.check("sel.hand.account_c", "").status == "not_answered"
    assert checks.check("sel.hand.change", 620).status == "correct"
    fb = checks.check("sel.hand.change", 570)
    assert fb.status == "incorrect" and "Only Central decision making changes" in fb.message
    assert "20 x (8 - 3)" not in fb.text()
    assert "520 + 20 x (8 - 3) = 520 + 100 = 620" in checks.check("sel.hand.change", 571).text()


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (430, "one term is missing: Size of wallet (25 x 7)"),
        (485, "one term is missing: Global operator (15 x 8)"),
        (780, "Size of wallet was counted twice"),
        (640, "For Size of wallet you seem to have used the weight 30"),  # not offered: no diagnosis
        (570, "For Size of wallet you seem to have used the weight 20 (that of Central decision making)"),
        (580, "For Size of wallet you seem to have used the rating 6"),
        (30, "plain sum of the ratings"),
        (6, "the average rating"),
        ("6,05", "divided by 100"),
    ],
)
def test_weighted_sum_diagnoses_the_term_or_the_weight(book: Workbook, answer: object, diagnosis: str) -> None:
    fb = checks.check("sel.hand.account_c", answer)
    assert fb.status == "incorrect" and fb.details == ()
    if answer == 640:
        assert "Check each of the 5 products" in fb.message
    else:
        assert diagnosis in fb.message, fb.message


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        (525, "without its weight"),
        (680, "old rating of Central decision making is already inside 520"),
        (100, "Add the move to the old score, 520"),
        (420, "add weight x change, do not take it away"),
        (645, "the weight 25; Central decision making has the weight 20"),
        (595, "the weight 15"),
    ],
)
def test_score_change_diagnoses_the_mistake(book: Workbook, answer: int, diagnosis: str) -> None:
    fb = checks.check("sel.hand.change", answer)
    assert fb.status == "incorrect" and diagnosis in fb.message and fb.details == ()


def test_the_last_hint_of_each_hand_calculation_is_the_worked_answer(book: Workbook) -> None:
    for exercise_id, answer in (("sel.hand.account_c", "605"), ("sel.hand.change", "620")):
        hints = checks.exercise(exercise_id).hints
        assert hints[-1].startswith("The worked answer") and hints[-1].endswith(answer + ".")
        assert not any(answer in h for h in hints[:-1]), "only the last hint, on request, gives the number"


def test_quiz_every_option_explained(book: Workbook) -> None:
    quiz = [e for e in checks.exercises("sel") if e.id.startswith("sel.quiz.")]
    assert 4 <= len(quiz) <= 5
    for item in quiz:
        for option in item.key["options"]:
            assert option["why"].strip()
        assert checks.check(item.id, item.key["answer"]).status == "correct"
        wrong = next(o["id"] for o in item.key["options"] if o["id"] != item.key["answer"])
        assert checks.check(item.id, wrong).status == "incorrect"
    assert len([e for e in checks.exercises("sel") if e.hints and not e.id.startswith("sel.quiz.")]) == 4


def _run(path, workbook):
    from kamcourse.testing import notebook_text, run_notebook

    return notebook_text(run_notebook(path, workbook=workbook))


def test_exercise_03_runs_unanswered_and_the_solution_fills_the_trainer_s_workbook(tmp_path) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    book = tmp_path / "wb.json"
    unanswered = _run(root / "exercises" / "03_selecting_key_accounts.ipynb", book)
    assert unanswered.count("Not answered yet") >= 4
    assert "Traceback" not in unanswered and "Internal error" not in unanswered
    assert "605" not in unanswered, "the learner's copy does not give away part (c)"
    solved = _run(root / "solutions" / "03_selecting_key_accounts.ipynb", book)
    assert "Correct: Your weights sum to 100" in solved
    assert "Correct: all 5 accounts are in the right order" in solved
    assert "Correct: 605 is right" in solved and "Correct: 620 is right" in solved
    assert not book.exists(), "the solution saved nothing in the learner's workbook"
    key = tmp_path / "answer-key.json"
    again = _run(root / "exercises" / "03_selecting_key_accounts.ipynb", key)  # a trainer opens the exercise
    assert "Correct: all 5 accounts are in the right order" in again  # kam.check reads the saved answers
