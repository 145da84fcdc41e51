"""Agendas built from the module map, the lessons' boxes and the exercises: times that add up."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from kamcourse import course
from kamcourse.errors import ContentError, InputError
from kamcourse.trainer import activities, agenda

ROOT = Path(__file__).resolve().parent.parent


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


@pytest.mark.parametrize("format_id", agenda.formats())
def test_every_format_fits_and_its_times_add_up(format_id: str) -> None:
    plan = agenda.build(format_id)
    assert plan.fits, plan._repr_markdown_()
    for day in range(1, plan.days + 1):
        slots = [s for s in plan.slots if s.day == day]
        for slot in slots:
            assert slot.minutes > 0
            assert _minutes(slot.end) - _minutes(slot.start) == slot.minutes, slot
        for before, after in itertools.pairwise(slots):
            assert before.end == after.start, (before, after)
        assert sum(s.minutes for s in slots) == _minutes(slots[-1].end) - _minutes(slots[0].start)


@pytest.mark.parametrize("format_id", agenda.formats())
def test_module_times_come_from_the_module_map(format_id: str) -> None:
    """Lesson + exercise time in the agenda, plus what was cut, is the module's time in modules.yaml."""
    plan = agenda.build(format_id)
    minutes = {m["number"]: m["minutes"] for m in course.modules()}
    planned = {s.module for s in plan.slots if s.kind == "lesson"}
    assert planned
    for module in planned:
        shown = sum(s.minutes for s in plan.slots if s.module == module and s.kind in ("lesson", "exercise"))
        cut = sum(
            c.minutes for c in plan.applied if c.module == module and c.part in ("lesson", "selfcheck", "exercise")
        )
        assert shown + cut == minutes[module], module


def test_group_activities_take_their_time_from_the_lessons_boxes() -> None:
    plan = agenda.build("one_day")
    boxes = activities.course_boxes()
    for module in ("02", "03", "04", "05"):
        expected = sum(b.minutes or 0 for b in boxes[module])
        shown = sum(s.minutes for s in plan.slots if s.module == module and s.kind == "activity")
        cut = sum(c.minutes for c in plan.applied if c.module == module and c.part == "activity")
        assert shown + cut == expected > 0


def test_one_day_compares_twice_and_keeps_cuts_in_reserve() -> None:
    plan = agenda.build("one_day")
    compares = [s for s in plan.slots if s.kind == "compare"]
    assert len(compares) == 2
    assert "Choose and justify the weights" in compares[0].title
    assert plan.reserve, "a trainer needs something left to cut when the day runs late"
    assert [s.kind for s in plan.slots].count("lunch") == 1
    table = plan.table()
    assert list(table.columns) == ["Start", "End", "Minutes", "What", "Note"]
    assert "| 09:00 |" in plan._repr_markdown_()


def test_two_days_has_a_day_column() -> None:
    plan = agenda.build("two_days")
    assert plan.days == 2
    assert "Day" in plan.table().columns


def test_unknown_format_is_refused_naming_the_formats() -> None:
    with pytest.raises(InputError, match="half_day, one_day, two_days"):
        agenda.build("three_weeks")
    with pytest.raises(InputError):
        agenda.build(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [
        {"formats": "x"},
        {"formats": [{"id": "x", "days": [{"sessions": [["09:00", "25:00"]], "plan": [{"opening": 5}]}]}]},
        {"formats": [{"id": "x", "days": [{"sessions": [["10:00", "09:00"]], "plan": [{"opening": 5}]}]}]},
        {"formats": [{"id": "x", "days": [{"sessions": [["09:00", "12:00"]], "plan": [{"module": "77"}]}]}]},
        {"formats": [{"id": "x", "days": [{"sessions": [["09:00", "12:00"]], "plan": [{"lunch": 5}]}]}]},
        {"formats": [{"id": "x", "days": [{"sessions": [["09:00", "12:00"]], "plan": []}]}]},
        {
            "formats": [{"id": "x", "days": [{"sessions": [["09:00", "12:00"]], "plan": [{"opening": 5}]}]}],
            "cuts": [{"part": "nap", "minutes": 5, "text": "x"}],
        },
    ],
)
def test_a_malformed_agenda_file_names_the_problem(monkeypatch: pytest.MonkeyPatch, bad: dict) -> None:
    _use_agendas(monkeypatch, bad)
    with pytest.raises(ContentError, match="agendas.yaml"):
        agenda.build("x")


def _use_agendas(monkeypatch: pytest.MonkeyPatch, data: object) -> None:
    """Make content/trainer/agendas.yaml read as ``data`` for one test."""
    from kamcourse import content

    real = content.load
    monkeypatch.setattr(content, "load", lambda name, **kw: data if name == "trainer/agendas" else real(name, **kw))


def test_a_plan_too_long_for_its_day_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {
        "formats": [
            {"id": "x", "days": [{"sessions": [["09:00", "10:00"]], "plan": [{"module": "03"}, {"module": "04"}]}]}
        ],
        "cuts": [],
    }
    _use_agendas(monkeypatch, data)
    plan = agenda.build("x")
    assert not plan.fits and plan.overflow > 0
    assert "does not fit" in plan._repr_markdown_()


def test_exercise_minutes_are_read_from_the_exercise_notebook() -> None:
    assert agenda.exercise_minutes("02_kap_framework") == 40
    assert agenda.exercise_minutes("99_missing") is None


# --------------------------------------------------------------------------- the lessons' boxes


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "source": text}


def test_boxes_are_found_with_title_and_minutes() -> None:
    cells = [
        _md("Intro.\n\n> **For trainers — group activity (15 minutes).** Give each group cards.\n> Then compare."),
        _md("> **Read it column by column.** Not a box."),
        _md("> **For trainers: debate** no time here\n\n> **For trainers — second (about 20 min).** More."),
        {"cell_type": "code", "source": "# > **For trainers (5 minutes)** in code is not a box"},
    ]
    found = activities.boxes_in_cells(cells, "07_lesson")
    assert [(b.title, b.minutes) for b in found] == [
        ("group activity (15 minutes)", 15),
        ("debate", None),
        ("second (about 20 min)", 20),
    ]
    assert found[0].module == "07"
    assert found[0].text.endswith("Then compare.")
    assert found[0]._repr_markdown_().startswith("> **For trainers")


def test_every_lesson_has_a_trainers_box_that_states_its_time() -> None:
    """The agenda times each group activity from its box: a lesson without one, or a box without
    minutes, would make the agenda guess."""
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if path.stem.startswith("00"):
            continue
        found = activities.boxes(path)
        assert found, f"{path.name} has no '> **For trainers ...' box"
        assert all(b.minutes for b in found), f"{path.name}: a For trainers box gives no '(N minutes)'"


def test_an_unreadable_notebook_is_a_content_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match="x.ipynb"):
        activities.boxes(bad)
    bad.write_text(json.dumps({"cells": "no"}), encoding="utf-8")
    with pytest.raises(ContentError):
        activities.boxes(bad)


def test_cuts_table_lists_applied_cuts_then_the_reserve() -> None:
    plan = agenda.build("one_day")
    cuts = plan.cuts()
    assert list(cuts.columns) == ["When", "Minutes saved", "What to do"]
    status = cuts["When"].tolist()
    assert status == ["already cut in this agenda"] * len(plan.applied) + ["if the day runs late"] * len(plan.reserve)
    assert cuts["Minutes saved"].sum() == sum(c.minutes for c in plan.applied + plan.reserve)


def test_course_activities_table_and_markdown() -> None:
    found = activities.course_activities()
    table = found.table()
    assert list(table.columns) == ["Module", "Lesson", "Group activity", "Minutes"]
    assert "03" in set(table["Module"])
    assert "**03_selecting_key_accounts**" in found._repr_markdown_()
