"""Checkers of lesson 09: right answers, defensible alternatives, nonsense, unreadable answers."""

from __future__ import annotations

import re

import pytest

from kamcourse import checks, organising
from kamcourse.workbook import Workbook

ROLES = {
    "d1": "top_management",
    "d2": "top_management",
    "d3": "top_management",
    "d4": "director",
    "d5": "director",
    "d6": "manager",
    "d7": "manager",
    "d8": "manager",
    "d9": "coordinator",
    "d10": "top_management",
    "d11": "director",
}
REWARD = {
    "base": 70,
    "commission": 5,
    "bonus": 25,
    "bonus_on": ["profit", "plan_milestones", "team"],
    "why": "It pays for the two years of qualification work and for profitable business, and the team shares it.",
}
SOLUTIONS = {
    "organising.roles": ROLES,
    "organising.reward": REWARD,
    "organising.scorecard": organising.example_scorecard(),
}


def test_exercises_load_with_hints_whose_last_gives_the_worked_answer() -> None:
    items = {e.id: e for e in checks.exercises("organising")}
    for ex_id in SOLUTIONS:
        assert 2 <= len(items[ex_id].hints) <= 4 and items[ex_id].hints[-1].startswith("The worked answer")
    quiz = [e for e in items.values() if e.id.startswith("organising.quiz.")]
    assert len(quiz) == 5 and all(e.kind == "generic.choice" for e in quiz)


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
def test_the_worked_answers_are_correct_and_recorded(book: Workbook, ex_id: str) -> None:
    feedback = checks.check(ex_id, SOLUTIONS[ex_id], workbook=book)
    assert feedback.correct, feedback.text()
    assert book.entry(ex_id)["attempts"][-1]["status"] == "correct"


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
@pytest.mark.parametrize("answer", [..., None, "", {}, {"d1": None, "financial": [""]}])
def test_unanswered_says_not_answered_yet(book: Workbook, ex_id: str, answer: object) -> None:
    if isinstance(answer, dict) and answer:
        answer = (
            {"d1": None}
            if ex_id == "organising.roles"
            else {"financial": ["", None]}
            if ex_id == "organising.scorecard"
            else {"base": None, "commission": "", "bonus_on": [], "why": ""}
        )
    feedback = checks.check(ex_id, answer, workbook=book)
    assert feedback.status == "not_answered" and str(feedback).startswith("Not answered yet:")


# --------------------------------------------------------------------------- roles


def test_duty_10_can_go_to_top_management_or_the_director(book: Workbook) -> None:
    assert checks.check("organising.roles", dict(ROLES, d10="key account director"), workbook=book).correct


def test_account_duties_given_to_top_management_are_explained_then_revealed(book: Workbook) -> None:
    answer = dict(ROLES, d6="top management", d7="top_management")
    first = checks.check("organising.roles", answer, workbook=book)
    assert first.status == "partial" and "9 of 11" in first.message
    d6 = next(d for d in first.details if d.startswith("Duty 6 "))
    assert "not top management. Some texts list this among top management's duties" in d6
    assert "It belongs to" not in " ".join(first.details)
    second = checks.check("organising.roles", answer, workbook=book)
    assert "It belongs to: key account manager." in " ".join(second.details)


@pytest.mark.parametrize("role", ["top_management", "director", "manager", "coordinator"])
def test_one_role_for_everything_is_never_correct(book: Workbook, role: str) -> None:
    feedback = checks.check("organising.roles", {d: role for d in ROLES}, workbook=book)
    assert feedback.status in ("partial", "incorrect") and feedback.details[0].startswith("You gave every duty")


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        (["manager"], r"as a dictionary \{duty id: role\}, not a list"),
        ({"d99": "manager"}, r"'d99' is not a duty"),
        ({"d1": "the board"}, r"Duty d1: 'the board' is not a role"),
        ({"d1": 3}, r"Duty d1: 3 is not a role"),
    ],
)
def test_unreadable_roles_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("organising.roles", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


# --------------------------------------------------------------------------- reward


@pytest.mark.parametrize(
    "mix",
    [
        {"base": 80, "commission": 0, "bonus": 20, "bonus_on": ["team", "satisfaction"]},
        {"base": 75, "commission": 0, "bonus": 25, "bonus_on": ["team", "company"]},
        {"base": 65, "commission": 15, "bonus": 20, "bonus_on": ["plan_milestones"]},
        {"base": "60 %", "commission": "10", "bonus": "30", "bonus_on": ["profit", "company"]},
    ],
)
def test_defensible_mixes_are_correct_and_say_what_they_encourage(book: Workbook, mix: dict) -> None:
    answer = dict(mix, why="It rewards the slow work of qualifying products and keeps the team pulling together.")
    feedback = checks.check("organising.reward", answer, workbook=book)
    assert feedback.correct, feedback.text()
    assert any(d.startswith("Bonus (") and "encourages" in d for d in feedback.details)


def test_todays_mix_is_diagnosed_before_a_mix_is_revealed(book: Workbook) -> None:
    answer = {"base": 60, "commission": 35, "bonus": 5, "bonus_on": ["company"], "why": "It is how we pay today."}
    first = checks.check("organising.reward", answer, workbook=book)
    assert first.status == "incorrect" and "2 problem(s)" in first.message
    text = " ".join(first.details)
    assert "Commission is 35% of pay" in text and "earns nothing in a year spent qualifying" in text
    assert "not controllable" in text and "One mix the course would defend" not in text
    second = checks.check("organising.reward", answer, workbook=book)
    assert "One mix the course would defend: 70% base" in " ".join(second.details)


@pytest.mark.parametrize(
    ("mix", "phrase"),
    [
        ({"base": 0, "commission": 0, "bonus": 100, "bonus_on": ["revenue_year"]}, "commission under another name"),
        ({"base": 33, "commission": 33, "bonus": 34, "bonus_on": ["profit"]}, "Commission is 33% of pay"),
        ({"base": 40, "commission": 0, "bonus": 60, "bonus_on": ["profit"]}, "Only 40% of pay is fixed"),
        ({"base": 80, "commission": 0, "bonus": 20}, "A bonus of 20% on what?"),
        ({"base": 80, "commission": 20, "bonus": 0, "bonus_on": ["profit"]}, "gave the bonus 0%"),
        (
            {"base": 80, "commission": 0, "bonus": 20, "bonus_on": ["revenue_year", "company"]},
            "Nothing in the bonus rewards",
        ),
        (
            {
                "base": 70,
                "commission": 0,
                "bonus": 30,
                "bonus_on": ["profit", "plan_milestones", "satisfaction", "team", "company"],
            },
            "split over 5 measures",
        ),
    ],
)
def test_nonsense_and_weak_mixes_are_never_correct(book: Workbook, mix: dict, phrase: str) -> None:
    feedback = checks.check(
        "organising.reward", dict(mix, why="A long enough explanation of what the mix does here."), workbook=book
    )
    assert feedback.status == "incorrect" and phrase in " ".join(feedback.details), feedback.text()


def test_salary_only_is_defensible_but_partial_and_a_missing_why_is_asked_for(book: Workbook) -> None:
    only = checks.check(
        "organising.reward", {"base": 100, "commission": 0, "bonus": 0, "why": "x " * 20}, workbook=book
    )
    assert only.status == "partial" and "A salary only is defensible" in only.message
    short = checks.check("organising.reward", dict(REWARD, why="Good."), workbook=book)
    assert short.status == "partial" and "1 words so far" in short.message


def test_reward_shares_are_read_as_everywhere_in_the_course(book: Workbook) -> None:
    """Decimal commas and a percent sign, read by kamcourse.inputs: 69,5 + 10,5 % + 20 is 100."""
    feedback = checks.check(
        "organising.reward",
        {"base": "69,5", "commission": "10,5 %", "bonus": "20", "bonus_on": ["profit"], "why": "Profit over time."},
        workbook=book,
    )
    assert feedback.status != "invalid" and "add up to" not in feedback.message, feedback.message


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ([70, 10, 20], r"Give your answer as a dictionary"),
        ({"base": 70, "commission": 10, "bonus": 10}, r"add up to 90%"),
        ({"base": "lots", "commission": 0, "bonus": 0}, r"Base salary share \(percent\): 'lots' is not a number"),
        (
            {"base": "69,5", "commission": "1,500", "bonus": "20"},
            r"Commission share \(percent\): '1,500' could mean 1500",
        ),
        ({"base": 70, "commission": 10, "bonus": 20, "bonus_on": ["luck"]}, r"'luck' is not one of the measures"),
        ({"base": 70, "commission": 10, "bonus": 20, "why": 5}, r"as text, not 5"),
    ],
)
def test_unreadable_reward_answers_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("organising.reward", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


# --------------------------------------------------------------------------- scorecard


def test_be_the_best_is_not_trackable_and_the_card_is_not_balanced(book: Workbook) -> None:
    answer = {
        "financial": ["Be the best"],
        "growth": ["Grow"],
        "customer": ["Happy customers"],
        "internal": ["A great team"],
    }
    first = checks.check("organising.scorecard", answer, workbook=book)
    assert first.status == "incorrect" and "none of your 4 metrics" in first.message
    line = next(d for d in first.details if "'Be the best'" in d)
    assert "trackable no ('best' states a wish, not a measure" in line and "aligned no" in line
    assert "A scorecard the course would accept" not in " ".join(first.details)
    second = checks.check("organising.scorecard", answer, workbook=book)
    assert "A scorecard the course would accept: Financial: Profit contribution" in " ".join(second.details)


def test_a_mostly_good_card_is_partial_and_names_each_test(book: Workbook) -> None:
    answer = dict(organising.example_scorecard(), financial=["Vellmar's share price (EUR)"])
    feedback = checks.check("organising.scorecard", answer, workbook=book)
    assert feedback.status == "partial" and "5 of 6 metrics" in feedback.message
    line = next(d for d in feedback.details if "share price" in d)
    for test in ("aligned yes", "controllable no", "trackable yes", "focused yes"):
        assert test in line


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("Revenue", r"as a dictionary \{perspective"),
        ({"people": ["Training days"]}, r"'people' is not a perspective"),
        ({"financial": [3.5]}, r"Financial: the metric 3.5 is not usable"),
    ],
)
def test_unreadable_scorecards_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("organising.scorecard", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message
