"""The collect-and-compare widget and the hand-in button, driven from code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kamcourse import testing
from kamcourse.errors import InputError
from kamcourse.trainer import sample
from kamcourse.widgets import trainer as wt


@dataclass
class FakeCollection:
    """The shape of kamcourse.exchange.Collection that the view reads."""

    workbooks: dict[str, Any]
    problems: tuple[Any, ...] = ()
    folder: str = "/shared/exchange"


@dataclass
class FakeProblem:
    file: str
    message: str = field(default="")


@pytest.fixture(scope="module")
def books() -> dict[str, Any]:
    return sample.room(8, seed=21)


def html_of(out: Any) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in out.outputs)


def test_collect_shows_the_overview_and_the_skipped_files(books: dict[str, Any]) -> None:
    seen = []

    def collect(folder: str | None) -> FakeCollection:
        seen.append(folder)
        return FakeCollection(books, (FakeProblem("notes.txt", "notes.txt is not a workbook (not .json)."),))

    view = wt.compare_view(folder="/shared/exchange", collect=collect)
    assert "Collect the exchange folder" in testing.output_text(view.table)
    testing.click(view.collect_button)
    assert seen == ["/shared/exchange"]
    assert "Collected 8 workbooks from /shared/exchange; 1 files" in testing.output_text(view.message)
    assert "notes.txt is not a workbook" in testing.output_text(view.problems)
    assert view.pick.value == wt.OVERVIEW
    assert view.chart.outputs[0]["data"]["image/png"]
    assert "Place the activities" in testing.output_text(view.table)


def test_every_exercise_and_view_renders(books: dict[str, Any]) -> None:
    view = wt.compare_view(books)
    exercises = [v for _, v in view.pick.options if v not in (wt.OVERVIEW, wt.CALIBRATION)]
    assert len(exercises) >= 25
    charted = {
        "kap.placement",
        "kap.strategy",
        "sel.weights",
        "sel.ranking",
        "sel.hand.account_c",
        "port.allocation",
        "rel.quick_check",
        "rel.quiz.aim",
    }  # one exercise of each shape: charts take a moment to draw
    for exercise_id in exercises:
        testing.set_value(view.pick, exercise_id)
        for name in wt.VIEWS if exercise_id in charted else ("answers", "agreement"):
            testing.set_value(view.view, name)
            text = testing.output_text(view.table)
            assert "Internal error" not in text and "Traceback" not in text, (exercise_id, name, text)
    testing.set_value(view.pick, "sel.weights")
    testing.set_value(view.view, "chart")
    assert view.chart.outputs and "Where the groups diverge most" in testing.output_text(view.table)
    testing.set_value(view.view, "answers")
    assert "group-01" in html_of(view.table)


def test_calibration_view(books: dict[str, Any]) -> None:
    view = wt.compare_view(books)
    testing.set_value(view.pick, wt.CALIBRATION)
    assert view.view.disabled
    assert "the most disputed first" in testing.output_text(view.table)
    assert view.chart.outputs


def test_anonymise_hides_names_and_keeps_the_choice(books: dict[str, Any]) -> None:
    view = wt.compare_view(books, seed=1)
    testing.set_value(view.pick, "port.classify")
    testing.set_value(view.view, "answers")
    testing.set_value(view.anonymise, True)
    assert view.pick.value == "port.classify"
    shown = html_of(view.table)
    assert "Group A" in shown and "group-0" not in shown
    assert sorted(view.key().values()) == sorted(books)


def test_learner_text_is_escaped_in_tables() -> None:
    book = {
        "format": "kamcourse-workbook",
        "exercises": {"kap.strategy": {"answer": "<img src=x onerror=alert(1)> if"}},
    }
    view = wt.compare_view({"<b>team</b>": book})
    testing.set_value(view.pick, "kap.strategy")
    testing.set_value(view.view, "answers")
    shown = html_of(view.table)
    assert "<img" not in shown and "&lt;img" in shown and "&lt;b&gt;team" in shown


@pytest.mark.parametrize(
    "failure",
    [
        InputError("The exchange folder /nowhere does not exist."),
        InputError("The exchange folder /ro cannot be listed (Permission denied)."),
    ],
)
def test_collect_problems_become_a_message(failure: InputError) -> None:
    def collect(folder: str | None) -> Any:
        raise failure

    view = wt.compare_view(collect=collect)
    testing.click(view.collect_button)
    assert str(failure) in testing.output_text(view.message)


def test_a_collect_that_returns_nonsense_is_a_message() -> None:
    view = wt.compare_view(collect=lambda folder: 42)
    testing.click(view.collect_button)
    assert "mapping" in testing.output_text(view.message)


def test_hand_in_calls_submit_with_the_name_and_folder(tmp_path: Path) -> None:
    calls = []

    @dataclass
    class Receipt:
        message: str

    def submit(folder: str | None, *, name: str | None) -> Receipt:
        calls.append((folder, name))
        if name == "../../etc":
            raise InputError("'../../etc' is not a safe name: use letters, digits, '-' or '_'.")
        return Receipt(f"Handed in as {name}.json in {folder}.")

    button = wt.hand_in("group-3", folder=tmp_path, submit=submit)
    testing.click(button.button)
    assert calls == [(str(tmp_path), "group-3")]
    assert "Handed in as group-3.json" in testing.output_text(button.out)
    testing.set_value(button.name, "../../etc")
    testing.click(button.button)
    assert "not a safe name" in testing.output_text(button.out)
    testing.set_value(button.name, "  ")
    testing.click(button.button)
    assert "Type your group's name" in testing.output_text(button.out)
    assert len(calls) == 2, "an empty name never reaches the exchange"


def test_hand_in_names_the_group_after_its_workbook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(tmp_path / "group-7.json"))
    assert wt.hand_in().name.value == "group-7"
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(tmp_path / "workbook.json"))
    assert wt.hand_in().name.value  # the login name
