"""Feedback on the plan exercises (lessons 06-08): the worked answer and a defensible
alternative are marked correct, a nonsense answer never is, and mistakes are diagnosed."""

from __future__ import annotations

import pytest

from kamcourse import checks
from kamcourse import planning as P
from kamcourse.workbook import Workbook

DATABASE = {
    "pledge": "customer and its strategy",
    "framework": "needs and purchasing",
    "smudge": "our history",
    "freeze": "competition",
    "total_cost": "needs and purchasing",
    "margin": "customer and its strategy",
    "pilot": "competition",
    "share": "our history",
}
ANALYSIS = {
    "lots": "opportunity",
    "freeze": "threat",
    "pack2030": "opportunity",
    "spend": "assumption",
    "otif": "threat",
    "cpo": "threat",
    "timetable": "assumption",
    "brenna": "opportunity",
}


@pytest.fixture(scope="module")
def worked() -> P.Plan:
    return P.worked_plan(workbook=Workbook("/nonexistent-kamcourse/wb.json"))


def check(book: Workbook, exercise: str, answer: object) -> checks.Feedback:
    return checks.check(exercise, answer, workbook=book)


def text(feedback: checks.Feedback) -> str:
    return feedback.text()


# ----------------------------------------------------------------------------- sorting (lesson 06)
def test_database_worked_answer_is_correct(book: Workbook) -> None:
    assert check(book, "planning.database", DATABASE).status == "correct"


def test_analysis_accepts_both_defensible_readings(book: Workbook) -> None:
    assert check(book, "planning.analysis", ANALYSIS).status == "correct"
    verify = {**ANALYSIS, "lots": "to verify", "freeze": "to verify", "cpo": "to verify", "brenna": "to verify"}
    assert check(book, "planning.analysis", verify).status == "correct"


def test_a_wrong_box_is_explained_then_revealed(book: Workbook) -> None:
    answer = {**ANALYSIS, "spend": "opportunity"}
    first = check(book, "planning.analysis", answer)
    assert first.status == "partial" and "7 of 8" in first.message
    assert "is not best read as 'opportunity': The plan takes the size of the spend as given" in text(first)
    assert "It belongs in" not in text(first)
    second = check(book, "planning.analysis", answer)
    assert "It belongs in: assumption." in text(second)


def test_nonsense_sorting_is_never_correct(book: Workbook) -> None:
    same = {k: "competition" for k in DATABASE}
    assert check(book, "planning.database", same).status in ("partial", "incorrect")
    assert check(book, "planning.database", {"pledge": "somewhere"}).status == "invalid"
    assert "Choose one of" in check(book, "planning.database", {"pledge": "somewhere"}).message
    assert check(book, "planning.database", {"unknown": "competition"}).status == "invalid"
    assert check(book, "planning.database", "competition").status == "invalid"
    assert check(book, "planning.database", {k: None for k in DATABASE}).status == "not_answered"


# ----------------------------------------------------------------------------- objectives (lesson 07)
SHARE = {
    "level": "strategic",
    "text": "Grow our share of Orvale's spend",
    "metric": "share of wallet",
    "unit": "%",
    "baseline": 5,
    "target": 15,
    "due": "2028-12-31",
}
OTIF = {
    "level": "operational",
    "text": "Deliver reliably",
    "metric": "on-time-in-full delivery",
    "unit": "%",
    "baseline": 91,
    "target": 97,
    "due": "2027-06-30",
}


def test_worked_objectives_are_correct(book: Workbook, worked: P.Plan) -> None:
    assert check(book, "planning.objectives", [SHARE, OTIF]).status == "correct"
    rows = [o.to_dict() for o in worked.objectives]  # the worked plan's six objectives
    assert check(book, "planning.objectives", rows).status == "correct"


def test_defensible_alternative_objectives_are_correct(book: Workbook) -> None:
    revenue = {**SHARE, "metric": "revenue with Orvale", "unit": "EUR million", "baseline": "1,9", "target": 5}
    late = {**OTIF, "metric": "late deliveries in the summer peak", "unit": "deliveries", "baseline": 2, "target": 0}
    assert check(book, "planning.objectives", [revenue, late]).status == "correct"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([{**SHARE, "baseline": None, "due": None}, OTIF], "not measurable yet: missing baseline, due date"),
        ([SHARE, {**OTIF, "target": None}], "not measurable yet: missing target"),
        (
            [{**SHARE, "baseline": 12}, OTIF],
            "the baseline 12 does not match the case: Vellmar holds 5% of Orvale's packaging spend",
        ),
        ([SHARE, {**OTIF, "target": 85}], "does not improve on the baseline 91: this metric should go up"),
        ([SHARE, {**OTIF, "target": 91}], "the target equals the baseline (91): nothing would change"),
        ([SHARE, {**OTIF, "level": "strategic"}], "delivery reliability is an operational objective"),
        ([SHARE, {**OTIF, "due": "2031-01-01"}], "outside the plan's period"),
        ([SHARE], "No objective yet about delivery reliability."),
    ],
)
def test_objective_mistakes_are_diagnosed(book: Workbook, rows: list, expected: str) -> None:
    feedback = check(book, "planning.objectives", rows)
    assert feedback.status in ("partial", "incorrect") and expected in text(feedback)


def test_nonsense_objectives_are_never_correct(book: Workbook) -> None:
    nonsense = [
        {"level": "strategic", "text": "asdf", "metric": "qwerty", "baseline": 1, "target": 2, "due": "2027-01-01"},
        {"level": "operational", "text": "x", "metric": "zz", "baseline": 3, "target": 4, "due": "2027-01-01"},
    ]
    feedback = check(book, "planning.objectives", nonsense)
    assert feedback.status == "incorrect" and "is not about what the exercise asks" in text(feedback)
    junk = check(book, "planning.objectives", [SHARE, OTIF, {**OTIF, "text": "x", "metric": "qwerty"}])
    assert junk.status != "correct" and "its metric 'qwerty' is not about what the exercise asks" in text(junk)
    bad = check(book, "planning.objectives", [{**SHARE, "baseline": "five"}])
    assert bad.status == "invalid" and "Baseline: 'five' is not a number" in bad.message
    assert check(book, "planning.objectives", "grow a lot").status == "invalid"


# ----------------------------------------------------------------------------- conditional strategies (lesson 07)
def test_worked_strategies_are_correct(book: Workbook, worked: P.Plan) -> None:
    rows = [c.to_dict() for c in worked.strategy.conditional]
    assert check(book, "planning.conditional", rows[:2]).status == "correct"
    assert check(book, "planning.conditional", rows).status == "correct"


def test_an_alternative_pair_of_strategies_is_correct(book: Workbook) -> None:
    rows = [
        {
            "uncertainty": "brenna_opening",
            "condition": "Brenna opens on time in the third quarter of 2027",
            "then": "qualify our trays for the plant-based line by June",
            "otherwise": "use the delay to finish the certification first",
        },
        {
            "uncertainty": "new_cpo",
            "condition": "the successor wants fewer suppliers",
            "then": "meet them early with our key account director",
            "otherwise": "keep working through the category manager",
        },
    ]
    assert check(book, "planning.conditional", rows).status == "correct"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {
                "uncertainty": "tender_scope",
                "condition": "",
                "then": "bid for the whole lot",
                "otherwise": "bid for two lots",
            },
            "without 'if this happens', it is an action plan, not a strategy",
        ),
        (
            {
                "uncertainty": "tender_scope",
                "condition": "the tender has one lot",
                "then": "bid for everything we can",
                "otherwise": "bid for everything we can",
            },
            "it does the same thing in both cases",
        ),
        (
            {
                "uncertainty": "weather",
                "condition": "it rains",
                "then": "sell umbrellas to them",
                "otherwise": "sell sunglasses to them",
            },
            "'weather' is not one",
        ),
        (
            {
                "uncertainty": "ostrand_price_freeze",
                "condition": "the weather is fine",
                "then": "bid for the whole lot",
                "otherwise": "bid for the northern lots",
            },
            "the condition does not seem to be about the uncertainty it names",
        ),
        (
            {"uncertainty": "tender_scope", "condition": "the tender has one lot", "then": "x", "otherwise": "y"},
            "say what we then do",
        ),
    ],
)
def test_strategy_mistakes_are_diagnosed(book: Workbook, worked: P.Plan, row: dict, expected: str) -> None:
    good = worked.strategy.conditional[1].to_dict()
    feedback = check(book, "planning.conditional", [row, good])
    assert feedback.status in ("partial", "incorrect") and expected in text(feedback)


def test_one_strategy_is_not_enough_and_the_example_comes_after_two_tries(book: Workbook, worked: P.Plan) -> None:
    rows = [worked.strategy.conditional[0].to_dict()]
    first = check(book, "planning.conditional", rows)
    assert first.status == "partial" and "at least 2" in text(first) and "For example" not in text(first)
    assert "For example: tender_scope" in text(check(book, "planning.conditional", rows))


# ----------------------------------------------------------------------------- stakeholder map (lesson 08)
def test_worked_map_is_correct(book: Workbook, worked: P.Plan) -> None:
    assert check(book, "planning.stakeholders", [p.to_dict() for p in worked.stakeholders]).status == "correct"


def test_an_alternative_coverage_is_correct(book: Workbook, worked: P.Plan) -> None:
    rows = [p.to_dict() for p in worked.stakeholders]
    for row in rows:
        if row["name"] == "Henrik Orvale":
            row["covered_by"] = "Jonas Brenner"
        if row["name"] == "Sanna Virtanen":
            row["covered_by"], row["attitude"] = "Ines Varga", "neutral"
    assert check(book, "planning.stakeholders", rows).status == "correct"


def test_the_case_map_names_who_is_not_covered(book: Workbook) -> None:
    rows = [p.to_dict() for p in P.case_plan(workbook=book).stakeholders]
    feedback = check(book, "planning.stakeholders", rows)
    assert feedback.status == "partial"
    assert "Sanna Virtanen (Sustainability director) has high influence and nobody at Vellmar covers them" in text(
        feedback
    )


def test_a_map_of_friends_is_questioned_and_not_correct(book: Workbook, worked: P.Plan) -> None:
    rows = [{**p.to_dict(), "attitude": "supporter"} for p in worked.stakeholders]
    feedback = check(book, "planning.stakeholders", rows)
    assert feedback.status == "incorrect" and "Is the map honest?" in text(feedback)
    assert "Sanna Virtanen is shown as 'supporter', but the case says otherwise" in text(feedback)


def test_dropping_a_non_supporter_and_outside_coverage_are_named(book: Workbook, worked: P.Plan) -> None:
    rows = [p.to_dict() for p in worked.stakeholders if p.name != "Sanna Virtanen"]
    rows[0]["covered_by"] = "Lea Novak"  # Henrik Orvale, the chief executive
    rows[1]["covered_by"] = "Somebody Else"
    feedback = text(check(book, "planning.stakeholders", rows))
    assert "Sanna Virtanen is no longer on the map" in feedback
    assert "a customer's top executive is usually met by our own top management" in feedback
    assert "Somebody Else, who is not one of Vellmar's people" in feedback


def test_unreadable_maps_are_invalid(book: Workbook) -> None:
    bad = check(book, "planning.stakeholders", [{"name": "X", "attitude": "best friend"}])
    assert bad.status == "invalid" and "Attitude towards us cannot be 'best friend'" in bad.message


# ----------------------------------------------------------------------------- action plan (lesson 08)
def test_worked_actions_are_correct(book: Workbook, worked: P.Plan) -> None:
    assert check(book, "planning.actions", [a.to_dict() for a in worked.actions]).status == "correct"


def test_a_shorter_alternative_action_plan_is_correct(book: Workbook) -> None:
    rows = [
        {
            "what": "Offer certified cases and a delivery guarantee in the bid",
            "kind": "contractual",
            "owner": "Ines Varga",
            "due": "2027-03-15",
            "objective": oid,
        }
        for oid in ("S1", "S2", "O1", "O2")
    ]
    rows += [
        {
            "what": "Katrin Aalto meets Henrik Orvale and Rafael Ortiz",
            "kind": "relational",
            "owner": "Katrin Aalto",
            "due": "2027-02-20",
            "objective": oid,
        }
        for oid in ("S3", "O3")
    ]
    assert check(book, "planning.actions", rows).status == "correct"


def test_an_action_with_no_owner_is_named(book: Workbook, worked: P.Plan) -> None:
    rows = [a.to_dict() for a in worked.actions]
    rows[5]["owner"] = ""
    feedback = check(book, "planning.actions", rows)
    assert feedback.status == "partial"
    assert "Action 6 ('Present the certification roadmap to Sanna Virtanen with\u2026'): no owner" in text(feedback)


def test_unserved_objectives_one_kind_only_and_nothing_soon_are_named(book: Workbook) -> None:
    rows = [
        {
            "what": "Meet the category manager about the tender",
            "kind": "relational",
            "owner": "Ines Varga",
            "due": "2027-09-01",
            "objective": "S2",
        }
    ]
    feedback = text(check(book, "planning.actions", rows))
    assert "No action serves objective O1 (On-time-in-full delivery from 91% to 97%)" in feedback
    assert "All actions are relational" in feedback
    assert "No action falls due in the plan's first three months" in feedback


def test_nonsense_actions_are_never_correct(book: Workbook) -> None:
    rows = [
        {"what": "x", "kind": "contractual", "owner": "Mickey Mouse", "due": "2027-01-01", "objective": f"Q{i}"}
        for i in range(6)
    ]
    feedback = check(book, "planning.actions", rows)
    assert feedback.status == "incorrect"
    assert "say what is to be done" in text(feedback) and "Mickey Mouse is not one of Vellmar's people" in text(
        feedback
    )
    assert "'Q0', which is not one of the objectives" in text(feedback)
    assert check(book, "planning.actions", [{"what": "x", "due": "soon"}]).status == "invalid"


# ----------------------------------------------------------------------------- self-checks
@pytest.mark.parametrize("prefix", ["planning.quiz06", "planning.quiz07", "planning.quiz08"])
def test_each_lesson_has_a_self_check_whose_right_answer_is_correct(book: Workbook, prefix: str) -> None:
    items = [e for e in checks.exercises("planning") if e.id.startswith(prefix + ".")]
    assert len(items) >= 2
    for item in items:
        assert check(book, item.id, item.key["answer"]).status == "correct"
        wrong = next(o["id"] for o in item.key["options"] if o["id"] != item.key["answer"])
        assert check(book, item.id, wrong).status == "incorrect"
