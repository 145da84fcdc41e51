from __future__ import annotations

from pathlib import Path

import pytest

from kamcourse import checks, content
from kamcourse.errors import ContentError, InputError
from kamcourse.workbook import Workbook

SOLUTION = {
    "p1": "Situational analysis",
    "p2": "Situational analysis",
    "p3": "Strategy formulation",
    "p4": "Strategy formulation",
    "p5": "Operations",
    "p6": "Operations",
    "p7": "Key account database",
    "p8": "Key account database",
    "p9": "Strategy formulation process document",
    "p10": "Key account plan",
    "p11": "Top management",
    "p12": "Top management",
    "p13": "Key account director",
    "p14": "Key account director",
    "p15": "Key account managers",
}
GOOD_STRATEGY = {
    "condition": "tender_scope",
    "response": "we bid for all six plants with certified recycled-content cases and carbon data per pack",
    "alternative": "we bid for the northern lot we know and offer the fibre tray to packaging technology as a trial",
}


def test_kap_exercises_load_and_have_twelve_or_more_items() -> None:
    items = checks.exercises("kap")
    ids = [e.id for e in items]
    assert ids[:2] == ["kap.placement", "kap.strategy"]
    assert len(checks.exercise("kap.placement").key["items"]) >= 12
    assert any("half her time" in i["text"] for i in checks.exercise("kap.placement").key["items"])


@pytest.mark.parametrize("answer", [..., None, "", "   ", {}, {"p1": ...}, {"p1": None, "p2": ""}])
def test_unanswered_says_not_answered_yet_and_records_nothing(book: Workbook, answer: object) -> None:
    feedback = checks.check("kap.placement", answer, workbook=book)
    assert feedback.status == "not_answered"
    assert str(feedback).startswith("Not answered yet:")
    assert book.entry("kap.placement") == {}


def test_check_without_answer_reads_the_saved_one(book: Workbook) -> None:
    assert checks.check("kap.placement", workbook=book).status == "not_answered"
    book.save_answer("kap.placement", SOLUTION)
    assert checks.check("kap.placement", workbook=book).correct


def test_full_solution_is_correct_and_recorded(book: Workbook) -> None:
    feedback = checks.check("kap.placement", SOLUTION, workbook=book)
    assert feedback.correct and feedback.score == 1.0
    assert "all 15 items" in feedback.message
    record = book.entry("kap.placement")
    assert record["answer"] == SOLUTION and record["attempts"][-1]["status"] == "correct"


def test_each_misplacement_is_explained_and_right_box_revealed_on_second_try(book: Workbook) -> None:
    answer = dict(SOLUTION, p1="Key account plan", p3="Operations")
    first = checks.check("kap.placement", answer, workbook=book)
    assert first.status == "partial" and first.score == pytest.approx(13 / 15)
    assert "13 of 15" in first.message
    wrong_dim = next(d for d in first.details if "half her time" in d)
    assert "is not Key account plan (supporting documents)" in wrong_dim
    assert "an activity of the account team" in wrong_dim
    wrong_elem = next(d for d in first.details if "team workshop" in d)
    assert "the dimension (process stages) is right, but not Operations" in wrong_elem
    assert "It belongs in" not in " ".join(first.details)
    second = checks.check("kap.placement", answer, workbook=book)
    assert "It belongs in Situational analysis" in " ".join(second.details)


def test_checking_what_is_saved_writes_nothing_and_reveals_nothing_more(book: Workbook) -> None:
    """A notebook run top to bottom re-checks saved answers: that is not a new try."""
    wrong = dict(SOLUTION, p1="Key account plan")
    book.save_answer("kap.placement", wrong)
    before = book.path.read_bytes()
    for _ in range(3):
        assert checks.check("kap.placement", workbook=book).status == "partial"
    assert book.path.read_bytes() == before
    first = checks.check("kap.placement", wrong, workbook=book)  # the learner presses Check once
    after_one = book.path.read_bytes()
    for _ in range(3):
        assert checks.check("kap.placement", workbook=book).details == first.details
    assert book.path.read_bytes() == after_one


def test_items_can_be_keyed_by_text_and_elements_written_loosely(book: Workbook) -> None:
    item = checks.exercise("kap.placement").key["items"][0]
    feedback = checks.check("kap.placement", {item["text"]: "situational ANALYSIS"}, workbook=book)
    assert feedback.status == "partial"
    assert "1 of 15" in feedback.message
    assert sum("is not placed yet" in d for d in feedback.details) == 14


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ({"p99": "Operations"}, r"'p99' is not one of the items"),
        (
            {"p1": "Sales"},
            r"For 'Ines Varga, the key account manager, spends half.*', 'Sales' is not a box of the grid",
        ),
        (["Operations"], r"dictionary .* not a list"),
        (42, r"not a int"),
    ],
)
def test_unreadable_answers_give_invalid_feedback_not_a_traceback(book: Workbook, answer: object, pattern: str) -> None:
    feedback = checks.check("kap.placement", answer, workbook=book)
    assert feedback.status == "invalid"
    assert str(feedback).startswith("Cannot check this answer:")
    import re

    assert re.search(pattern, feedback.message), feedback.message


def test_conditional_strategy_feedback(book: Workbook) -> None:
    objective = checks.check("kap.strategy", "Raise our share of Orvale's spend from 5% to 15% by 2029", workbook=book)
    assert objective.status == "incorrect"
    text = " ".join(objective.details)
    assert "no condition" in text and "objective" in text
    one = checks.check(
        "kap.strategy",
        {
            "condition": "brenna_opening",
            "response": "we propose packaging for the plant-based range of the Brenna plant from its first day",
        },
        workbook=book,
    )
    assert one.status == "partial" and "one scenario" in " ".join(one.details)
    good = checks.check("kap.strategy", GOOD_STRATEGY, workbook=book)
    assert good.correct and "What this check can judge" in " ".join(good.details)
    assert "cannot judge: whether your responses are wise" in " ".join(good.details)
    with_number = checks.check("kap.strategy", 35, workbook=book)
    assert with_number.status == "invalid"
    bad_field = checks.check("kap.strategy", {"condition": "tender_scope", "plan": "x"}, workbook=book)
    assert bad_field.status == "invalid" and "'plan' is not one of them" in bad_field.message


def test_strategy_worked_example_only_after_the_second_wrong_try(book: Workbook) -> None:
    nonsense = "If it rains tomorrow we will sell umbrellas, otherwise sunglasses"
    first = checks.check("kap.strategy", nonsense, workbook=book)
    assert first.status == "incorrect"
    assert "not something the case says may happen at Orvale Foods" in " ".join(first.details)
    assert "worked example" not in " ".join(first.details)
    second = checks.check("kap.strategy", nonsense, workbook=book)
    assert "One worked example: Condition: whether the 2027 tender" in " ".join(second.details)
    assert checks.exercise("kap.strategy").hints[-1].startswith("One worked example")  # on request, as a hint


def test_choice_explains_each_option_and_reveals_after_two_wrong_tries(book: Workbook) -> None:
    first = checks.check("kap.quiz.plan", "b", workbook=book)
    assert first.status == "incorrect" and "not a reporting one" in first.message
    assert "The right answer is" not in first.message
    second = checks.check("kap.quiz.plan", "b", workbook=book)
    assert 'The right answer is a, "A rolling strategic document' in second.message
    assert "Right." not in second.message
    right = checks.check(
        "kap.quiz.plan",
        "A rolling strategic document the account team uses to share the strategy and follow the action programmes",
        workbook=book,
    )
    assert right.correct
    bad = checks.check("kap.quiz.plan", "z", workbook=book)
    assert bad.status == "invalid" and "'z' is not one of the options" in bad.message


def test_invalid_attempts_do_not_count_towards_revealing(book: Workbook) -> None:
    for _ in range(3):
        checks.check("kap.quiz.plan", "zz", workbook=book)
    assert "The right answer is" not in checks.check("kap.quiz.plan", "b", workbook=book).message


def test_hints_come_one_at_a_time_and_are_remembered(book: Workbook) -> None:
    count = len(checks.exercise("kap.strategy").hints)
    assert count >= 2
    first = checks.hint("kap.strategy", workbook=book)
    assert first.startswith(f"Hint 1 of {count}:")
    assert checks.hints_shown("kap.strategy", workbook=Workbook(book.path)) == checks.exercise("kap.strategy").hints[:1]
    for _ in range(count - 1):
        checks.hint("kap.strategy", workbook=book)
    assert checks.hint("kap.strategy", workbook=book).startswith(f"You have seen all {count} hints")
    assert checks.hint("kap.quiz.plan", workbook=book).endswith("has no hints.")


@pytest.mark.parametrize("bad", ["kap.nothing", "nothing.at_all", "noprefix", 5, None])
def test_unknown_exercises_are_input_errors(book: Workbook, bad: object) -> None:
    with pytest.raises(InputError, match="There is no exercise"):
        checks.check(bad, "x", workbook=book)  # type: ignore[arg-type]


def test_feedback_text_and_markdown_carry_the_status_in_words() -> None:
    fb = checks.Feedback("x.y", "partial", "half <right>", ("a *detail*",))
    assert fb.text() == "Partly right: half <right>\n  - a *detail*"
    md = fb._repr_markdown_()
    assert md.startswith("**Partly right:**") and "&lt;right>" in md and "\\*detail\\*" in md


def test_malformed_exercise_files_fail_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "exercises").mkdir()
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    (tmp_path / "exercises" / "zz.yaml").write_text("- id: zz.a\n  kind: generic.choice\n", encoding="utf-8")
    with pytest.raises(ContentError, match="Exercise zz.a in exercises/zz.yaml lacks: title, prompt"):
        checks.exercises("zz")
    (tmp_path / "exercises" / "zz.yaml").write_text(
        "- {id: other.a, kind: generic.choice, title: T, prompt: P}\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="must have an id starting with 'zz.'"):
        checks.exercises("zz")
    (tmp_path / "exercises" / "zz.yaml").write_text(
        "- {id: zz.a, kind: nowhere.fn, title: T, prompt: P}\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="No checker called nowhere.fn"):
        checks.check("zz.a", "x", workbook=Workbook(tmp_path / "wb.json"))


def test_progress_lists_every_exercise_of_the_group(book: Workbook) -> None:
    checks.check("kap.placement", SOLUTION, workbook=book)
    book.save_answer("kap.strategy", "draft")
    frame = checks.progress("kap", workbook=book)
    assert len(frame) == len(checks.exercises("kap"))
    statuses = dict(zip(frame["Exercise"], frame["Status"], strict=False))
    assert statuses[checks.exercise("kap.placement").title] == "Correct"
    assert statuses[checks.exercise("kap.strategy").title] == "Saved, not checked yet"
    assert statuses[checks.exercise("kap.quiz.plan").title] == "Not answered yet"
