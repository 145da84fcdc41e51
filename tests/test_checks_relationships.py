"""Checkers of lesson 05 (relationship stages): right, wrong with explanation, unanswered, unreadable."""

from __future__ import annotations

import re

import pytest

from kamcourse import checks
from kamcourse import relationships as rel
from kamcourse.checkers import relationships as checker
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook

DIAGNOSIS = {
    "corbett": "basic",
    "kestrel": "basic",
    "orvale": "co-operative",
    "ashby": "co-operative",
    "quintara": "interdependent",
    "marlow_2019": "integrated",
}
QUICK = {
    "exit": "strongly agree",
    "trust": "agree",
    "planning": "strongly agree",
    "information": "agree",
    "contact": "agree",
    "benefits": "strongly agree",
}
CONTACTS = (
    "Key account manager - VP global procurement\nChief executive - Chief executive\n"
    "Head of operations - Supply chain director\nPackaging engineer - EHS manager"
)
DECISIONS = {
    "Quintara Chemicals": "hold",
    "Halvorsen Dairies": "hold",
    "Marlow Brewing Group": "invest more",
    "Orvale Foods": "invest more",
    "Kestrel Agrochem": "invest more",
    "Veltra Adhesives": "hold",
    "Corbett Snacks": "hold",
    "Ashby Lubricants": "invest less",
    "Wrenfield Gifts": "invest less",
}
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
    answer = dict(DIAGNOSIS, kestrel="co-operative", ashby="Interdependent")
    first = checks.check("rel.diagnose", answer, workbook=book)
    assert first.status == "partial" and "4 of 6" in first.message
    kestrel = next(d for d in first.details if d.startswith("Kestrel Agrochem"))
    assert "is not Co-operative" in kestrel and rel.case("kestrel").ruled_out["co-operative"] in kestrel
    ashby = next(d for d in first.details if d.startswith("Ashby Lubricants"))
    assert "Heavy service is not partnership" in ashby
    assert "points to" not in " ".join(first.details)
    second = checks.check("rel.diagnose", answer, workbook=book)
    assert "The evidence points to: Basic." in " ".join(second.details)


def test_diagnosis_accepts_customer_names_and_loose_stage_names(book: Workbook) -> None:
    feedback = checks.check(
        "rel.diagnose", {"Marlow Brewing Group (in 2019)": "INTEGRATED", "Corbett Snacks": "Basic"}, workbook=book
    )
    assert feedback.status == "partial" and "2 of 6" in feedback.message
    assert sum("no stage chosen yet" in d for d in feedback.details) == 4


def test_quick_check_explains_each_statement_against_the_evidence(book: Workbook) -> None:
    answer = dict(QUICK, trust="strongly agree", exit="disagree", benefits=None)
    first = checks.check("rel.quick_check", answer, workbook=book)
    assert (
        first.status == "partial"
        and "3 of 6 answers fit" in first.message
        and "5 of 6 statements answered" in first.message
    )
    text = " ".join(first.details)
    assert "'Partnership and trust': 'strongly agree' claims more than the evidence shows" in text
    assert "shook trust" in text
    assert "'Exit hard for both': 'disagree' gives less credit" in text and "about a year" in text
    assert "'Substantial mutual benefits': not answered yet." in text
    assert "The evidence supports" not in text
    second = checks.check("rel.quick_check", answer, workbook=book)
    assert "The evidence supports disagree or agree." in " ".join(second.details)


def test_quick_check_gives_total_and_stage_from_the_illustrative_bands(book: Workbook) -> None:
    low = checks.check("rel.quick_check", [1, 1, 1, 1, 1, 1], workbook=book)
    assert low.status == "partial"
    assert "Total 6/18, which the course's illustrative bands read as Co-operative" in low.message
    assert "describes the relationship with Quintara Chemicals as Interdependent" in low.message
    right = checks.check("rel.quick_check", [2, 2, 2, 1, 2, 2], workbook=book)
    assert right.correct and "Total 11/18" in right.message and "matches" in right.message


def test_quick_check_answers_that_fit_the_evidence_are_right_even_when_the_bands_disagree(book: Workbook) -> None:
    # every answer at the low end of what the evidence supports: 10/18, "co-operative" by the bands
    fits = checks.check("rel.quick_check", [2, 1, 2, 1, 2, 2], workbook=book)
    assert fits.correct and "Total 10/18" in fits.message
    assert "the bands start a discussion, they do not settle it" in fits.message.lower()
    assert "'Partnership and trust', 'Information shared freely'" in fits.message


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ({"exit": "maybe"}, r"Statement 'exit' \(Exit hard for both\): answer 'maybe' is not a known label"),
        ({"loyalty": 2}, r"Statement 'loyalty' is not a statement of the quick check"),
        ([3, 2, 1], r"exactly 6 answers"),
        ({"exit": True}, r"answer True is not allowed"),
        ({"exit": 4}, r"answer 4 is not allowed"),
        ("agree", r"cannot be read"),
    ],
)
def test_quick_check_unreadable_answers_are_invalid_not_tracebacks(
    book: Workbook, answer: object, pattern: str
) -> None:
    feedback = checks.check("rel.quick_check", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


def test_contacts_bow_tie_is_wrong_for_an_interdependent_case_and_says_why(book: Workbook) -> None:
    feedback = checks.check("rel.contacts", "Sales representative - Buyer", workbook=book)
    assert feedback.status == "incorrect"
    assert "your structure is bow-tie" in feedback.message and "calls for a diamond" in feedback.message
    assert "belongs to a basic relationship" in feedback.message
    assert any("the two chief executives" in d for d in feedback.details)


def test_contacts_fanning_out_is_mixed_and_a_diamond_without_coordination_is_partial(book: Workbook) -> None:
    mixed = checks.check("rel.contacts", "Key account manager - Buyer\nKey account manager - R&D", workbook=book)
    assert mixed.status == "incorrect" and "is not yet a diamond" in mixed.message
    assert "The case names these contacts" not in " ".join(mixed.details)
    again = checks.check("rel.contacts", "Key account manager - Buyer\nKey account manager - R&D", workbook=book)
    assert "The case names these contacts" in " ".join(again.details)
    no_tips = checks.check("rel.contacts", "CEO - CEO\nOperations - Supply chain\nEngineer - EHS", workbook=book)
    assert no_tips.status == "partial" and "coordination is missing" in no_tips.message
    assert any("vice-president of global procurement" in d for d in no_tips.details)


def test_contacts_accept_a_list_of_pairs_and_people_by_name(book: Workbook) -> None:
    pairs = [("KAM", "Purchasing"), ("CEO", "CEO"), ("Logistics", "Supply chain"), ("R&D", "Safety manager")]
    assert checks.check("rel.contacts", pairs, workbook=book).correct
    by_name = (
        "Daniel Moreau - Anja Petersen\nKatrin Aalto - Stefan Krause\nMira Okafor - Leon Fischer\n"
        "Arjun Mehta - Hiroshi Tanaka\nDaniel Moreau - Marta Silva"
    )
    assert checks.check("rel.contacts", by_name, workbook=book).correct


def test_a_made_up_diamond_is_not_right(book: Workbook) -> None:
    feedback = checks.check("rel.contacts", "a - b\nc - d\ne - f\nKey account manager - Buyer", workbook=book)
    assert feedback.status == "partial" and "does not match the contacts the case describes" in feedback.message
    assert sum("The case does not describe a contact" in d for d in feedback.details) == 3
    assert any("the two chief executives" in d for d in feedback.details)


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("KAM Buyer", r"Line 1 \('KAM Buyer'\) has no separator"),
        ("KAM - Buyer\n\nR&D - ", r"Line 3 \('R&D -'\): the customer function is empty"),
        ("KAM - Buyer\nkam - buyer", r"Line 2 .* repeats the contact on line 1"),
        ("a - b - c", r"more than one contact"),
        (42, r"not a int"),
    ],
)
def test_contacts_unreadable_lines_are_invalid_and_named(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.contacts", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


def test_portfolio_decisions_are_the_case_answers_and_within_the_fit() -> None:
    key = checker.portfolio_key()
    assert dict(zip(key["account"], key["decision"], strict=False)) == DECISIONS
    assert set(key["decision"]) == set(rel.DECISIONS)
    for row in key.itertuples(index=False):
        for accepted in row.accepted.split(", "):
            assert accepted in rel.defensible_decisions(row.category, row.stage), row.account


def test_portfolio_wrong_decisions_explain_category_and_fit_range(book: Workbook) -> None:
    answer = dict(DECISIONS, **{"Wrenfield Gifts": "hold", "Marlow Brewing Group": "invest less"})
    first = checks.check("rel.portfolio", answer, workbook=book)
    assert first.status == "partial" and "7 of 9" in first.message
    wrenfield = next(d for d in first.details if d.startswith("Wrenfield"))
    assert "(Streamline)" in wrenfield and "above the fit (Basic to Co-operative)" in wrenfield
    assert "manage for cash" in wrenfield and "The case supports" not in wrenfield
    marlow = next(d for d in first.details if d.startswith("Marlow"))
    assert "below the fit (Interdependent to Integrated)" in marlow and "widens the gap" in marlow
    assert any("only selectively - check that it pays" in d for d in first.details)  # Ashby, right but noted
    second = checks.check("rel.portfolio", answer, workbook=book)
    assert "The case supports: invest less." in " ".join(second.details)


def test_portfolio_free_service_eroding_the_margin_may_be_cut(book: Workbook) -> None:
    """Ashby gets free engineering it does not repay: 'invest less' is the case's answer, 'hold' defensible."""
    less = checks.check("rel.portfolio", DECISIONS, workbook=book)
    assert less.correct and any("Ashby Lubricants: 'hold' would also be defensible" in d for d in less.details)
    hold = checks.check("rel.portfolio", dict(DECISIONS, **{"Ashby Lubricants": "hold"}), workbook=book)
    assert hold.correct
    assert any(
        d.startswith("Ashby Lubricants: 'hold' is defensible") and "charges for the engineer" in d for d in hold.details
    )
    more = checks.check("rel.portfolio", dict(DECISIONS, **{"Ashby Lubricants": "invest more"}), workbook=book)
    assert more.status == "partial"
    assert any(d.startswith("Ashby Lubricants: not 'invest more'") for d in more.details)


def test_portfolio_a_star_may_be_held_or_developed_but_not_dropped(book: Workbook) -> None:
    hold = checks.check("rel.portfolio", dict(DECISIONS, **{"Orvale Foods": "hold"}), workbook=book)
    assert hold.correct and any("The case leans to 'invest more'" in d for d in hold.details)
    less = checks.check("rel.portfolio", dict(DECISIONS, **{"Orvale Foods": "invest less"}), workbook=book)
    orvale = next(d for d in less.details if d.startswith("Orvale Foods"))
    assert less.status == "partial" and "give up the chance a Star offers" in orvale


def test_portfolio_all_hold_is_not_right(book: Workbook) -> None:
    feedback = checks.check("rel.portfolio", {a: "hold" for a in DECISIONS}, workbook=book)
    assert feedback.status == "partial" and "6 of 9" in feedback.message


def test_portfolio_accepts_short_decisions(book: Workbook) -> None:
    short = {k: {"invest more": "More", "hold": "HOLD", "invest less": "less"}[v] for k, v in DECISIONS.items()}
    assert checks.check("rel.portfolio", short, workbook=book).correct


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ({"Acme": "hold"}, r"'Acme' is not an account of the portfolio"),
        ({"Ashby Lubricants": "double down"}, r"Ashby Lubricants: 'double down' is not a decision"),
        ({"Ashby Lubricants": 3}, r"Ashby Lubricants: 3 is not a decision"),
        (["hold"], r"dictionary .* not a list"),
    ],
)
def test_portfolio_unreadable_answers_are_invalid(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("rel.portfolio", answer, workbook=book)
    assert feedback.status == "invalid" and re.search(pattern, feedback.message), feedback.message


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ({"acme": "basic"}, r"'acme' is not one of the cases"),
        ({"quintara": "friendly"}, r"Quintara Chemicals: stage 'friendly' is not a relationship stage"),
        ("basic", r"dictionary .* not a str"),
    ],
)
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
    assert rel.case("Quintara Chemicals").id == "quintara"
    with pytest.raises(InputError, match="There is no case 'acme'"):
        rel.case("acme")


def test_parse_contact_lines_skips_blanks_and_comments_and_keeps_hyphenated_names() -> None:
    parsed = rel.parse_contact_lines(
        "# who talks to whom\n\nKAM -> Buyer\nCo-development team \u2013 R&D\nQuality;QA\n"
    )
    assert [(c.supplier, c.customer) for c in parsed] == [
        ("KAM", "Buyer"),
        ("Co-development team", "R&D"),
        ("Quality", "QA"),
    ]
    with pytest.raises(InputError, match="at least one contact"):
        rel.parse_contact_lines("# nothing\n\n")
