from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kamcourse import workbook as wb
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook, WorkbookError, WorkbookWarning


def test_default_path_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(tmp_path / "mine.json"))
    assert wb.default_path() == tmp_path / "mine.json"
    assert wb.default().path == tmp_path / "mine.json"
    monkeypatch.delenv("KAMCOURSE_WORKBOOK")
    assert wb.default_path().name == "workbook.json"
    assert wb.default_path().parent.name == "work"


def test_answers_survive_a_new_workbook_object(book: Workbook) -> None:
    book.save_answer("kap.placement", {"p1": "Operations"})
    book.record_attempt("kap.strategy", "If X, we Y", "partial")
    book.set_hints_shown("kap.strategy", 2)
    book.set_state("selection.weights", {"Size": 50, "Growth": 50})
    again = Workbook(book.path)  # as after a kernel restart
    assert again.answer("kap.placement") == {"p1": "Operations"}
    assert again.answer("kap.strategy") == "If X, we Y"
    assert again.hints_shown("kap.strategy") == 2
    assert again.get_state("selection.weights") == {"Size": 50, "Growth": 50}
    assert again.entry("kap.strategy")["attempts"][0]["status"] == "partial"
    assert again.answer("unknown.one", default="none") == "none"


def test_file_is_plain_json_with_format_marker(book: Workbook) -> None:
    book.save_answer("kap.placement", {"p1": "Operations"})
    data = json.loads(book.path.read_text(encoding="utf-8"))
    assert data["format"] == "kamcourse-workbook"
    assert data["exercises"]["kap.placement"]["answer"] == {"p1": "Operations"}


def test_previous_version_is_kept_as_backup(book: Workbook) -> None:
    book.save_answer("a.one", 1)
    book.save_answer("a.one", 2)
    backup = json.loads(book.backup_path.read_text(encoding="utf-8"))
    assert backup["exercises"]["a.one"]["answer"] == 1
    assert book.answer("a.one") == 2


@pytest.mark.parametrize("bad_id", ["", "   ", None, 3])
def test_bad_exercise_ids_are_rejected(book: Workbook, bad_id: object) -> None:
    with pytest.raises(InputError, match="exercise id .* is not valid"):
        book.save_answer(bad_id, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [object(), float("nan"), {1, 2}, b"bytes"])
def test_answers_that_are_not_plain_data_are_rejected(book: Workbook, value: object) -> None:
    book.save_answer("a.one", "kept")
    with pytest.raises(InputError, match="answer to a.one cannot be saved"):
        book.save_answer("a.one", value)
    assert book.answer("a.one") == "kept"


@pytest.mark.parametrize("count", [-1, 1.5, True, "2"])
def test_bad_hint_counts_are_rejected(book: Workbook, count: object) -> None:
    with pytest.raises(InputError, match="number of hints shown for a.one"):
        book.set_hints_shown("a.one", count)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "garbage",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"format": "something else", "exercises": {}}', b"[]", b""],
)
def test_corrupt_file_is_moved_aside_and_reported(book: Workbook, garbage: bytes) -> None:
    book.path.parent.mkdir(parents=True, exist_ok=True)
    book.path.write_bytes(garbage)
    with pytest.warns(WorkbookWarning, match="could not be read .* moved aside to"):
        data = book.load()
    assert data["exercises"] == {}
    aside = list(book.path.parent.glob("workbook.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept byte for byte
    assert not book.path.exists()  # nothing silently written over it
    book.save_answer("a.one", 1)
    assert aside[0].read_bytes() == garbage


def test_corrupt_file_is_restored_from_a_sound_backup(book: Workbook) -> None:
    book.save_answer("a.one", "first")
    book.save_answer("a.one", "second")  # backup now holds "first"
    book.path.write_text("{truncated", encoding="utf-8")
    with pytest.warns(WorkbookWarning, match="restored from the backup"):
        assert book.answer("a.one") == "first"
    assert book.answer("a.one") == "first"  # the restored content was written back
    assert list(book.path.parent.glob("workbook.json.corrupt-*"))


def test_interrupted_save_leaves_previous_answers_intact(book: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    book.save_answer("a.one", "safe")
    before = book.path.read_bytes()
    real_fsync = os.fsync

    def crash(fd: int) -> None:  # the machine "dies" after writing, before the swap
        raise OSError(5, "simulated power cut")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(WorkbookError, match="could not be saved .*simulated power cut"):
        book.save_answer("a.one", "lost")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert book.path.read_bytes() == before
    assert Workbook(book.path).answer("a.one") == "safe"
    leftovers = [p.name for p in book.path.parent.iterdir() if p.name.endswith("tmp")]
    assert leftovers == []


def test_interrupted_replace_leaves_previous_answers_intact(book: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    book.save_answer("a.one", "safe")
    real_replace = os.replace

    def crash(src: str, dst: str) -> None:
        if str(dst) == str(book.path):
            raise KeyboardInterrupt  # interrupted at the very last step
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        book.save_answer("a.one", "lost")
    monkeypatch.setattr(os, "replace", real_replace)
    assert Workbook(book.path).answer("a.one") == "safe"
    assert not [p for p in book.path.parent.iterdir() if p.name.endswith("tmp")]


def test_reset_one_and_all(book: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    book.save_answer("a.one", 1)
    book.save_answer("a.two", 2)
    assert "Nothing was reset" in wb.reset()
    assert book.answer("a.one") == 1
    assert "a.one" in wb.reset("a.one")
    assert book.answer("a.one") is None and book.answer("a.two") == 2
    assert "reset" in wb.reset(confirm=True)
    assert book.answer("a.two") is None
    backup = json.loads(book.backup_path.read_text(encoding="utf-8"))
    assert backup["exercises"]["a.two"]["answer"] == 2  # the erased work is still in the backup


def test_attempt_history_is_bounded(book: Workbook) -> None:
    for i in range(wb.MAX_ATTEMPTS_KEPT + 5):
        book.record_attempt("a.one", i, "incorrect")
    attempts = book.entry("a.one")["attempts"]
    assert len(attempts) == wb.MAX_ATTEMPTS_KEPT
    assert attempts[-1]["answer"] == wb.MAX_ATTEMPTS_KEPT + 4


def test_summary_lists_exercises(book: Workbook) -> None:
    book.record_attempt("a.one", 1, "correct")
    book.set_hints_shown("a.two", 1)
    rows = {r["exercise"]: r for r in book.summary()}
    assert rows["a.one"]["attempts"] == 1 and rows["a.one"]["last status"] == "correct"
    assert rows["a.two"]["answered"] is False and rows["a.two"]["hints shown"] == 1
