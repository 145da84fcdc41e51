"""Demonstration copies (demo=True) of every lesson widget never touch the learner's work;
building a widget writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kamcourse import io, testing
from kamcourse.errors import InputError
from kamcourse.widgets import portfolio as port
from kamcourse.widgets import relationships as rel
from kamcourse.widgets import selection as sel
from kamcourse.workbook import Workbook

FACTORIES: dict[str, Callable[..., Any]] = {
    "ratings_grid": sel.ratings_grid,
    "weights_editor": sel.weights_editor,
    "sensitivity_view": sel.sensitivity_view,
    "calibration_view": sel.calibration_view,
    "csf_editor": port.csf_editor,
    "portfolio_view": port.view,
    "allocation": port.allocation,
    "account_loader": port.account_loader,
    "quick_check": rel.quick_check,
    "two_views": rel.two_views,
    "contact_editor": rel.contact_editor,
    "fit_grid": rel.fit_grid,
}


@pytest.fixture(scope="module")
def saved_work(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Some saved work, as a learner leaves it (built once, copied into each test's workbook)."""
    book = Workbook(tmp_path_factory.mktemp("learner") / "workbook.json")
    grid = sel.ratings_grid(workbook=book)
    grid.set_rating("Orvale Foods", "Growth of spend", 2)
    editor = sel.weights_editor(workbook=book)
    testing.set_value(editor.sliders["Size of wallet"], 35)
    view = port.view(workbook=book)
    testing.set_value(view.a_slider, 700)
    team = sel.calibration_view(workbook=book)
    testing.set_value(
        team.paste, "rater,account,criterion,rating\nA,Orvale Foods,Growth of spend,1\nB,Orvale Foods,Growth of spend,9"
    )
    testing.click(team.use_pasted)
    check = rel.quick_check(workbook=book)
    testing.set_value(check.questionnaire.buttons["exit"], "strongly agree")
    contacts = rel.contact_editor(workbook=book)
    testing.set_value(contacts.text, "Key account manager - Buyer")
    return book.path.read_bytes()


def _learner(book: Workbook, saved_work: bytes) -> None:
    book.path.parent.mkdir(parents=True, exist_ok=True)
    book.path.write_bytes(saved_work)


@pytest.mark.parametrize("name", FACTORIES)
def test_building_any_lesson_widget_writes_nothing(book: Workbook, saved_work: bytes, name: str) -> None:
    _learner(book, saved_work)
    before = book.path.read_bytes()
    FACTORIES[name](workbook=book)
    assert book.path.read_bytes() == before


def test_building_on_an_empty_workbook_creates_no_file(book: Workbook) -> None:
    for factory in FACTORIES.values():
        factory(workbook=book)
    assert not book.path.exists()


def test_demo_copies_start_from_the_case_and_leave_the_learner_s_work_alone(book: Workbook, saved_work: bytes) -> None:
    _learner(book, saved_work)
    before = book.path.read_bytes()
    grid = sel.ratings_grid(demo=True)
    assert grid.boxes[("Orvale Foods", "Growth of spend")].value == 7, "the case rating, not the learner's 2"
    grid.set_rating("Orvale Foods", "Growth of spend", 4)
    editor = sel.weights_editor(demo=True)
    assert editor.sliders["Size of wallet"].value == 20
    testing.set_value(editor.sliders["Size of wallet"], 30)
    testing.click(editor.rescale_button)
    assert sum(editor.weights().values()) == 100
    view = sel.sensitivity_view(demo=True)
    testing.set_value(view.weight, 40)
    team = sel.calibration_view(demo=True)
    assert team.paste.value == "" and "the case team" in testing.output_text(team.summary)
    testing.set_value(
        team.paste, "rater,account,criterion,rating\nA,Orvale Foods,Growth of spend,9\nB,Orvale Foods,Growth of spend,4"
    )
    testing.click(team.use_pasted)
    csf = port.csf_editor("Orvale Foods", demo=True)
    testing.set_value(csf.weights["Price"], 30)
    matrix = port.view(demo=True)
    assert matrix.a_slider.value == 500
    testing.set_value(matrix.median, True)
    alloc = port.allocation(400, demo=True)
    testing.set_value(alloc.weights["Status"], -5)
    loader = port.account_loader(demo=True)
    loader.load_path(io.example("accounts.xlsx"))
    check = rel.quick_check(["disagree"] * 6, demo=True)
    assert check.questionnaire.values()["exit"] == "disagree", "its own answers, not the learner's"
    testing.set_value(check.questionnaire.buttons["trust"], "agree")
    contacts = rel.contact_editor(demo=True)
    assert contacts.text.value == ""
    testing.set_value(contacts.text, "Key account manager - Buyer\nQuality - Quality\nLogistics - Warehouse")
    grid = rel.fit_grid(demo=True)
    testing.set_value(grid.stages["Marlow Brewing Group"], "integrated")
    views = rel.two_views([3] * 6, [0] * 6, demo=True)
    testing.set_value(views.second.buttons["exit"], "agree")
    assert book.path.read_bytes() == before
    # the demonstrations kept their own state while they lived
    again = port.view(workbook=matrix.workbook)
    assert again.median.value is True
    assert matrix.workbook.path != book.path


@pytest.mark.parametrize("bad", ["yes", 1, None])
def test_demo_must_be_true_or_false(book: Workbook, bad: object) -> None:
    with pytest.raises(InputError, match="demo must be True"):
        sel.weights_editor(demo=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="demo must be True"):
        rel.contact_editor(demo=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="throwaway workbook of its own"):
        rel.quick_check(demo=True, workbook=book)
    with pytest.raises(InputError, match="throwaway workbook of its own"):
        port.view(demo=True, workbook=book)


def test_sensitivity_view_of_an_editor_whose_weights_do_not_sum_to_100(book: Workbook) -> None:
    editor = sel.weights_editor(workbook=book)
    testing.set_value(editor.sliders["Size of wallet"], 30)  # total 110: the last valid weights were the case's
    view = sel.sensitivity_view(editor, workbook=book)
    assert "sum to 110, not 100" in testing.output_text(view.message)
    assert view.base_weights["Size of wallet"] == 20
    fresh = Workbook(book.path.with_name("other.json"))
    broken = sel.WeightsEditor(
        workbook=fresh,
        weights={
            "Size of wallet": 100,
            "Growth of spend": 0,
            "Profit potential": 0,
            "Financial security": 0,
            "Need for differentiated solutions": 0,
            "Strategic fit with our plans": 0,
            "Attitude to relationships": 0,
            "Values us as a partner": 0,
        },
    )
    testing.set_value(broken.sliders["Growth of spend"], 10)
    assert "last weights there that summed to 100" in testing.output_text(sel.sensitivity_view(broken).message)
