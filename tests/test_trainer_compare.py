"""Comparing the groups' workbooks: statuses, answers side by side, spread, choices, agreement.

Run on hand-made rooms (exact values), on a generated room of 300 workbooks, and on rooms full
of things a real exchange folder can hold: foreign files, newer formats, odd answer shapes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from kamcourse.errors import InputError
from kamcourse.trainer import compare, sample
from kamcourse.workbook import Workbook


def book(**answers: Any) -> dict[str, Any]:
    """A workbook whose exercises hold ``answers`` (id with '_' for '.'), each checked 'correct'."""
    exercises = {}
    for key, answer in answers.items():
        exercises[key.replace("_", ".", 1) if "." not in key else key] = {
            "answer": answer,
            "attempts": [{"status": "correct", "answer": answer}],
            "hints_shown": 1,
        }
    return {"format": "kamcourse-workbook", "version": 1, "exercises": exercises, "state": {}}


def room_of(**books: dict[str, Any]) -> compare.Comparison:
    return compare.compare(books)


@pytest.fixture(scope="module")
def big() -> dict[str, dict[str, Any]]:
    return sample.room(300, seed=11)


# --------------------------------------------------------------------------- exact values on small rooms


def test_choices_agreement_is_the_share_of_the_most_common_answer() -> None:
    room = room_of(
        a=book(port_classify={"Orvale Foods": "Star", "Quintara Chemicals": "Strategic"}),
        b=book(port_classify={"Orvale Foods": "Star", "Quintara Chemicals": "Strategic"}),
        c=book(port_classify={"Orvale Foods": "strategic ", "Quintara Chemicals": "Strategic"}),
        d=book(port_classify={"Orvale Foods": "Strategic", "Quintara Chemicals": "Strategic"}),
    )
    ex = room.exercise("port.classify")
    agreement = ex.agreement().set_index("facet")
    assert agreement.loc["Orvale Foods", "agreement"] == 0.5
    assert agreement.loc["Quintara Chemicals", "agreement"] == 1.0
    assert agreement.index[0] == "Orvale Foods", "the most divergent part comes first"
    choices = ex.choices()
    orvale = choices[choices["facet"] == "Orvale Foods"].set_index("option")["count"].to_dict()
    assert orvale == {"Star": 2, "Strategic": 2}, "case and spaces do not split an answer in two"
    assert ex.side_by_side().loc["Orvale Foods"].tolist() == ["Star", "Star", "strategic", "Strategic"]


def test_numbers_spread_and_agreement_and_numbers_written_as_text() -> None:
    room = room_of(
        a=book(port_allocation={"days": {"Star": "10", "Status": 5}, "why": "x" * 80}),
        b=book(port_allocation={"days": {"Star": 20, "Status": 5}, "why": "because"}),
        c=book(port_allocation={"days": {"Star": "30,0", "Status": 5}}),
        d=book(port_allocation={"days": {"Star": 40.0, "Status": 5}}),
    )
    ex = room.exercise("port.allocation")
    kinds = {f.key: f.kind for f in ex.facets}
    assert kinds == {"days / Star": "number", "days / Status": "number", "why": "text"}
    assert ex.values_of("days / Star") == {"a": 10.0, "b": 20.0, "c": 30.0, "d": 40.0}
    row = ex.agreement().set_index("facet").loc["days / Star"]
    # 10th and 90th percentiles of 10..40 are 13 and 37; the largest number of the exercise is 40
    assert row["spread"] == pytest.approx(24.0)
    assert row["agreement"] == pytest.approx(1 - 24 / 40)
    assert row["consensus"] == "25"
    assert ex.agreement()["kind"].tolist()[-1] == "text", "free text has no measure and comes last"
    numbers = ex.numbers()
    assert len(numbers) == 8 and set(numbers["group"]) == {"a", "b", "c", "d"}


def test_lists_count_groups_per_item_and_agree_by_overlap() -> None:
    room = room_of(
        a=book(sel_ranking={"source": "case", "top": ["A", "B", "C"]}),
        b=book(sel_ranking={"source": "case", "top": ["A", "B", "D"]}),
        c=book(sel_ranking={"source": "case", "top": ["A", "E", "F"]}),
    )
    ex = room.exercise("sel.ranking")
    row = ex.agreement().set_index("facet").loc["top"]
    assert row["consensus"] == "A, B"  # named by at least half the groups
    # overlaps with {A, B}: a 2/3, b 2/3, c 1/4
    assert row["agreement"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 4) / 3)
    counts = ex.choices().query("facet == 'top'").set_index("option")["count"]
    assert counts["A"] == 3 and counts["B"] == 2 and counts["F"] == 1


def test_statuses_tries_and_hints_per_group() -> None:
    checked = book(sel_hand={"x": 1})
    checked["exercises"] = {
        "sel.hand.account_c": {
            "answer": 605,
            "hints_shown": 2,
            "updated": "2026-03-10T10:00:00",
            "attempts": [{"status": "incorrect"}, {"status": "correct"}],
        }
    }
    saved = {"format": "kamcourse-workbook", "exercises": {"sel.hand.account_c": {"answer": 600}}}
    blank = {"format": "kamcourse-workbook", "exercises": {"sel.hand.account_c": {"answer": "  "}}}
    room = compare.compare({"checked": checked, "saved": saved, "blank": blank, "absent": book()})
    ex = room.exercise("sel.hand.account_c")
    assert ex.statuses() == {"absent": "not_answered", "blank": "not_answered", "checked": "correct", "saved": "saved"}
    table = ex.status_table()
    assert table.loc["checked", "Tries"] == 2 and table.loc["checked", "Hints seen"] == 2
    assert table.loc["saved", "Status"] == "Saved, not checked yet"
    assert ex.answered == 2
    assert ex.counts()["correct"] == 1 and sum(ex.counts().values()) == 4


def test_parts_are_named_from_the_course_content() -> None:
    room = room_of(
        a=book(
            rel_diagnose={"corbett": "basic"},
            **{"rel.quick_check": {"exit": "agree"}},
            **{"kap.placement": {"p1": "Situational analysis"}},
        )
    )
    assert room.exercise("rel.diagnose").facets[0].label == "Corbett Snacks"
    assert room.exercise("rel.quick_check").facets[0].label != "exit"
    assert room.exercise("kap.placement").facets[0].label.startswith("Ines Varga, the key account manager")


def test_anonymised_room_shows_letters_and_keeps_a_key() -> None:
    books = {name: book(sel_hand={"a": 1}) for name in ("alice", "bob", "carol")}
    room = compare.compare(books, anonymise=True, seed=4)
    assert room.groups == ("Group A", "Group B", "Group C")
    assert sorted(room.key().values()) == ["alice", "bob", "carol"]
    assert compare.compare(books, anonymise=True, seed=4).key() == room.key()
    ex = room.exercise(room.exercises()[0])
    assert list(ex.side_by_side().columns) == ["Group A", "Group B", "Group C"]
    assert "alice" not in ex.status_table().to_string()
    again = compare.compare(books).anonymised(seed=4)
    assert again.key() == room.key()


def test_exercises_come_in_the_course_order() -> None:
    ids = ["rel.quick_check", "sel.weights", "port.classify", "kap.placement", "zzz.unknown", "sel.quiz.future"]
    assert compare.exercise_order(ids) == [
        "kap.placement",
        "sel.weights",
        "sel.quiz.future",
        "port.classify",
        "rel.quick_check",
        "zzz.unknown",
    ]


def test_unknown_exercise_names_those_answered() -> None:
    room = room_of(a=book(sel_weights={"weights": {"x": 1}}))
    with pytest.raises(InputError, match="sel.weights"):
        room.exercise("sel.nothing")
    with pytest.raises(InputError):
        room.exercise(42)  # type: ignore[arg-type]
    assert room.exercise("port.classify").answered == 0, "a course exercise nobody answered is empty, not an error"


# --------------------------------------------------------------------------- bad inputs: reported, never a crash


def test_not_a_mapping_is_refused() -> None:
    for bad in ([book()], "folder", None):
        with pytest.raises(InputError, match="mapping"):
            compare.compare(bad)
    with pytest.raises(InputError):
        compare.compare({}, anonymise="yes")  # type: ignore[arg-type]


def test_foreign_future_and_broken_workbooks_are_reported_and_left_out() -> None:
    books: dict[Any, Any] = {
        "good": book(sel_hand={"x": 1}),
        "notebook": {"cells": [], "nbformat": 4, "format": "ipynb"},
        "future": {"format": "kamcourse-workbook", "version": 2, "exercises": {}},
        "bad-version": {"format": "kamcourse-workbook", "version": "one", "exercises": {}},
        "list": [1, 2],
        "no-exercises": {"format": "kamcourse-workbook", "exercises": ["a"]},
        7: book(),
        "  ": book(),
        " good ": book(),
    }
    room = compare.compare(books)
    assert room.groups == ("good",)
    text = "\n".join(room.problems)
    for name in ("notebook", "future", "bad-version", "list", "no-exercises", "7", "appears twice"):
        assert name in text, name
    assert "newer version of the course" in text


def test_odd_answer_shapes_are_reported_not_crashed() -> None:
    deep = {"a": {"b": {"c": {"d": {"e": 1}}}}}
    books = {
        "n1": book(**{"sel.hand.account_c": 605}),
        "n2": book(**{"sel.hand.account_c": "605"}),
        "n3": book(**{"sel.hand.account_c": "about six hundred"}),
        "n4": book(**{"sel.hand.account_c": {"value": 605}}),
        "n5": book(**{"sel.hand.account_c": [605, 606]}),
        "n6": book(**{"sel.hand.account_c": float("nan")}),
        "n7": book(**{"sel.hand.account_c": 10**400 if False else 1e308 * 10}),
        "n8": book(**{"sel.hand.account_c": deep}),
        "n9": book(**{"sel.hand.account_c": {str(i): i for i in range(500)}}),
        "n10": book(**{"sel.hand.account_c": True}),
        "n12": book(**{"sel.quiz.future": True}),
    }
    books["n11"] = {
        "format": "kamcourse-workbook",
        "exercises": {
            "sel.hand.account_c": "not a record",
            "sel.hand.change": {"answer": 620, "attempts": "many"},
            "sel.quiz.future": {"answer": "b", "attempts": [{"status": "brilliant"}], "hints_shown": -3},
        },
    }
    room = compare.compare(books)
    for exercise_id in room.exercises():
        ex = room.exercise(exercise_id)
        for view in (ex.side_by_side, ex.numbers, ex.choices, ex.agreement, ex.status_table):
            view()
    ex = room.exercise("sel.hand.account_c")
    whole = ex.values_of("answer")
    assert whole == {"n1": 605.0, "n2": 605.0}
    problems = "\n".join(
        ex.problems + room.exercise("sel.hand.change").problems + room.exercise("sel.quiz.future").problems
    )
    for expected in ("n3", "n6", "n7", "n9", "n11", "brilliant", "more than 200 parts"):
        assert expected in problems, expected
    assert room.exercise("sel.quiz.future").statuses()["n11"] == "saved"
    assert room.exercise("sel.quiz.future").status_table().loc["n11", "Hints seen"] == 0


def test_learner_text_stays_text() -> None:
    room = room_of(a=book(**{"kap.strategy": "<script>alert(1)</script> **bold** $x$ =SUM(A1)"}))
    cell = room.exercise("kap.strategy").side_by_side().iloc[0, 0]
    assert cell == "<script>alert(1)</script> **bold** $x$ =SUM(A1)"  # escaping is the view's job, never lost


# --------------------------------------------------------------------------- 300 workbooks


def test_three_hundred_generated_workbooks_compare_in_full(big: dict[str, dict[str, Any]]) -> None:
    room = compare.compare(big)
    assert len(room) == 300 and room.problems == ()
    overview = room.overview()
    statuses = [c for c in overview.columns if c not in ("Exercise", "Title", "Answered")]
    assert (overview[statuses].sum(axis=1) == 300).all()
    assert len(room.exercises()) >= 25
    weights = room.exercise("sel.weights")
    assert weights.answered > 250
    numbers = weights.numbers()
    assert numbers.groupby("group")["value"].sum().round().eq(100).all(), "every group's weights sum to 100"
    classify = room.exercise("port.classify")
    assert classify.agreement()["agreement"].between(0, 1).all()
    assert classify.side_by_side().shape[1] == 300


def test_generated_workbooks_are_sound_workbooks(tmp_path: Path) -> None:
    written = sample.write_room(tmp_path, 5, seed=2, damaged=1, foreign=1, future=1)
    names = sorted(p.name for p in written)
    assert names[:3] == ["damaged-1.json", "foreign-1.json", "future-1.json"]
    for path in tmp_path.glob("group-*.json"):
        data = Workbook(path).load()
        assert data["format"] == "kamcourse-workbook" and data["exercises"]
        for record in data["exercises"].values():
            for attempt in record.get("attempts", []):
                assert attempt["status"] in compare.STATUSES
    assert sample.room(3, seed=9) == sample.room(3, seed=9)
    assert sample.room(3, seed=9) != sample.room(3, seed=10)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"groups": -1},
        {"groups": "3"},
        {"skill": 2},
        {"exercises": ["sel.nope"]},
        {"names": "group-{x}"},
        {"names": "{"},
        {"names": 3},
    ],
)
def test_sample_room_refuses_bad_arguments(kwargs: dict[str, Any]) -> None:
    groups = kwargs.pop("groups", 2)
    with pytest.raises(InputError):
        sample.room(groups, **kwargs)


def test_calibration_on_the_groups_ratings() -> None:
    def rated(edits: dict[str, Any]) -> dict[str, Any]:
        data = book()
        data["state"] = {"sel.ratings_grid": edits}
        return data

    room = compare.compare(
        {
            "a": rated({"Orvale Foods": {"Strategic fit with our plans": 2}}),
            "b": rated({"Orvale Foods": {"Strategic fit with our plans": 9}}),
            "c": rated({"Orvale Foods": {"Strategic fit with our plans": "nine"}, "Nobody": {"x": 1}}),
            "d": rated("not a mapping"),  # type: ignore[arg-type]
            "e": book(),
        }
    )
    calibration = room.calibration()
    assert calibration.raters == ("a", "b")
    top = calibration.disagreements.iloc[0]
    assert (top["account"], top["criterion"], top["range"]) == ("Orvale Foods", "Strategic fit with our plans", 7)
    with pytest.raises(InputError, match="at least two groups"):
        compare.compare({"a": rated({"Orvale Foods": {"Strategic fit with our plans": 2}})}).calibration()


def test_exchange_collect_of_300_with_bad_files(tmp_path: Path) -> None:
    """Through the exchange (issue 14's module): bad files reported, the rest compared."""
    exchange = pytest.importorskip("kamcourse.exchange")
    sample.write_room(tmp_path, 300, seed=5, damaged=3, foreign=2, future=2)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    collected = exchange.collect(tmp_path)
    room = compare.compare(collected.workbooks)
    assert len(room) == 300
    assert len(collected.problems) == 3 + 2 * 2 + 2
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before, "collecting changes nothing"
    assert math.isfinite(room.exercise("sel.weights").agreement()["agreement"].iloc[0])
    json.dumps(room.key())
