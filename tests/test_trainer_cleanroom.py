"""The clean room: JupyterLab settings shipped with the course; archive and reset between workshops."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from kamcourse.errors import InputError
from kamcourse.trainer import cleanroom, sample
from kamcourse.workbook import Workbook

NEWS = "@jupyterlab/apputils-extension:notification"


def test_settings_install_merges_and_keeps_other_plugins(tmp_path: Path) -> None:
    target = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"other:plugin": {"x": 1}, NEWS: {"doNotDisturbMode": True, "fetchNews": "true"}}))
    assert cleanroom.install_settings(tmp_path) == target
    data = json.loads(target.read_text())
    assert data["other:plugin"] == {"x": 1}
    assert data[NEWS] == {"doNotDisturbMode": True, "fetchNews": "false", "checkForUpdates": False}
    assert data["@jupyterlab/extensionmanager-extension:plugin"] == {"enabled": False}
    target.write_text("{broken")
    with pytest.raises(InputError, match="left as it is"):
        cleanroom.install_settings(tmp_path)
    assert target.read_text() == "{broken"


def test_the_course_environment_has_the_settings() -> None:
    """`make` installs them into the course's .venv (the Makefile's install step)."""
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    if not installed.exists():
        pytest.skip(f"not run from the course's environment with its settings ({installed})")
    assert json.loads(installed.read_text())[NEWS]["fetchNews"] == "false"


def make_work(folder: Path) -> None:
    folder.mkdir(parents=True)
    Workbook(folder / "workbook.json").save_answer("sel.hand.account_c", 605)
    Workbook(folder / "workbook.json").save_answer("sel.hand.change", 620)  # leaves a .bak
    Workbook(folder / "group-3.json").save_answer("sel.hand.account_c", 600)
    (folder / "group-3.json.corrupt-20260310").write_text("{damaged")
    (folder / "notes.txt").write_text("not a workbook")
    (folder / "other.json").write_text(json.dumps({"cells": []}))


def test_reset_without_confirmation_changes_nothing(tmp_path: Path) -> None:
    work = tmp_path / "work"
    make_work(work)
    before = sorted(p.name for p in work.iterdir())
    report = cleanroom.archive_and_reset([work], archive=tmp_path / "archive")
    assert not report.done
    assert sorted(p.name for p in report.plan.files) == [
        "group-3.json",
        "group-3.json.corrupt-20260310",
        "workbook.json",
        "workbook.json.bak",
    ]
    assert sorted(p.name for p in work.iterdir()) == before
    assert not (tmp_path / "archive").exists()
    assert "--yes" in report.text()


def test_reset_archives_checks_then_removes(tmp_path: Path) -> None:
    work, exchange = tmp_path / "work", tmp_path / "exchange"
    make_work(work)
    sample.write_room(exchange, 3, seed=1, foreign=1)
    originals = {p: p.read_bytes() for p in cleanroom.find_workbooks([work, exchange]).files}
    report = cleanroom.archive_and_reset(
        [work, exchange, tmp_path / "nowhere"], archive=tmp_path / "archive", confirm=True
    )
    assert report.done and not report.problems
    assert oct(report.archive.stat().st_mode & 0o777) == "0o600"
    with zipfile.ZipFile(report.archive) as zipped:
        names = zipped.namelist()
        assert "1-work/group-3.json" in names and "2-exchange/group-01.json" in names
        for path, data in originals.items():
            member = next(n for n in names if n.endswith("/" + path.name) and path.parent.name in n)
            assert zipped.read(member) == data
    # what is left: the files that are not workbooks (and the workbook's empty hidden lock file,
    # which is kept: removing a lock file another process might hold would break the lock)
    assert sorted(p.name for p in work.iterdir() if not p.name.startswith(".")) == ["notes.txt", "other.json"]
    assert sorted(p.name for p in exchange.iterdir()) == ["foreign-1.json", "notes-1.txt"]
    assert "nowhere" in report.text() and "does not exist" in report.text()


def test_a_read_only_exchange_is_archived_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exchange = tmp_path / "exchange"
    sample.write_room(exchange, 2, seed=1)
    real_unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self.parent == exchange:  # as a trainee-owned, sticky drop folder does (root ignores chmod)
            raise PermissionError(13, "Permission denied")
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    report = cleanroom.archive_and_reset([exchange], archive=tmp_path / "archive", confirm=True)
    assert report.done and len(report.problems) == 2
    assert "could not be removed (Permission denied)" in report.problems[0]
    assert len(list(exchange.iterdir())) == 2
    assert cleanroom.main(["reset", str(exchange), "--archive", str(tmp_path / "b"), "--yes"]) == 1


def test_an_unwritable_archive_removes_nothing(tmp_path: Path) -> None:
    work = tmp_path / "work"
    make_work(work)
    blocker = tmp_path / "archive"
    blocker.write_text("a file where the archive folder should be")
    with pytest.raises(InputError, match="nothing was removed"):
        cleanroom.archive_and_reset([work], archive=blocker, confirm=True)
    assert (work / "workbook.json").exists()


def test_reset_refuses_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        cleanroom.archive_and_reset("work", confirm=True)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        cleanroom.archive_and_reset([tmp_path], confirm="yes")  # type: ignore[arg-type]


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    make_work(work)
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(work / "workbook.json"))
    monkeypatch.delenv("KAMCOURSE_EXCHANGE", raising=False)
    assert cleanroom.main(["reset", "--archive", str(tmp_path / "a")]) == 0
    assert "would be archived" in capsys.readouterr().out
    assert cleanroom.main(["reset", "--archive", str(tmp_path / "a"), "--yes"]) == 0
    assert "archived in" in capsys.readouterr().out
    assert not (work / "workbook.json").exists()
    assert cleanroom.main(["settings", "--prefix", str(tmp_path / "env")]) == 0
    assert (tmp_path / "env" / "share" / "jupyter" / "lab" / "settings" / "overrides.json").exists()
