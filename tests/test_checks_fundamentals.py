"""Checkers of lesson 01: right answers, defensible alternatives, nonsense, unreadable answers."""

from __future__ import annotations

import re

import pytest

from kamcourse import checks
from kamcourse.checkers import fundamentals as checker
from kamcourse.workbook import Workbook

CANDIDATES = {
    "Quintara Chemicals": {"decision": "candidate", "reason": "revenue"},
    "Halvorsen Dairies": {"decision": "candidate", "reason": "potential"},
    "Tiller & Sons Bakeries": {"decision": "not a candidate", "reason": "price"},
    "Lumen Home Stores": {"decision": "not a candidate", "reason": "price"},
    "Orvale Foods": {"decision": "candidate", "reason": "potential"},
    "Castellan Pharma": {"decision": "candidate", "reason": "fit"},
    "Kestrel Agrochem": {"decision": "candidate", "reason": "potential"},
    "Wrenfield Gifts": {"decision": "not a candidate", "reason": "small"},
}
STATEMENTS = {
    "s1": "AM",
    "s2": "KAM",
    "s3": "KAM",
    "s4": "AM",
    "s5": "KAM",
    "s6": "AM",
    "s7": "AM",
    "s8": "KAM",
    "s9": "KAM",
    "s10": "AM",
}
SOLUTIONS = {"fundamentals.candidates": CANDIDATES, "fundamentals.am_or_kam": STATEMENTS}


def _with(**changes: dict[str, str]) -> dict[str, dict[str, str]]:
    answer = {k: dict(v) for k, v in CANDIDATES.items()}
    for name, entry in changes.items():
        answer[name.replace("_", " ")] = entry
    return answer


def test_exercises_load_with_hints_whose_last_gives_the_worked_answer() -> None:
    items = {e.id: e for e in checks.exercises("fundamentals")}
    for ex_id in SOLUTIONS:
        assert 2 <= len(items[ex_id].hints) <= 4 and items[ex_id].hints[-1].startswith("The worked answer")
    quiz = [e for e in items.values() if e.id.startswith("fundamentals.quiz.")]
    assert len(quiz) == 5 and all(e.kind == "generic.choice" for e in quiz)


def test_candidate_facts_agree_with_the_case() -> None:
    from kamcourse import fundamentals

    base = fundamentals.case_customers()
    for item in checker.candidate_items(checks.exercise("fundamentals.candidates")):
        assert base[item["name"]] == item["revenue"], item["name"]
        share = f"{item['revenue'] / base.sum():.1%}"
        assert f"({share} of revenue)" in item["facts"], (item["name"], share)


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
def test_the_worked_answers_are_correct_and_recorded(book: Workbook, ex_id: str) -> None:
    feedback = checks.check(ex_id, SOLUTIONS[ex_id], workbook=book)
    assert feedback.correct, feedback.text()
    assert book.entry(ex_id)["attempts"][-1]["status"] == "correct"


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
@pytest.mark.parametrize(
    "answer", [..., None, "", {}, {"s1": None}, {"Orvale Foods": {"decision": None, "reason": None}}]
)
def test_unanswered_says_not_answered_yet(book: Workbook, ex_id: str, answer: object) -> None:
    if ex_id == "fundamentals.candidates" and answer == {"s1": None}:
        answer = {"Orvale Foods": None}
    if ex_id == "fundamentals.am_or_kam" and isinstance(answer, dict) and "Orvale Foods" in answer:
        answer = {"s2": ""}
    feedback = checks.check(ex_id, answer, workbook=book)
    assert feedback.status == "not_answered" and str(feedback).startswith("Not answered yet:")


# --------------------------------------------------------------------------- candidates: defensible answers


NOT_YET = (
    "It is promising but not proven; keep it with the sales team and test it against the selection criteria first."
)


@pytest.mark.parametrize(
    "entry",
    [
        {"decision": "candidate", "reason": "fit"},
        {"decision": "not a candidate", "reason": "not_yet"},
        {"decision": "no", "reason": NOT_YET},
    ],
)
def test_kestrel_can_be_defended_either_way(book: Workbook, entry: dict[str, str]) -> None:
    feedback = checks.check("fundamentals.candidates", _with(Kestrel_Agrochem=entry), workbook=book)
    assert feedback.correct, feedback.text()
    assert any(d.startswith("Kestrel Agrochem:") and "is defensible" in d for d in feedback.details)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Quintara Chemicals", "fit"),
        ("Halvorsen Dairies", "revenue"),
        ("Tiller & Sons Bakeries", "unfit"),
        ("Wrenfield Gifts", "unfit"),
    ],
)
def test_every_accepted_reason_is_accepted(book: Workbook, name: str, reason: str) -> None:
    answer = _with()
    answer[name]["reason"] = reason
    assert checks.check("fundamentals.candidates", answer, workbook=book).correct


def test_decisions_and_names_are_read_loosely(book: Workbook) -> None:
    answer = {
        k.upper(): {"decision": "Yes" if v["decision"] == "candidate" else "NO", "reason": v["reason"].upper()}
        for k, v in CANDIDATES.items()
    }
    assert checks.check("fundamentals.candidates", answer, workbook=book).correct


# --------------------------------------------------------------------------- candidates: diagnosis first


def test_choosing_by_revenue_alone_is_diagnosed_before_any_answer_is_revealed(book: Workbook) -> None:
    order = ["Quintara Chemicals", "Halvorsen Dairies", "Tiller & Sons Bakeries", "Lumen Home Stores"]
    answer = {
        n: {
            "decision": "candidate" if n in order else "not a candidate",
            "reason": "revenue" if n in order else "small",
        }
        for n in CANDIDATES
    }
    first = checks.check("fundamentals.candidates", answer, workbook=book)
    assert first.status == "partial"
    text = " ".join(first.details)
    assert first.details[0].startswith("Your candidates are simply the largest customers by revenue today.")
    assert "Tiller & Sons Bakeries: not 'candidate'. Its revenue is sizeable, but it buys standard cases" in text
    assert "Orvale Foods: not 'not a candidate'. Only 2.1% of revenue today, but Vellmar has 5% of a EUR 38" in text
    assert "The course's answer" not in text
    second = checks.check("fundamentals.candidates", answer, workbook=book)
    again = " ".join(second.details)
    assert "Orvale Foods: not 'not a candidate'." in again
    assert "The course's answer: candidate. Its spend with Vellmar could grow a lot" in again
    assert "The course's answer: not a candidate. It buys on price alone" in again


def test_a_right_call_for_the_wrong_reason_is_named(book: Workbook) -> None:
    feedback = checks.check(
        "fundamentals.candidates", _with(Orvale_Foods={"decision": "candidate", "reason": "revenue"}), workbook=book
    )
    assert feedback.status == "partial" and "7 of 8" in feedback.message
    note = next(d for d in feedback.details if d.startswith("Orvale Foods"))
    assert "'candidate' can be defended, but not for the reason you give" in note and "EUR 38 million" in note


def test_a_reason_that_argues_the_other_way_is_named(book: Workbook) -> None:
    feedback = checks.check(
        "fundamentals.candidates", _with(Castellan_Pharma={"decision": "candidate", "reason": "small"}), workbook=book
    )
    note = next(d for d in feedback.details if d.startswith("Castellan Pharma"))
    assert "argues against 'candidate'" in note


def test_a_decision_without_a_reason_asks_for_one(book: Workbook) -> None:
    feedback = checks.check("fundamentals.candidates", _with(Orvale_Foods={"decision": "candidate"}), workbook=book)
    assert feedback.status == "partial"
    assert "Orvale Foods: you say 'candidate' but give no reason." in " ".join(feedback.details)


@pytest.mark.parametrize(
    ("decision", "note"),
    [("candidate", "Every customer is a candidate"), ("not a candidate", "No customer is a candidate")],
)
def test_nonsense_lists_are_never_correct(book: Workbook, decision: str, note: str) -> None:
    for reason in ("revenue", "potential", "fit", "small", "price", "unfit", "not_yet"):
        answer = {n: {"decision": decision, "reason": reason} for n in CANDIDATES}
        feedback = checks.check("fundamentals.candidates", answer, workbook=book)
        assert feedback.status in ("partial", "incorrect"), (reason, feedback.text())
        assert feedback.details[0].startswith(note)


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        (["Quintara Chemicals"], r"as a dictionary .* not a list"),
        ({"Acme Corp": {"decision": "candidate"}}, r"'Acme Corp' is not one of the customers"),
        ({"Orvale Foods": {"decision": "maybe"}}, r"Orvale Foods: 'maybe' is not a decision"),
        ({"Orvale Foods": {"decision": "candidate", "reason": "vibes"}}, r"'vibes' is not one of the reasons offered"),
        ({"Orvale Foods": 5}, r"Orvale Foods: give a decision and a reason"),
        ({"Orvale Foods": {"decision": True}}, r"True is not a decision"),
        ({7: {"decision": "candidate"}}, r"7 is not one of the customers"),
    ],
)
def test_unreadable_candidate_answers_are_invalid_not_tracebacks(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("fundamentals.candidates", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


# --------------------------------------------------------------------------- AM or KAM


def test_misplaced_statements_are_explained_then_revealed(book: Workbook) -> None:
    answer = dict(STATEMENTS, s1="KAM", s8="AM")
    first = checks.check("fundamentals.am_or_kam", answer, workbook=book)
    assert first.status == "partial" and "8 of 10" in first.message
    s1 = next(d for d in first.details if d.startswith("Statement 1 "))
    assert "not key account management. One-year plans led by our own sales targets" in s1
    assert "It belongs to" not in " ".join(first.details)
    second = checks.check("fundamentals.am_or_kam", answer, workbook=book)
    assert "It belongs to account management." in " ".join(second.details)


@pytest.mark.parametrize("side", ["AM", "KAM"])
def test_one_side_for_everything_is_never_correct(book: Workbook, side: str) -> None:
    feedback = checks.check("fundamentals.am_or_kam", {k: side for k in STATEMENTS}, workbook=book)
    assert feedback.status == "partial" and "5 of 10" in feedback.message
    assert feedback.details[0].startswith("You put every statement on the same side.")


def test_sides_and_statements_are_read_loosely(book: Workbook) -> None:
    items = checker.statement_items(checks.exercise("fundamentals.am_or_kam"))
    answer = {i["text"].upper(): ("key account management" if i["side"] == "KAM" else "am") for i in items}
    assert checks.check("fundamentals.am_or_kam", answer, workbook=book).correct


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("AM", r"as a dictionary .* not a str"),
        ({"s11": "AM"}, r"'s11' is not a statement of this exercise"),
        ({"s1": "both"}, r"Statement s1: 'both' is not a choice"),
        ({"s1": 1}, r"Statement s1: 1 is not a choice"),
    ],
)
def test_unreadable_statement_answers_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("fundamentals.am_or_kam", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message
