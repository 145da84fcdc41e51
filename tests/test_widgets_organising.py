"""Widgets of lesson 09 (organising for key account management), driven without a browser."""

from __future__ import annotations

import pytest

from kamcourse import organising, testing, widgets
from kamcourse.widgets import organising as ow
from kamcourse.workbook import Workbook


def _png(out) -> bool:  # type: ignore[no-untyped-def]
    return any("image/png" in o.get("data", {}) for o in testing.output_data(out))


# --------------------------------------------------------------------------- congruence


def test_congruence_says_how_many_are_rated_until_all_twelve_are(book: Workbook) -> None:
    w = ow.congruence_diagnostic()
    assert "0 of 12 statements rated" in testing.output_text(w.result) and w.chart.outputs == ()
    for sid in list(w.buttons)[:11]:
        testing.set_value(w.buttons[sid], 3)
    assert "11 of 12 statements rated" in testing.output_text(w.result)
    testing.set_value(w.buttons["p2"], 1)
    testing.set_value(w.buttons["p3"], 1)
    assert "Misfit: Systems and processes" in testing.output_text(w.result) and _png(w.chart)


def test_prefill_is_shown_but_not_saved_and_saved_answers_win(book: Workbook) -> None:
    case = organising.case_congruence()
    w = ow.congruence_diagnostic(case)
    assert "Misfit: Human resources" in testing.output_text(w.result)
    assert book.get_state("organising.lesson.congruence") is None, "running the lesson saves nothing"
    testing.set_value(w.buttons["h2"], 4)
    assert book.get_state("organising.lesson.congruence")["h2"] == 4
    again = ow.congruence_diagnostic(case)  # a re-run: the learner's answer wins over the pre-fill
    assert again.buttons["h2"].value == 4


def test_the_case_button_and_clear_are_a_persons_actions(book: Workbook) -> None:
    w = ow.congruence_diagnostic()
    testing.click(w.case_button)
    assert book.get_state("organising.lesson.congruence") == organising.case_congruence()
    testing.click(w.clear_button)
    assert set(book.get_state("organising.lesson.congruence").values()) == {None}
    assert "0 of 12" in testing.output_text(w.result)


def test_a_demo_widget_saves_nothing(book: Workbook) -> None:
    w = ow.congruence_diagnostic(key=None)
    w.fill(organising.case_congruence())
    testing.set_value(w.buttons["s1"], 1)
    assert book.load()["state"] == {}


@pytest.mark.parametrize(
    ("saved", "pattern"),
    [
        ({"s1": 9}, "rating 9 is not on the scale"),
        ({"zz": 3}, "'zz' is not a statement"),
        ([1, 2], "as a dictionary"),
    ],
)
def test_a_bad_saved_state_gives_a_message_and_is_kept(book: Workbook, saved: object, pattern: str) -> None:
    book.set_state("organising.lesson.congruence", saved)
    w = ow.congruence_diagnostic()
    text = testing.output_text(w.result)
    assert text.startswith("Please check your input") and pattern in text
    assert book.get_state("organising.lesson.congruence") == saved


# --------------------------------------------------------------------------- success factors


def test_success_factors_chart_advice_and_unsupported_ratings(book: Workbook) -> None:
    w = ow.success_factors()
    for fid in w.buttons:
        testing.set_value(w.buttons[fid], 4)
    testing.set_value(w.evidence["anchorage"], "Every key account has an executive sponsor")
    testing.set_value(w.buttons["budget"], 2)
    text = testing.output_text(w.result)
    assert "Weakest: Competitive internal budget process (2 of 5)." in text and "steering committee" in text
    assert "Rated high without evidence: Business quality over quantity" in text
    assert "Anchorage" not in text.split("without evidence:")[1]
    assert _png(w.chart)
    saved = book.get_state("organising.lesson.success_factors")
    assert saved["anchorage"] == {"rating": 4, "evidence": "Every key account has an executive sponsor"}
    again = ow.success_factors(organising.case_success_factors())
    assert again.buttons["budget"].value == 2 and again.evidence["anchorage"].value.startswith("Every key")


def test_success_factors_learner_text_is_kept_as_text(book: Workbook) -> None:
    w = ow.success_factors(key=None)
    w.fill({f["id"]: {"rating": 5, "evidence": "<script>alert(1)</script> $x$ **bold**"} for f in organising.factors()})
    assert "No factor is rated below 4" in testing.output_text(w.result) and _png(w.chart)


# --------------------------------------------------------------------------- exercises


def test_roles_widget_saves_restores_and_checks(book: Workbook) -> None:
    w = widgets.exercise("organising.roles")
    assert isinstance(w, ow.RolesExercise) and len(w.dropdowns) == 11
    testing.set_value(w.dropdowns["d6"], "manager")
    assert book.answer("organising.roles")["d6"] == "manager"
    again = widgets.exercise("organising.roles")
    assert again.dropdowns["d6"].answer == "manager"
    testing.click(again.check_button)
    assert "1 of 11 duties" in testing.output_text(again.feedback)


def test_reward_widget_total_and_fill(book: Workbook) -> None:
    w = widgets.exercise("organising.reward")
    testing.set_value(w.shares["base"], "70")
    testing.set_value(w.shares["commission"], "ten")
    assert "Commission share (percent): &#x27;ten&#x27; is not a number." in w.total.value
    testing.set_value(w.shares["commission"], "1 0,5")  # read by kamcourse.inputs, as everywhere
    assert "not a number" in w.total.value
    testing.set_value(w.shares["commission"], "10,5")
    assert "Total: 80.5%" in w.total.value
    feedback = w.fill(
        {
            "base": 70,
            "commission": 10,
            "bonus": 20,
            "bonus_on": ["profit"],
            "why": "It pays for profitable, patient work on the account rather than this year's volume.",
        }
    )
    assert feedback is not None and feedback.correct and "Total: 100%" in w.total.value
    again = widgets.exercise("organising.reward")
    assert again.measures["profit"].value and again.shares["bonus"].value == "20"


def test_scorecard_widget_fills_boxes_and_refuses_too_many(book: Workbook) -> None:
    w = widgets.exercise("organising.scorecard")
    feedback = w.fill(organising.example_scorecard())
    assert feedback is not None and feedback.correct
    assert w.boxes["growth"][1].value.startswith("Share of key account revenue")
    w.fill({"financial": ["a", "b", "c", "d"]})
    assert "room for 3 per perspective" in testing.output_text(w.feedback)


@pytest.mark.parametrize(
    ("build", "values", "pattern"),
    [
        (ow.congruence_diagnostic, {"s1": 9}, "rating 9 is not on the scale"),
        (ow.congruence_diagnostic, {"s1": True}, "rating True is not on the scale"),
        (ow.congruence_diagnostic, {"s1": 10**400}, "is not on the scale"),
        (ow.congruence_diagnostic, "all fives", "as a dictionary"),
        (ow.success_factors, {"budget": {"rating": 3, "evidence": ["a list"]}}, "is not text"),
        (ow.success_factors, {"luck": 3}, "'luck' is not one of the six success factors"),
        (ow.success_factors, {"budget": {"rating": float("nan")}}, "rating nan is not on the scale"),
    ],
)
def test_bad_values_filled_from_code_give_a_message_and_change_nothing(
    book: Workbook,
    build,
    values: object,  # type: ignore[no-untyped-def]
    pattern: str,
) -> None:
    w = build(key=None)
    w.fill({})
    before = w.values()
    w.fill(values)
    text = testing.output_text(w.result)
    assert text.startswith("Please check your input") and pattern in text, text
    assert "Internal error" not in text and w.values() == before
