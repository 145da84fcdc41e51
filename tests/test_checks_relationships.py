"""Checkers of lesson 05 (relationship stages): right, wrong with explanation, unanswered, unreadable."""

from __future__ import annotations

import re

import pytest

from kamcourse import checks, relationships as rel
from kamcourse.checkers import rel as checker
from kamcourse.workbook import Workbook

DIAGNOSIS = {"lindqvist": "basic", "dalgaard": "basic", "rosmark": "co-operative", "vantor": "co-operative",
             "hexfield": "interdependent", "norrvik": "integrated"}
QUICK = {"exit": "strongly agree", "trust": "agree", "planning": "strongly agree", "information": "agree",
         "contact": "agree", "benefits": "strongly agree"}
CONTACTS = ("Key account manager - Head of purchasing\nR&D engineers - R&D engineers\n"
            "Logistics - Warehouse\nFinance director - Finance director")
DECISIONS = {"Hexfield Robotics": "hold", "Norrvik Medical Devices": "hold",
             "Rosmark Agricultural Machines": "invest more", "Dalgaard Marine": "invest more",
             "Vantor Wind": "hold", "Lindqvist Pumps": "hold", "Eskerud Elevators": "invest less",
             "Brava Textile Machinery": "invest less"}
SOLUTIONS = {"rel.diagnose": DIAGNOSIS, "rel.quick_check": QUICK, "rel.contacts": CONTACTS, "rel.portfolio": DECISIONS}


def test_rel_exercises_load_with_hints_and_a_self_check_of_five() -> None:
    items = {e.id: e for e in checks.exercises("rel")}
    for ex_id in SOLUTIONS:
        assert 2 <= len(items[ex_id].hints) <= 3, ex_id
    quiz = [e for e in items.values() if e.id.startswith("rel.quiz.")]
    assert len(quiz) == 5 and all(e.kind == "generic.choice" for e in quiz)
    for question in quiz:
        assert all(str(o["why"]).strip() for o in question.key["options"])
    assert len(checker.diagnose_cases(items["rel.diagnose"])) >= 4


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
def test_the_worked_answers_are_correct_and_recorded(book: Workbook, ex_id: str) -> None:
    feedback = checks.check(ex_id, SOLUTIONS[ex_id], workbook=book)
    assert feedback.correct, feedback.text()
    assert book.entry(ex_id)["attempts"][-1]["status"] == "correct"


@pytest.mark.parametrize("ex_id", sorted(SOLUTIONS))
@pytest.mark.parametrize("answer", [..., None, "", {}, [None] * 6])
def test_unanswered_says_not_answered_yet(book: Workbook, ex_id: str, answer: object) -> None:
    feedback = checks.check(ex_id, answer, workbook=book)
    assert feedback.status == "not_answered" and str(feedback).startswith("Not answered yet:")


def test_a_wrong_stage_quotes_the_trait_that_rules_it_out_and_reveals_on_the_second_try(book: Workbook) -> None:
    answer = dict(DIAGNOSIS, dalgaard="co-operative", vantor="Interdependent")
    first = checks.check("rel.diagnose", answer, workbook=book)
    assert first.status == "partial" and "4 of 6" in first.message
    dalgaard = next(d for d in first.details if d.startswith("Dalgaard Marine"))
    assert "is not Co-operative" in dalgaard and rel.case("dalgaard").ruled_out["co-operative"] in dalgaard
    vantor = next(d for d in first.details if d.startswith("Vantor Wind"))
    assert "Heavy service is not partnership" in vantor
    assert "points to" not in " ".join(first.details)
    second = checks.check("rel.diagnose", answer, workbook=book)
    assert "The evidence points to: Basic." in " ".join(second.details)


def test_diagnosis_accepts_customer_names_and_loose_stage_names(book: Workbook) -> None:
    feedback = checks.check("rel.diagnose", {"Norrvik Medical Devices": "INTEGRATED", "Lindqvist Pumps": "Basic"},
                            workbook=book)
    assert feedback.status == "partial" and "2 of 6" in feedback.message
    assert sum("no stage chosen yet" in d for d in feedback.details) == 4


def test_quick_check_explains_each_statement_against_the_evidence(book: Workbook) -> None:
    answer = dict(QUICK, trust="strongly agree", exit="disagree", benefits=None)
    first = checks.check("rel.quick_check", answer, workbook=book)
    assert first.status == "partial" and "3 of 6 answers fit" in first.message and "5 of 6 statements answered" in first.message
    text = " ".join(first.details)
    assert "'Partnership and trust': 'strongly agree' claims more than the evidence shows" in text
    assert "keeps its own costs private" in text
    assert "'Exit hard for both': 'disagree' gives less credit" in text and "eighteen months" in text
    assert "'Substantial mutual benefits': not answered yet." in text
    assert "The evidence supports" not in text
    second = checks.check("rel.quick_check", answer, workbook=book)
    assert "The evidence supports agree." in " ".join(second.details)


def test_quick_check_gives_total_and_stage_from_the_illustrative_bands(book: Workbook) -> None:
    low = checks.check("rel.quick_check", [1, 1, 1, 1, 1, 1], workbook=book)
    assert low.status == "partial"
    assert "Total 6/18, which the course's illustrative bands read as Co-operative" in low.message
    assert "describes the relationship with Hexfield Robotics as Interdependent" in low.message
    right = checks.check("rel.quick_check", [2, 2, 2, 1, 2, 2], workbook=book)
    assert right.correct and "Total 11/18" in right.message and "matches" in right.message


@pytest.mark.parametrize(("answer", "pattern"), [
    ({"exit": "maybe"}, r"Statement 'exit' \(Exit hard for both\): answer 'maybe' is not a known label"),
    ({"loyalty": 2}, r"Statement 'loyalty' is not a statement of the quick check"),
    ([3, 2, 1], r"exactly 6 answers"),
    ({"exit": True}, r"answer True is not allowed"),
    ({"exit": 4}, r"answer 4 is not allowed"),
    ("agree", r"cannot be read"),
])
def test_quick_check_unreadable_answers_are_invalid_not_tracebacks(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.quick_check", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


def test_contacts_bow_tie_is_wrong_for_an_interdependent_case_and_says_why(book: Workbook) -> None:
    feedback = checks.check("rel.contacts", "Sales representative - Buyer", workbook=book)
    assert feedback.status == "incorrect"
    assert "your structure is bow-tie" in feedback.message and "calls for a diamond" in feedback.message
    assert "belongs to a basic relationship" in feedback.message
    assert any("R&D engineers co-developing" in d for d in feedback.details)


def test_contacts_fanning_out_is_mixed_and_a_diamond_without_coordination_is_partial(book: Workbook) -> None:
    mixed = checks.check("rel.contacts", "Key account manager - Buyer\nKey account manager - R&D", workbook=book)
    assert mixed.status == "incorrect" and "is not yet a diamond" in mixed.message
    assert "The case names these contacts" not in " ".join(mixed.details)
    again = checks.check("rel.contacts", "Key account manager - Buyer\nKey account manager - R&D", workbook=book)
    assert "The case names these contacts" in " ".join(again.details)
    no_tips = checks.check("rel.contacts", "R&D - R&D\nLogistics - Warehouse\nFinance - Finance", workbook=book)
    assert no_tips.status == "partial" and "coordination is missing" in no_tips.message
    assert any("head of purchasing" in d for d in no_tips.details)


def test_contacts_accept_a_list_of_pairs(book: Workbook) -> None:
    pairs = [("KAM", "Purchasing"), ("R&D", "R&D"), ("Logistics", "Warehouse"), ("CFO", "Finance director")]
    assert checks.check("rel.contacts", pairs, workbook=book).correct


@pytest.mark.parametrize(("answer", "pattern"), [
    ("KAM Buyer", r"Line 1 \('KAM Buyer'\) has no separator"),
    ("KAM - Buyer\n\nR&D - ", r"Line 3 \('R&D -'\): the customer function is empty"),
    ("KAM - Buyer\nkam - buyer", r"Line 2 .* repeats the contact on line 1"),
    ("a - b - c", r"more than one contact"),
    (42, r"not a int"),
])
def test_contacts_unreadable_lines_are_invalid_and_named(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.contacts", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


def test_portfolio_decisions_follow_portfolio_fit() -> None:
    key = checker.portfolio_key()
    assert dict(zip(key["account"], key["decision"])) == DECISIONS
    assert set(key["decision"]) == set(checker.DECISIONS)


def test_portfolio_wrong_decisions_explain_category_and_fit_range(book: Workbook) -> None:
    answer = dict(DECISIONS, **{"Brava Textile Machinery": "hold", "Rosmark Agricultural Machines": "invest less"})
    first = checks.check("rel.portfolio", answer, workbook=book)
    assert first.status == "partial" and "6 of 8" in first.message
    brava = next(d for d in first.details if d.startswith("Brava"))
    assert "(Status)" in brava and "above the fit (Co-operative to Interdependent)" in brava
    assert "pro-active maintenance" in brava and "Decision:" not in brava
    rosmark = next(d for d in first.details if d.startswith("Rosmark"))
    assert "below the fit (Interdependent to Integrated)" in rosmark and "widens the gap" in rosmark
    assert any("only selectively - check that it pays" in d for d in first.details)  # Norrvik, right but noted
    second = checks.check("rel.portfolio", answer, workbook=book)
    assert "Decision: invest less." in " ".join(second.details)


def test_portfolio_accepts_short_decisions(book: Workbook) -> None:
    short = {k: {"invest more": "More", "hold": "HOLD", "invest less": "less"}[v] for k, v in DECISIONS.items()}
    assert checks.check("rel.portfolio", short, workbook=book).correct


@pytest.mark.parametrize(("answer", "pattern"), [
    ({"Acme": "hold"}, r"'Acme' is not an account of the portfolio"),
    ({"Vantor Wind": "double down"}, r"Vantor Wind: 'double down' is not a decision"),
    ({"Vantor Wind": 3}, r"Vantor Wind: 3 is not a decision"),
    (["hold"], r"dictionary .* not a list"),
])
def test_portfolio_unreadable_answers_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.portfolio", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


@pytest.mark.parametrize(("answer", "pattern"), [
    ({"acme": "basic"}, r"'acme' is not one of the cases"),
    ({"hexfield": "friendly"}, r"Hexfield Robotics: stage 'friendly' is not a relationship stage"),
    ("basic", r"dictionary .* not a str"),
])
def test_diagnosis_unreadable_answers_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.diagnose", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


def test_self_check_explains_each_option(book: Workbook) -> None:
    wrong = checks.check("rel.quiz.aim", "a", workbook=book)
    assert wrong.status == "incorrect" and "rare and costly" in wrong.message
    assert checks.check("rel.quiz.aim", "b", workbook=book).correct
    assert checks.check("rel.quiz.bands", "c", workbook=book).correct
    assert "no published thresholds" in checks.check("rel.quiz.bands", "a", workbook=book).message.lower()


def test_stages_table_and_case_lookup() -> None:
    table = rel.stages_table()
    assert list(table.columns) == ["Basic", "Co-operative", "Interdependent", "Integrated"]
    assert "Share of spend" in table.index and "Typical contact structure" in table.index
    assert rel.case("Hexfield Robotics").id == "hexfield"
    with pytest.raises(rel.InputError, match="There is no case 'acme'"):
        rel.case("acme")


def test_parse_contact_lines_skips_blanks_and_comments_and_keeps_hyphenated_names() -> None:
    parsed = rel.parse_contact_lines("# who talks to whom\n\nKAM -> Buyer\nCo-development team \u2013 R&D\nQuality;QA\n")
    assert [(c.supplier, c.customer) for c in parsed] == [("KAM", "Buyer"), ("Co-development team", "R&D"), ("Quality", "QA")]
    with pytest.raises(rel.InputError, match="at least one contact"):
        rel.parse_contact_lines("# nothing\n\n")
