"""kam.workbook.use(name): a workbook of its own for solutions and groups; scratch() for demonstrations."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from kamcourse import checks
from kamcourse import workbook as wb
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook


def test_use_switches_to_a_named_workbook_beside_the_default(book: Workbook) -> None:
    book.save_answer("sel.hand.change", "620")
    sentence = wb.use("answer-key")
    target = book.path.parent / "answer-key.json"
    assert str(target) in sentence
    assert wb.location() == target and wb.default().path == target
    checks.check("sel.hand.change", 700)  # a check now saves to the trainer's file
    assert Workbook(target).answer("sel.hand.change") == 700
    assert book.answer("sel.hand.change") == "620", "the learner's workbook is untouched"
    wb.use("workbook")
    assert wb.location() == book.path


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "../x",
        "a/b",
        "a\\b",
        "",
        " ",
        "answer key",
        "key.json",
        ".bak",
        "x" * 65,
        "caf\u00e9",
        "a\x00b",
        None,
        3,
        b"answer-key",
        ["a"],
    ],
)
def test_unsafe_or_odd_names_are_refused_naming_the_value(book: Workbook, name: object) -> None:
    before = os.environ["KAMCOURSE_WORKBOOK"]
    with pytest.raises(InputError) as info:
        wb.use(name)  # type: ignore[arg-type]
    message = str(info.value)
    assert "letters, digits, '-' or '_'" in message
    assert repr(name)[:20] in message
    assert os.environ["KAMCOURSE_WORKBOOK"] == before, "a refused name changes nothing"


def test_sixty_four_safe_characters_are_enough(book: Workbook) -> None:
    wb.use("G" * 64)
    assert wb.location().name == "G" * 64 + ".json"


def test_scratch_workbooks_start_empty_are_separate_and_go_away(book: Workbook) -> None:
    book.set_state("sel.weights_editor", {"Size of wallet": 30})
    first, second = wb.scratch(), wb.scratch()
    assert first.get_state("sel.weights_editor") is None
    first.set_state("sel.weights_editor", {"Size of wallet": 10})
    assert second.get_state("sel.weights_editor") is None
    assert book.get_state("sel.weights_editor") == {"Size of wallet": 30}
    folder = first.path.parent
    assert folder.is_dir() and folder != book.path.parent
    del first
    gc.collect()
    assert not folder.exists()


def test_location_is_a_path(book: Workbook) -> None:
    assert isinstance(wb.location(), Path)
