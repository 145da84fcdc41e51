"""The workbook against second writers, odd paths, hand-edited files and hostile answers
(issue 9, classes 3, 4, 5, 6, 9, 11 and 12). Learner work is never lost, the file stays valid
JSON, and ``check``/``hint``/``progress``/``summary`` never crash.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from hostile import HALF_EMOJI, HUGE_INT, LONE_SURROGATE, LONG_TEXT, SCALARS, deep_list

from kamcourse import checks, workbook
from kamcourse.content import CONTENT_DIR
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook, WorkbookError, WorkbookWarning

ROOT = Path(__file__).resolve().parent.parent
GROUPS = sorted(p.stem for p in (CONTENT_DIR / "exercises").glob("*.yaml"))
EXERCISES = [e.id for g in GROUPS for e in checks.exercises(g)]


# ----------------------------------------------------------------- class 3: two writers
_WRITER = textwrap.dedent("""
    import sys, time
    from kamcourse.workbook import Workbook
    path, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    book = Workbook(path)
    n, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        if prefix == "s":
            book.set_state(f"s.{n % 7}", {"n": n})
            book.set_hints_shown("s.hints", n % 1000)
        else:
            book.save_answer(f"{prefix}.{n}", {"n": n, "text": "Café " * 3})
        n += 1
    print(n)
""")


def _writer(path: Path, prefix: str, seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), prefix, str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_saving_for_seconds_lose_nothing_and_the_file_stays_valid_json(book: Workbook) -> None:
    seconds = 4.0
    writers = {prefix: _writer(book.path, prefix, seconds) for prefix in ("a", "b", "s")}
    reads = 0
    while any(w.poll() is None for w in writers.values()):  # a lock-free reader meanwhile
        if book.path.exists():
            data = json.loads(book.path.read_bytes().decode("utf-8"))
            assert data["format"] == "kamcourse-workbook"
            reads += 1
        time.sleep(0.002)
    counts = {}
    for prefix, proc in writers.items():
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        counts[prefix] = int(out)
    assert counts["a"] > 20 and counts["b"] > 20 and reads > 20, (counts, reads)
    saved = book.load()
    for prefix in ("a", "b"):
        missing = [
            n
            for n in range(counts[prefix])
            if saved["exercises"].get(f"{prefix}.{n}", {}).get("answer") != {"n": n, "text": "Café " * 3}
        ]
        assert not missing, f"{len(missing)} of {counts[prefix]} answers of writer {prefix} lost"
    assert saved["exercises"]["s.hints"]["hints_shown"] == (counts["s"] - 1) % 1000
    assert saved["state"][f"s.{(counts['s'] - 1) % 7}"] == {"n": counts["s"] - 1}
    assert not [p.name for p in book.path.parent.iterdir() if p.name.endswith("tmp")]


def test_a_writer_that_cannot_get_the_lock_says_so_and_changes_nothing(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.save_answer("a.one", "kept")
    monkeypatch.setattr(workbook.storage, "LOCK_TIMEOUT", 0.2)
    fd = os.open(book.lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another program holds the lock
        with pytest.raises(WorkbookError, match="locked for 0.2 seconds"):
            book.save_answer("a.one", "new")
        feedback = checks.check("kap.quiz.horizontal", "c", workbook=book)
        assert feedback.status in checks.STATUSES and "not saved" in feedback.notice
    finally:
        os.close(fd)
    assert book.answer("a.one") == "kept"


# ----------------------------------------------------------------- class 4 and 9: the path
def test_a_workbook_path_that_is_a_folder_is_refused_and_the_folder_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exchange"
    folder.mkdir()
    (folder / "someone_else.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(folder))
    book = Workbook()
    with pytest.raises(WorkbookError, match=f"{folder}.* is a folder"):
        book.load()
    with pytest.raises(WorkbookError, match="is a folder"):
        book.save_answer("kap.strategy", "x")
    feedback = checks.check("kap.quiz.horizontal", "c")
    assert feedback.status == "correct" and str(folder) in feedback.notice
    assert "is a folder" in checks.hint("kap.placement")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exchange"]  # nothing renamed, nothing added
    assert [p.name for p in folder.iterdir()] == ["someone_else.json"]


def test_a_workbook_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    book = Workbook(tmp_path / "file" / "workbook.json")
    with pytest.raises(WorkbookError, match="folders on the way is a file"):
        book.load()
    with pytest.raises(WorkbookError):
        book.save_answer("a.one", 1)


@pytest.mark.parametrize("path", ["w\x00.json", f"{LONE_SURROGATE}.json", "x" * 300 + ".json", 5, None])
def test_bad_workbook_paths_are_refused_with_input_error(path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    if path is None:
        monkeypatch.setenv("KAMCOURSE_WORKBOOK", "/tmp/" + "y" * 300)
    with pytest.raises(InputError):
        Workbook(path)


@pytest.mark.parametrize("bad_id", [LONG_TEXT, "a\nb", LONE_SURROGATE, "x" * 201, HUGE_INT, ["kap"], {"a": 1}])
def test_ids_that_are_answers_or_garbage_are_refused(book: Workbook, bad_id: Any) -> None:
    for call in (
        lambda: book.save_answer(bad_id, 1),
        lambda: book.set_state(bad_id, 1),
        lambda: book.entry(bad_id),
        lambda: checks.check(bad_id, "a", workbook=book),
        lambda: checks.hint(bad_id, workbook=book),
    ):
        with pytest.raises(InputError):
            call()
    assert not book.path.exists()


# ----------------------------------------------------------------- class 5: wrong shapes
GOOD = {
    "answer": "kept",
    "updated": "2026-01-01T00:00:00+00:00",
    "hints_shown": 1,
    "attempts": [{"time": "2026-01-01T00:00:00+00:00", "status": "incorrect", "answer": "kept"}],
}

WRONG_SHAPES: list[tuple[str, str]] = [
    ("attempts_number", json.dumps({"x.bad": {"answer": 1, "attempts": 5}})),
    ("attempts_of_numbers", json.dumps({"x.bad": {"attempts": [1, 2]}})),
    ("attempt_unknown_status", json.dumps({"x.bad": {"attempts": [{"status": "hacked"}]}})),
    ("attempt_status_list", json.dumps({"x.bad": {"attempts": [{"status": ["correct"]}]}})),
    ("record_is_list", json.dumps({"x.bad": [1, 2, 3]})),
    ("record_is_text", json.dumps({"x.bad": "answer"})),
    ("hints_text", json.dumps({"x.bad": {"hints_shown": "2"}})),
    ("hints_negative", json.dumps({"x.bad": {"hints_shown": -4}})),
    ("hints_huge", json.dumps({"x.bad": {"hints_shown": 10**30}})),
    ("updated_number", json.dumps({"x.bad": {"updated": 5}})),
    ("long_id", json.dumps({"x" * 500: {"answer": 1}})),
    ("surrogate_answer", '{"x.bad": {"answer": "caf\\ud800"}}'),
    ("surrogate_key", '{"x.\\ud83d": {"answer": 1}}'),
]
FILES: list[tuple[str, str]] = [
    ("exercises_list", '{"format": "kamcourse-workbook", "exercises": [1, 2], "state": {}}'),
    ("state_list", '{"format": "kamcourse-workbook", "exercises": {"kap.strategy": %s}, "state": [1]}'),
    (
        "state_surrogate",
        '{"format": "kamcourse-workbook", "exercises": {"kap.strategy": %s}, "state": {"w.key": "\\udc00"}}',
    ),
    ("version_text", '{"format": "kamcourse-workbook", "version": "one", "exercises": {"kap.strategy": %s}}'),
    ("rejected_number", '{"format": "kamcourse-workbook", "rejected": 5, "exercises": {"kap.strategy": %s}}'),
    ("extra_key_surrogate", '{"format": "kamcourse-workbook", "x": "\\ud800", "exercises": {"kap.strategy": %s}}'),
]


def _write_workbook(book: Workbook, text: str) -> None:
    book.path.parent.mkdir(parents=True, exist_ok=True)
    book.path.write_text(text, encoding="utf-8")


def _exercise_everything(book: Workbook) -> None:
    """Every reader of the workbook, as the course calls them."""
    for group in GROUPS:
        checks.progress(group, workbook=book)
    book.summary()
    assert checks.check("kap.quiz.horizontal", workbook=book).status  # the saved answer (none)
    checks.check("kap.strategy", workbook=book)
    checks.hint("kap.placement", workbook=book)
    checks.hints_shown("kap.placement", workbook=book)
    for key in ("x.bad", "kap.strategy"):
        book.entry(key)
        book.hints_shown(key)


def _wrong_shape_cases() -> list[tuple[str, str]]:
    good = json.dumps(GOOD)
    cases = [
        (
            name,
            '{"format": "kamcourse-workbook", "version": 1, "exercises": '
            + exercises[:-1]
            + ', "kap.strategy": '
            + good
            + '}, "state": {}}',
        )
        for name, exercises in WRONG_SHAPES
    ]
    cases += [(name, text % good if "%s" in text else text) for name, text in FILES]
    return cases


@pytest.mark.parametrize(("name", "text"), _wrong_shape_cases(), ids=[c[0] for c in _wrong_shape_cases()])
def test_wrong_shaped_records_are_set_aside_with_a_warning_and_nothing_crashes(
    book: Workbook, name: str, text: str
) -> None:
    _write_workbook(book, text)
    with pytest.warns(WorkbookWarning, match='set aside under "rejected"'):
        _exercise_everything(book)
    if "kap.strategy" in text:
        assert book.answer("kap.strategy") == "kept" and book.hints_shown("kap.strategy") >= 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", WorkbookWarning)
        book.save_answer("kap.quiz.plan", "b")  # the first save writes the set-aside records
    data = json.loads(book.path.read_text(encoding="utf-8"))  # valid JSON, UTF-8 throughout
    assert data["exercises"]["kap.quiz.plan"]["answer"] == "b"
    assert data["rejected"] and all({"where", "reason", "time", "value_json"} <= set(r) for r in data["rejected"])
    json.loads(data["rejected"][-1]["value_json"])  # the original value, kept as JSON text
    with warnings.catch_warnings():
        warnings.simplefilter("error", WorkbookWarning)
        _exercise_everything(book)  # clean now: no more warnings


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("nan", '{"format": "kamcourse-workbook", "exercises": {"a.b": {"answer": NaN}}}'),
        ("infinity", '{"format": "kamcourse-workbook", "exercises": {"a.b": {"answer": -Infinity}}}'),
        (
            "five_thousand_digits",
            '{"format": "kamcourse-workbook", "exercises": {"a.b": {"answer": 1' + "0" * 5000 + "}}}",
        ),
        (
            "deep",
            '{"format": "kamcourse-workbook", "exercises": {"a.b": {"answer": ' + "[" * 100_000 + "]" * 100_000 + "}}}",
        ),
        ("not_utf8", b'{"format": "kamcourse-workbook", "\xff": 1}'.decode("latin-1")),
    ],
)
def test_files_json_cannot_read_safely_are_moved_aside_never_crash(book: Workbook, name: str, text: str) -> None:
    book.path.parent.mkdir(parents=True, exist_ok=True)
    book.path.write_bytes(text.encode("latin-1") if name == "not_utf8" else text.encode("utf-8"))
    with pytest.warns(WorkbookWarning, match="moved aside"):
        assert checks.check("kap.quiz.horizontal", "c", workbook=book).status == "correct"
    assert list(book.path.parent.glob("workbook.json.corrupt-*"))
    assert book.answer("kap.quiz.horizontal") == "c"


# ----------------------------------------------------------------- class 6: text that cannot be written
@pytest.mark.parametrize(
    "text", [LONE_SURROGATE, HALF_EMOJI, {"p1": LONE_SURROGATE}, [HALF_EMOJI], {LONE_SURROGATE: "key"}]
)
def test_unencodable_text_is_refused_with_a_message_naming_where(book: Workbook, text: Any) -> None:
    book.save_answer("a.one", "kept")
    with pytest.raises(InputError, match="is broken, half of a character"):
        book.save_answer("a.one", text)
    with pytest.raises(InputError, match="is broken"):
        book.set_state("w.key", text)
    with pytest.raises(InputError, match="is broken"):
        book.record_attempt("a.one", text, "incorrect")
    assert book.answer("a.one") == "kept"
    json.loads(book.path.read_text(encoding="utf-8"))


def _shaped(exercise_id: str, value: Any) -> list[Any]:
    """``value`` as the answer itself, and inside the answer shapes exercises take."""
    return [
        value,
        {"x": value},
        {"weights": {"a": value}, "justification": value, "top": [value]},
        {"days": {"Strategic": value}, "why": value},
        [value] * 6,
    ]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_check_of_every_exercise_survives_every_hostile_answer(book: Workbook, exercise_id: str) -> None:
    values = [v for _, v in SCALARS] + [deep_list(5000), "x" * 200_000]
    for value in values:
        for answer in _shaped(exercise_id, value):
            feedback = checks.check(exercise_id, answer, workbook=book)
            assert feedback.status in checks.STATUSES
            assert isinstance(feedback.text(), str) and isinstance(feedback._repr_markdown_(), str)
    with warnings.catch_warnings():
        warnings.simplefilter("error", WorkbookWarning)
        json.loads(book.path.read_text(encoding="utf-8"))
        checks.progress(exercise_id.split(".")[0], workbook=book)


def test_unencodable_answer_gives_invalid_feedback_not_an_exception(book: Workbook) -> None:
    feedback = checks.check("kap.strategy", f"If the buyer {HALF_EMOJI} agrees, we go", workbook=book)
    assert feedback.status == "invalid" and "half of a character" in feedback.message
    assert not book.path.exists()


# ----------------------------------------------------------------- class 11: leftovers
def test_stale_temporary_files_are_removed_by_the_next_save(book: Workbook) -> None:
    book.save_answer("a.one", 1)
    folder = book.path.parent
    stale = [folder / ".workbook.json.ab12cd_9.tmp", folder / ".workbook.json.zz99zz99.baktmp"]
    keep = [
        folder / ".workbook.json.x.json.ab12cd34.tmp",
        folder / "workbook.json.corrupt-20260101-000000-000000",
        folder / "notes.tmp",
    ]
    for path in stale + keep:
        path.write_text("leftover", encoding="utf-8")
    book.save_answer("a.one", 2)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in keep)


def test_kill_9_during_saves_never_corrupts_and_leftovers_go_away(book: Workbook) -> None:
    book.save_answer("a.start", 0)
    for round_ in range(6):
        proc = _writer(book.path, f"k{round_}", 30)
        time.sleep(0.3 + 0.05 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        json.loads(book.path.read_text(encoding="utf-8"))  # never half a file
    book.save_answer("a.end", 1)
    assert book.answer("a.start") == 0 and book.answer("a.end") == 1
    assert not [p.name for p in book.path.parent.iterdir() if p.name.endswith("tmp")]


# ----------------------------------------------------------------- class 12: read-only workbook
def test_read_only_workbook_still_gives_feedback_and_says_it_was_not_saved(book: Workbook) -> None:
    book.save_answer("kap.quiz.horizontal", "a")
    before = book.path.read_bytes()
    book.path.chmod(0o444)
    try:
        feedback = checks.check("kap.quiz.horizontal", "c", workbook=book)
        assert feedback.status == "correct"
        assert "not saved" in feedback.notice and str(book.path) in feedback.notice and "read-only" in feedback.notice
        assert feedback.notice in feedback.text() and "read" in feedback._repr_markdown_()
        hint = checks.hint("kap.placement", workbook=book)
        assert hint.startswith("Hint 1 of") and "Not remembered" in hint and str(book.path) in hint
        with pytest.raises(WorkbookError, match="read-only"):
            book.set_state("w.key", 1)
    finally:
        book.path.chmod(0o644)
    assert book.path.read_bytes() == before


def test_read_only_file_system_still_gives_feedback(book: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    book.save_answer("kap.quiz.horizontal", "a")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(workbook.storage.tempfile, "mkstemp", refuse)
    feedback = checks.check("kap.quiz.horizontal", "b", workbook=book)
    assert feedback.status == "incorrect" and "Read-only file system" in feedback.notice
    assert str(book.path) in feedback.notice
    assert book.answer("kap.quiz.horizontal") == "a"
