"""Handing in and collecting workbooks (kamcourse.exchange): safe names, atomic copies, read-only collection."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pwd
import random
import time
from pathlib import Path

import pytest

from kamcourse.errors import InputError
from kamcourse.exchange import Collection, collect, safe_name, submit
from kamcourse.workbook import Workbook

ME = pwd.getpwuid(os.getuid()).pw_name


def _workbook(path: Path, answers: dict[str, object]) -> Path:
    book = Workbook(path)
    for exercise, answer in answers.items():
        book.record_attempt(exercise, answer, "correct")
    return path


def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry of ``folder``: content digest (or kind), mode, mtime -- to prove nothing changed."""
    seen = {}
    for entry in sorted(os.listdir(folder)):
        info = os.lstat(folder / entry)
        if os.path.isfile(folder / entry) and not os.path.islink(folder / entry):
            digest = hashlib.sha256((folder / entry).read_bytes()).hexdigest()
        else:
            digest = f"kind:{info.st_mode >> 12}"
        seen[entry] = (digest, info.st_mode, info.st_mtime_ns)
    return seen


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("name", ["alice", "group-3", "Group_3", "a", "john.smith", "x" * 64, "  bob  "])
def test_safe_names_are_accepted(name: str) -> None:
    assert safe_name(name) == name.strip()


@pytest.mark.parametrize(
    "name",
    [
        "../../etc",
        "..",
        "a..b",
        "group 3",
        "",
        "   ",
        ".hidden",
        "-rf",
        "a/b",
        "a\\b",
        "x" * 65,
        "Zoë",
        "bob.",
        "a\x00b",
        None,
        3,
        ["alice"],
    ],
)
def test_unsafe_names_are_refused_with_a_message(name: object) -> None:
    with pytest.raises(InputError, match="cannot be used to hand in a workbook: use 1 to 64 letters"):
        safe_name(name)


# --------------------------------------------------------------------------- submit


def test_submit_copies_the_workbook_byte_for_byte(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "me" / "workbook.json", {"sel.weights": {"Size": 60, "Growth": 40}})
    drop = tmp_path / "exchange"
    drop.mkdir()
    receipt = submit(drop, name="group-3", workbook=book)
    assert receipt.path == drop / "group-3.json"
    assert receipt.path.read_bytes() == book.read_bytes()
    assert receipt.path.stat().st_mode & 0o777 == 0o640
    assert "handed in as group-3.json" in receipt.message
    assert [p.name for p in drop.iterdir()] == ["group-3.json"]  # no temporary file left behind


def test_submit_again_replaces_the_previous_hand_in(tmp_path: Path) -> None:
    path = tmp_path / "workbook.json"
    drop = tmp_path / "exchange"
    drop.mkdir()
    _workbook(path, {"a.one": 1})
    submit(drop, name="g1", workbook=path)
    Workbook(path).save_answer("a.one", 2)
    submit(drop, name="g1", workbook=path)
    assert collect(drop).workbooks["g1"]["exercises"]["a.one"]["answer"] == 2
    assert sorted(p.name for p in drop.iterdir()) == ["g1.json"]


def test_submit_defaults_to_environment_and_login_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path / "wb.json", {"a.one": "x"})
    drop = tmp_path / "exchange"
    drop.mkdir()
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(path))
    monkeypatch.setenv("KAMCOURSE_EXCHANGE", str(drop))
    receipt = submit()
    assert receipt.path == drop / f"{ME}.json"


def test_submit_without_an_exchange_folder_says_where_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMCOURSE_EXCHANGE", raising=False)
    with pytest.raises(InputError, match="No exchange folder is set"):
        submit(name="alice")


@pytest.mark.parametrize("bad", ["../../etc", "group 3", ".."])
def test_submit_refuses_unsafe_names_and_writes_nothing(tmp_path: Path, bad: str) -> None:
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    drop = tmp_path / "exchange"
    drop.mkdir()
    with pytest.raises(InputError, match="cannot be used to hand in"):
        submit(drop, name=bad, workbook=path)
    assert list(drop.iterdir()) == []


def test_submit_to_a_missing_folder_or_a_file(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    with pytest.raises(InputError, match="exchange folder .*nope does not exist"):
        submit(tmp_path / "nope", name="g1", workbook=path)
    with pytest.raises(InputError, match="is not a folder"):
        submit(path, name="g1", workbook=path)


def test_submit_to_a_read_only_folder_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    drop = tmp_path / "exchange"
    drop.mkdir()
    drop.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse as a read-only one would
        real_open = os.open

        def refusing_open(file: object, flags: int, *args: object, **kwargs: object) -> int:
            if str(file).startswith(str(drop)) and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        with pytest.raises(InputError, match="cannot be written to .*Permission denied.*your work is safe"):
            submit(drop, name="g1", workbook=path)
    finally:
        drop.chmod(0o755)
    assert list(drop.iterdir()) == []


def test_submit_with_no_saved_work_or_a_damaged_workbook(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    with pytest.raises(InputError, match="no saved work to hand in yet"):
        submit(drop, name="g1", workbook=tmp_path / "none.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be handed in: not valid JSON"):
        submit(drop, name="g1", workbook=broken)
    future = tmp_path / "future.json"
    future.write_text(json.dumps({"format": "kamcourse-workbook", "version": 99, "exercises": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="newer version of the course"):
        submit(drop, name="g1", workbook=future)
    assert list(drop.iterdir()) == []
    assert broken.read_text(encoding="utf-8") == "{not json"  # the learner's file is not touched


def test_submit_writes_a_tagged_name_when_the_name_is_taken(tmp_path: Path) -> None:
    """A folder squatting the name (as another account's file would in the sticky drop folder)."""
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    drop = tmp_path / "exchange"
    (drop / "alice.json").mkdir(parents=True)
    (drop / "alice.json" / "x").write_text("squat", encoding="utf-8")
    receipt = submit(drop, name="alice", workbook=path)
    assert receipt.path.name.startswith("alice~") and receipt.path.suffix == ".json"
    assert "another file already used the name alice.json" in receipt.message
    found = collect(drop, trust="owner") if ME == "alice" else collect(drop, trust="name")
    assert any(p.file == "alice.json" and p.kind == "not_file" for p in found.problems)


# --------------------------------------------------------------------------- collect


def test_collect_reads_the_workbooks_by_submitter(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    for group, weight in (("group-2", 30), ("group-1", 50)):
        path = _workbook(tmp_path / group / "wb.json", {"sel.weights": {"Size": weight}})
        submit(drop, name=group, workbook=path)
    found = collect(drop)
    assert isinstance(found, Collection)
    assert found.submitters == ["group-1", "group-2"]
    assert found.workbooks["group-1"]["exercises"]["sel.weights"]["answer"] == {"Size": 50}
    assert found.problems == ()
    assert found.submissions["group-2"].owner == ME
    assert len(found) == 2


def test_collect_reports_and_skips_bad_files_and_changes_none(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    good = _workbook(tmp_path / "g" / "wb.json", {"a.one": 1})
    submit(drop, name="good", workbook=good)
    (drop / "damaged.json").write_bytes(b'{"format": "kamcourse-workbook", "exercises": {')
    (drop / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    (drop / "list.json").write_text("[1, 2]", encoding="utf-8")
    (drop / "other-tool.json").write_text(json.dumps({"cells": []}), encoding="utf-8")
    (drop / "future.json").write_text(
        json.dumps({"format": "kamcourse-workbook", "version": 7, "exercises": {}}), encoding="utf-8"
    )
    (drop / "badpart.json").write_text(
        json.dumps({"format": "kamcourse-workbook", "version": 1, "exercises": {"a": 3}}), encoding="utf-8"
    )
    (drop / "notes.txt").write_text("agenda", encoding="utf-8")
    (drop / "plan.docx").write_bytes(b"PK\x03\x04")
    (drop / "sub.json").mkdir()
    (drop / "link.json").symlink_to(good)
    os.mkfifo(drop / "pipe.json")
    (drop / "big.json").write_bytes(b" " * 2048)
    (drop / "bad name.json").write_bytes(good.read_bytes())
    (drop / ".submit-abc.tmp").write_bytes(b"half")
    before = _snapshot(drop)

    started = time.monotonic()
    found = collect(drop, max_bytes=1024)
    assert time.monotonic() - started < 5  # the FIFO did not block

    assert found.submitters == ["good"]
    kinds = {p.file: p.kind for p in found.problems}
    assert kinds == {
        "damaged.json": "damaged",
        "binary.json": "damaged",
        "list.json": "foreign",
        "other-tool.json": "foreign",
        "future.json": "future",
        "badpart.json": "damaged",
        "notes.txt": "not_json",
        "plan.docx": "not_json",
        "sub.json": "not_file",
        "link.json": "not_file",
        "pipe.json": "not_file",
        "big.json": "too_large",
        "bad name.json": "bad_name",
    }
    messages = {p.file: p.message for p in found.problems}
    assert "newer version of the course (workbook format 7" in messages["future.json"]
    assert messages["damaged.json"].startswith("damaged.json: damaged (not valid JSON")
    assert "not a kamcourse workbook" in messages["other-tool.json"]
    assert all(str(p) == p.message for p in found.problems)
    assert _snapshot(drop) == before  # nothing written, moved, repaired or deleted


def test_collect_never_repairs_a_damaged_file_as_the_workbook_would(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    (drop / "g1.json").write_text("{oops", encoding="utf-8")
    (drop / "g1.json.bak").write_text("{}", encoding="utf-8")
    before = _snapshot(drop)
    found = collect(drop)
    assert found.workbooks == {}
    assert _snapshot(drop) == before


def test_collect_by_owner_trusts_the_account_not_the_name(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    submit(drop, name=ME, workbook=path)
    submit(drop, name="someone-else", workbook=path)  # a name this account does not own
    found = collect(drop, trust="owner")
    assert found.submitters == [ME]
    assert [(p.file, p.kind) for p in found.problems] == [("someone-else.json", "not_owner")]
    assert f"named for someone-else but written by the account {ME}" in found.problems[0].message


def test_collect_by_owner_uses_the_newest_of_several_hand_ins(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    old = _workbook(tmp_path / "old.json", {"a.one": "old"})
    new = _workbook(tmp_path / "new.json", {"a.one": "new"})
    (drop / f"{ME}~aaaaaa.json").write_bytes(old.read_bytes())
    os.utime(drop / f"{ME}~aaaaaa.json", (time.time() - 60, time.time() - 60))
    (drop / f"{ME}.json").write_bytes(new.read_bytes())
    found = collect(drop, trust="owner")
    assert found.workbooks[ME]["exercises"]["a.one"]["answer"] == "new"
    assert [(p.file, p.kind) for p in found.problems] == [(f"{ME}~aaaaaa.json", "older")]


def test_collect_trust_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    submit(drop, name="not-me-at-all", workbook=path)
    monkeypatch.setenv("KAMCOURSE_EXCHANGE", str(drop))
    monkeypatch.setenv("KAMCOURSE_EXCHANGE_TRUST", "owner")
    assert collect().submitters == []
    monkeypatch.setenv("KAMCOURSE_EXCHANGE_TRUST", "name")
    assert collect().submitters == ["not-me-at-all"]
    monkeypatch.setenv("KAMCOURSE_EXCHANGE_TRUST", "anyone")
    with pytest.raises(InputError, match="must be 'owner' .* or 'name'.*'anyone'"):
        collect()


@pytest.mark.parametrize("bad", ["", 3, None])
def test_collect_refuses_bad_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: object) -> None:
    monkeypatch.delenv("KAMCOURSE_EXCHANGE", raising=False)
    with pytest.raises(InputError, match="exchange"):
        collect(bad)  # type: ignore[arg-type]


def test_collect_missing_or_unlistable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="does not exist"):
        collect(tmp_path / "missing")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is not a folder"):
        collect(tmp_path / "file")
    drop = tmp_path / "drop"
    drop.mkdir()

    def refusing_scandir(path: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    with pytest.raises(InputError, match="cannot be read .*Permission denied.*trainers' group"):
        collect(drop)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_collect_refuses_a_bad_size_limit(tmp_path: Path, bad: object) -> None:
    with pytest.raises(InputError, match="largest file to collect"):
        collect(tmp_path, max_bytes=bad)  # type: ignore[arg-type]


def test_collect_copies_the_accepted_hand_ins(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    path = _workbook(tmp_path / "wb.json", {"a.one": 1})
    submit(drop, name="g1", workbook=path)
    (drop / "junk.json").write_text("nope", encoding="utf-8")
    before = _snapshot(drop)
    found = collect(drop, copy_to=tmp_path / "kept" / "day1")
    assert found.copied_to == tmp_path / "kept" / "day1"
    assert sorted(p.name for p in found.copied_to.iterdir()) == ["g1.json"]
    assert (found.copied_to / "g1.json").read_bytes() == (drop / "g1.json").read_bytes()
    assert _snapshot(drop) == before


def test_collect_copy_to_a_file_is_refused_without_touching_the_exchange(tmp_path: Path) -> None:
    drop = tmp_path / "exchange"
    drop.mkdir()
    submit(drop, name="g1", workbook=_workbook(tmp_path / "wb.json", {"a.one": 1}))
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="could not be copied to .*afile"):
        collect(drop, copy_to=tmp_path / "afile")
    assert sorted(p.name for p in drop.iterdir()) == ["g1.json"]


def test_three_hundred_workbooks_with_damaged_and_foreign_files(tmp_path: Path) -> None:
    """A room of 300: every sound workbook is collected, every bad file reported, none changed."""
    drop = tmp_path / "exchange"
    drop.mkdir()
    rng = random.Random(14)
    template = json.loads(_workbook(tmp_path / "t.json", {"sel.weights": {"Size": 50}, "port.place": "A"}).read_text())
    expected = {}
    for i in range(300):
        data = json.loads(json.dumps(template))
        weight = rng.randint(0, 100)
        data["exercises"]["sel.weights"]["answer"] = {"Size": weight}
        (drop / f"trainee-{i:03d}.json").write_text(json.dumps(data), encoding="utf-8")
        expected[f"trainee-{i:03d}"] = weight
    bad = {
        "trainee-007.json": b'{"format": "kamcourse-workbook", "exer',  # cut short while copied
        "trainee-123.json": b"\x00\x00\x00",
        "trainee-250.json": json.dumps({"format": "kamcourse-workbook", "version": 3, "exercises": {}}).encode(),
        "slides.json": json.dumps({"slides": [1, 2]}).encode(),
        "Thumbs.db": b"\x00" * 10,
        "agenda.pdf": b"%PDF-1.7",
    }
    for name, raw in bad.items():
        (drop / name).write_bytes(raw)
        expected.pop(name.removesuffix(".json"), None)
    before = _snapshot(drop)
    found = collect(drop)
    assert len(found) == 297
    assert {name: wb["exercises"]["sel.weights"]["answer"]["Size"] for name, wb in found.workbooks.items()} == expected
    assert {p.file: p.kind for p in found.problems} == {
        "trainee-007.json": "damaged",
        "trainee-123.json": "damaged",
        "trainee-250.json": "future",
        "slides.json": "foreign",
        "Thumbs.db": "not_json",
        "agenda.pdf": "not_json",
    }
    assert _snapshot(drop) == before


def test_collect_by_folder_counts_each_hand_in_for_its_sub_folder(tmp_path: Path) -> None:
    """Kubernetes: every pod writes as the same account, into its own sub-folder of the exchange."""
    drop = tmp_path / "exchange"
    for who, answer in (("alice", "A"), ("bob", "B")):
        (drop / who).mkdir(parents=True)
        submit(drop / who, name="jovyan", workbook=_workbook(tmp_path / f"{who}.json", {"a.one": answer}))
    (drop / "carol").mkdir()
    (drop / "carol" / "jovyan.json").write_text("{broken", encoding="utf-8")
    (drop / "loose.json").write_bytes((drop / "alice" / "jovyan.json").read_bytes())
    (drop / "bad name").mkdir()
    (drop / "bob" / "notes.txt").write_text("x", encoding="utf-8")
    old = drop / "bob" / "older.json"
    old.write_bytes((drop / "alice" / "jovyan.json").read_bytes())
    os.utime(old, (time.time() - 600, time.time() - 600))
    before = {p: p.read_bytes() for p in drop.rglob("*") if p.is_file()}
    found = collect(drop, trust="folder")
    assert {k: v["exercises"]["a.one"]["answer"] for k, v in found.workbooks.items()} == {"alice": "A", "bob": "B"}
    assert {p.file: p.kind for p in found.problems} == {
        "carol/jovyan.json": "damaged",
        "loose.json": "not_in_folder",
        "bad name": "bad_name",
        "bob/notes.txt": "not_json",
        "bob/older.json": "older",
    }
    assert {p: p.read_bytes() for p in drop.rglob("*") if p.is_file()} == before
