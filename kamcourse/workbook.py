"""The learner's saved work: one JSON file, written atomically, never silently lost.

Taught in ``notebooks/00_start_here.ipynb`` (where work is saved, how to reset it).

Layout of the file::

    {
      "format": "kamcourse-workbook",
      "version": 1,
      "exercises": {
        "<exercise id>": {
          "answer": <JSON value>,          # the learner's latest answer
          "updated": "<ISO time>",
          "hints_shown": 0,                # how many hints were revealed
          "attempts": [{"time": ..., "status": ..., "answer": ...}, ...]
        }
      },
      "state": {"<widget key>": <JSON value>},  # inputs of lesson widgets (weights, ratings...)
      "rejected": [...]                          # records set aside because of their shape
    }

Exercise ids are stable strings set in code and content (``"kap.placement"``), never
notebook cell metadata, so answers survive a re-run, a kernel restart and a notebook
regenerated from its solution.

Where the file lives: ``$KAMCOURSE_WORKBOOK`` if set, otherwise ``work/workbook.json`` in the
course folder (git-ignored). Every write goes to a temporary file in the same folder, is
flushed and ``fsync``-ed, and replaces the workbook with :func:`os.replace`; the previous
version is kept as ``<name>.bak``. A file that cannot be read or parsed is moved aside to
``<name>.corrupt-<time>`` with a :class:`WorkbookWarning` saying where it went -- it is
never silently overwritten -- and the backup is used when it is sound.

A :class:`Workbook` holds only its path: each call reads the file afresh, so two notebooks
open at once, or a kernel restart, always see the latest saved answers.

Several writers (two notebooks, two kernels, a hub's processes sharing one exchange folder)
never lose each other's answers: every read-modify-write holds an exclusive ``fcntl.flock``
on a lock file beside the workbook (``.<name>.lock``, never deleted), so the second writer
reads what the first wrote. Reads take no lock: the file is only ever replaced whole, so a
reader sees the old version or the new one, never half of one. Temporary files left by a
writer that was killed are removed by the next save (it holds the lock, so no live writer
owns them).

Every record is checked when the file is read: an exercise record, an attempt, a hint count
or a state entry that does not have the shape above (``"attempts": 5``, a list where a
record belongs, text that cannot be written as UTF-8) is set aside under the top-level key
``"rejected"`` -- kept in the same file, as ``{"where", "reason", "time", "value_json"}``
with the original value as JSON text -- with a :class:`WorkbookWarning`, and the rest of the
workbook is used as usual. Keeping it in the file rather than a side file means one atomic
write holds everything, nothing is lost if a second file cannot be written, and the set-aside
value travels with the workbook when a trainer collects it.

A workbook that cannot be written (a read-only folder or disk) or read (a folder where the
file should be) raises :class:`WorkbookError`, an :class:`~kamcourse.errors.InputError` whose
message names the path; :func:`kamcourse.checks.check` then still gives its feedback and says
that the attempt could not be saved, and where.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import re
import shutil
import tempfile
import time
import warnings
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ._values import check_path, encodable, short_repr
from .content import t
from .errors import InputError

try:  # POSIX (Linux, macOS, the hub); on Windows a single learner writes without a lock
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms the course is tested on
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "Workbook",
    "WorkbookWarning",
    "WorkbookError",
    "default",
    "default_path",
    "location",
    "reset",
    "scratch",
    "use",
    "MAX_ATTEMPTS_KEPT",
]

FORMAT = "kamcourse-workbook"
VERSION = 1
MAX_ATTEMPTS_KEPT = 50
ENV_VAR = "KAMCOURSE_WORKBOOK"
#: Longest exercise id or state key (an answer pasted where an id belongs is refused).
MAX_ID_LENGTH = 200
#: Longest answer, and longest widget state, as JSON text.
MAX_ANSWER_CHARS = 100_000
MAX_STATE_CHARS = 5_000_000
#: Most hints an exercise can have shown (a bigger count is not a count).
MAX_HINTS = 1000
#: How long a save waits for another writer to finish before it gives up, in seconds.
LOCK_TIMEOUT = 30.0
#: The statuses an attempt can record (those of :data:`kamcourse.checks.STATUSES`).
ATTEMPT_STATUSES = ("correct", "partial", "incorrect", "not_answered", "invalid")
_COURSE_ROOT = Path(__file__).resolve().parent.parent
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class WorkbookWarning(UserWarning):
    """The workbook file had a problem that was handled without losing work (e.g. moved aside)."""


class WorkbookError(InputError):
    """The workbook file cannot be read or written; the message names the path and the reason."""


def default_path() -> Path:
    """The workbook path: ``$KAMCOURSE_WORKBOOK`` or ``<course>/work/workbook.json``."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    if (_COURSE_ROOT / "pyproject.toml").is_file():
        return _COURSE_ROOT / "work" / "workbook.json"
    return Path.home() / ".kamcourse" / "workbook.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exercises": {}, "state": {}}


def _id_problem(key: Any) -> bool:
    return (
        not isinstance(key, str)
        or not key.strip()
        or len(key) > MAX_ID_LENGTH
        or bool(_CONTROL.search(key))
        or encodable(key) is not None
    )


def _check_id(kind: str, key: Any) -> str:
    if _id_problem(key):
        raise InputError(t("workbook.bad_id", kind=kind, value=short_repr(key), limit=MAX_ID_LENGTH))
    return str(key).strip()


def _first_broken_text(value: Any) -> tuple[str, int] | None:
    """The first text (value or key) in ``value`` that cannot be written as UTF-8, and where."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pos = encodable(item)
            if pos is not None:
                return item, pos
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return None


def json_ready(item: str, value: Any, limit: int = MAX_ANSWER_CHARS) -> Any:
    """Return ``value`` as plain JSON data, or raise InputError naming ``item``.

    Refused: what JSON cannot hold (objects, NaN, infinity, integers of more than 4300 digits),
    nesting too deep to write, text longer than ``limit`` characters once written, and text that
    cannot be written as UTF-8 (a lone surrogate: half of an emoji).
    """
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except RecursionError:
        raise InputError(t("workbook.too_deep", item=item)) from None
    except (TypeError, ValueError) as exc:
        raise InputError(t("workbook.not_serialisable", item=item, value=short_repr(value, 60),
                           reason=str(exc)[:120])) from None
    if len(text) > limit:
        raise InputError(t("workbook.too_long", item=item, size=len(text), limit=limit))
    if encodable(text) is not None:
        broken = _first_broken_text(value)
        text_at, pos = broken if broken is not None else (text, encodable(text) or 0)
        raise InputError(t("workbook.not_encodable", item=item, position=pos + 1,
                           near=short_repr(text_at[max(pos - 20, 0):pos], 40)))
    return json.loads(text)


def _short(value: Any, limit: int = 60) -> str:
    return short_repr(value, limit)


def _dump(value: Any) -> str:
    """Any loaded value as JSON text that can always be written (ASCII, surrogates escaped)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True, default=repr)


class _Bad(ValueError):
    """A value in the file that JSON allows but the workbook does not (NaN, Infinity)."""


def _no_constants(name: str) -> Any:
    raise _Bad(name)


# --------------------------------------------------------------------------- validation
def _validate(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check every record of a parsed workbook; return the usable data and what was set aside.

    The returned data has exactly the shape of the module docstring; each set-aside item is
    ``{"where", "reason", "time", "value_json"}``.
    """
    now = _now()
    rejected: list[dict[str, Any]] = []

    def reject(where: str, reason: str, value: Any) -> None:
        rejected.append({"where": where, "reason": reason, "time": now, "value_json": _dump(value)})

    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key, value in data.items():  # keys of a newer course are kept, as long as they can be written
        if key in ("format", "exercises", "state", "rejected"):
            continue
        if key == "version" and (isinstance(value, bool) or not isinstance(value, int)):
            reject("version", t("workbook.reason_version"), value)
        elif _first_broken_text(key) is not None or _first_broken_text(value) is not None:
            reject(short_repr(key, 60), t("workbook.reason_encoding"), value)
        else:
            out[key] = value
    kept = data.get("rejected", [])
    if not isinstance(kept, list) or not all(isinstance(r, dict) for r in kept) or _first_broken_text(kept):
        reject("rejected", t("workbook.reason_rejected"), kept)
        kept = []
    exercises = data.get("exercises", {})
    if not isinstance(exercises, dict):
        reject("exercises", t("workbook.reason_exercises"), exercises)
        exercises = {}
    clean: dict[str, Any] = {}
    for key, record in exercises.items():
        where = f"exercises/{short_repr(key, 60)}"
        if _id_problem(key):
            reject(where, t("workbook.reason_id"), {"id": key, "record": record})
            continue
        if not isinstance(record, dict):
            reject(where, t("workbook.reason_record"), record)
            continue
        clean[key] = _valid_record(record, where, reject)
    state = data.get("state", {})
    if not isinstance(state, dict):
        reject("state", t("workbook.reason_state"), state)
        state = {}
    clean_state: dict[str, Any] = {}
    for key, value in state.items():
        where = f"state/{short_repr(key, 60)}"
        if _id_problem(key):
            reject(where, t("workbook.reason_id"), {"key": key, "value": value})
        elif _first_broken_text(value) is not None:
            reject(where, t("workbook.reason_encoding"), value)
        else:
            clean_state[key] = value
    out["exercises"] = clean
    out["state"] = clean_state
    if kept or rejected:
        out["rejected"] = kept + rejected
    return out, rejected


def _valid_record(record: dict[str, Any], where: str, reject: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in record.items():
        if _first_broken_text(field) is not None:
            reject(where, t("workbook.reason_encoding"), {field: value})
            continue
        if field in ("answer",) and _first_broken_text(value) is not None:
            reject(f"{where}/{field}", t("workbook.reason_encoding"), value)
        elif field == "updated" and not isinstance(value, str):
            reject(f"{where}/{field}", t("workbook.reason_updated"), value)
        elif field == "hints_shown" and (isinstance(value, bool) or not isinstance(value, int)
                                         or not 0 <= value <= MAX_HINTS):
            reject(f"{where}/{field}", t("workbook.reason_hints", limit=MAX_HINTS), value)
        elif field == "attempts":
            if not isinstance(value, list):
                reject(f"{where}/{field}", t("workbook.reason_attempts"), value)
                continue
            attempts = []
            for n, attempt in enumerate(value):
                if (
                    isinstance(attempt, dict)
                    and attempt.get("status") in ATTEMPT_STATUSES
                    and isinstance(attempt.get("time", ""), str)
                    and _first_broken_text(attempt) is None
                ):
                    attempts.append(attempt)
                else:
                    reject(f"{where}/{field}/{n}", t("workbook.reason_attempt", statuses=", ".join(ATTEMPT_STATUSES)),
                           attempt)
            out[field] = attempts
        elif field not in ("answer", "updated", "hints_shown") and _first_broken_text(value) is not None:
            reject(f"{where}/{field}", t("workbook.reason_encoding"), value)
        else:
            out[field] = value
    return out


class _Unusable(ValueError):
    """The file's content is damaged (not JSON, not a workbook): it is moved aside."""


@dataclass(frozen=True)
class Workbook:
    """A learner's workbook stored at ``path`` (see the module docstring for the format)."""

    path: Path

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        target = check_path(path if path is not None else default_path(), "workbook path")
        with contextlib.suppress(RuntimeError):  # "~someone" with no such home folder stays as it is
            target = target.expanduser()
        object.__setattr__(self, "path", target)

    # ----------------------------------------------------------------- reading
    @property
    def backup_path(self) -> Path:
        """Where the previous version of the workbook is kept."""
        return self.path.with_name(self.path.name + ".bak")

    @property
    def lock_path(self) -> Path:
        """The lock file writers hold while they read, change and write the workbook."""
        return self.path.with_name(f".{self.path.name}.lock")

    def _read_file(self, path: Path) -> dict[str, Any] | None:
        """Parse ``path``: None when it does not exist, :class:`_Unusable` when its content is
        damaged, :class:`WorkbookError` when it cannot be read at all (a folder, no permission)."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise WorkbookError(t("workbook.is_folder", path=path)) from None
        except OSError as exc:
            if exc.errno == errno.ENOTDIR:
                raise WorkbookError(t("workbook.parent_not_folder", path=path)) from None
            raise WorkbookError(t("workbook.unreadable", path=path, reason=exc.strerror or exc)) from None
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
        except _Bad as exc:
            raise _Unusable(t("workbook.reason_constant", value=str(exc))) from None
        except RecursionError:
            raise _Unusable(t("workbook.reason_deep")) from None
        except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, an integer of 5000 digits
            raise _Unusable(str(exc)[:200]) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _Unusable(t("workbook.reason_not_workbook"))
        return data

    def _move_aside(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, target)
        except OSError as exc:
            raise WorkbookError(t("workbook.unreadable", path=path, reason=exc.strerror or exc)) from None
        return target

    def load(self) -> dict[str, Any]:
        """Return the whole workbook as a dict (an empty one when no file exists yet).

        Takes no lock: the file is always replaced whole. A damaged file is moved aside (never
        overwritten) with a :class:`WorkbookWarning`; if the backup is sound, its content is
        returned instead and written back. Records of the wrong shape are set aside under
        ``"rejected"`` with a warning. Raises :class:`WorkbookError` when the path is a folder
        or cannot be read.
        """
        return self._load(locked=False)

    def _load(self, *, locked: bool) -> dict[str, Any]:
        try:
            data = self._read_file(self.path)
        except _Unusable:
            if not locked:  # recover under the lock: another writer may be replacing the file
                with self._lock():
                    return self._load(locked=True)
            return self._recover()
        if data is None:
            return _empty()
        clean, rejected = _validate(data)
        if rejected:
            warnings.warn(
                t("workbook.rejected", path=self.path, count=len(rejected),
                  where="; ".join(f"{r['where']} ({r['reason']})" for r in rejected[:3])),
                WorkbookWarning, stacklevel=3,
            )
        return clean

    def _recover(self) -> dict[str, Any]:
        """Move a damaged workbook aside and use the backup when it is sound (lock held)."""
        try:
            self._read_file(self.path)
        except _Unusable as exc:
            reason = exc
        else:  # repaired meanwhile by another writer
            return self._load(locked=True)
        aside = self._move_aside(self.path)
        try:
            backup = self._read_file(self.backup_path)
        except (_Unusable, WorkbookError):
            backup = None
        if backup is not None:
            clean, _ = _validate(backup)
            warnings.warn(
                t("workbook.corrupt_restored", path=self.path, aside=aside, reason=reason, backup=self.backup_path),
                WorkbookWarning,
                stacklevel=4,
            )
            self._write(clean, keep_backup=False)
            return clean
        warnings.warn(t("workbook.corrupt", path=self.path, aside=aside, reason=reason), WorkbookWarning,
                      stacklevel=4)
        return _empty()

    def entry(self, exercise_id: str) -> dict[str, Any]:
        """The saved record of one exercise (answer, hints shown, attempts), or an empty dict."""
        key = _check_id("exercise", exercise_id)
        return copy.deepcopy(self.load()["exercises"].get(key, {}))

    def answer(self, exercise_id: str, default: Any = None) -> Any:
        """The learner's latest saved answer to ``exercise_id``, or ``default``."""
        return self.entry(exercise_id).get("answer", default)

    def hints_shown(self, exercise_id: str) -> int:
        """How many hints of ``exercise_id`` the learner has revealed."""
        value = self.entry(exercise_id).get("hints_shown", 0)
        return value if isinstance(value, int) and value >= 0 else 0

    def get_state(self, key: str, default: Any = None) -> Any:
        """A widget's saved input (weights, ratings, ...) under ``key``, or ``default``."""
        key = _check_id("state", key)
        return copy.deepcopy(self.load()["state"].get(key, default))

    # ----------------------------------------------------------------- writing
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Hold the workbook's lock (an exclusive flock on ``.<name>.lock`` beside it)."""
        if self.path.is_dir():
            raise WorkbookError(t("workbook.is_folder", path=self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkbookError(t("workbook.not_saved", path=self.path, reason=exc.strerror or exc)) from None
        if fcntl is None:  # pragma: no cover
            yield
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            try:  # a lock file that exists in a folder we may not write to
                fd = os.open(self.lock_path, os.O_RDONLY)
            except OSError:
                raise WorkbookError(t("workbook.not_saved", path=self.path, reason=exc.strerror or exc)) from None
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WorkbookError(t("workbook.busy", path=self.path, seconds=LOCK_TIMEOUT)) from None
                    time.sleep(0.005)
                except OSError as exc:  # a file system without locks: write unlocked, as before
                    if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                        break
                    raise WorkbookError(t("workbook.not_saved", path=self.path, reason=exc.strerror or exc)) from None
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, Any]]:
        with self._lock():
            data = self._load(locked=True)
            yield data
            self._write(data)

    def _write(self, data: dict[str, Any], *, keep_backup: bool = True) -> None:
        """Write ``data`` atomically; keep the current file as the backup first (lock held).

        A failure of the file system (read-only folder, full disk) raises :class:`WorkbookError`
        naming the path; the previous file is left as it was.
        """
        try:
            payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as exc:  # cannot happen for validated data; never write half of it
            raise InputError(t("workbook.not_serialisable", item=self.path.name, value="-", reason=exc)) from None
        if self._read_only():
            raise WorkbookError(t("workbook.read_only", path=self.path))
        try:
            self._remove_leftovers()
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        except OSError as exc:
            raise WorkbookError(t("workbook.not_saved", path=self.path, reason=exc.strerror or exc)) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if keep_backup and self.path.exists():
                self._copy_to_backup()
            os.replace(tmp, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, OSError):
                raise WorkbookError(t("workbook.not_saved", path=self.path, reason=exc.strerror or exc)) from None
            raise
        _fsync_dir(self.path.parent)

    def _read_only(self) -> bool:
        """True when the workbook file exists and nobody may write it (``chmod a-w``): a file a
        trainer froze is not replaced behind its back (even by root, who may replace anything)."""
        try:
            return self.path.stat().st_mode & 0o222 == 0
        except OSError:
            return False

    def _remove_leftovers(self) -> None:
        """Remove temporary files of this workbook left by a writer that was killed (lock held,
        so no live writer owns one)."""
        pattern = re.compile(rf"\.{re.escape(self.path.name)}\.[a-z0-9_]{{8}}\.(?:tmp|baktmp)")
        with contextlib.suppress(OSError), os.scandir(self.path.parent) as entries:
            for entry in entries:
                if pattern.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _copy_to_backup(self) -> None:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".baktmp", dir=self.path.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.path.read_bytes())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.backup_path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def save_answer(self, exercise_id: str, answer: Any) -> None:
        """Save ``answer`` (any JSON value) as the learner's latest answer to ``exercise_id``."""
        self._store_answer(exercise_id, answer, status=None)

    def record_attempt(self, exercise_id: str, answer: Any, status: str) -> None:
        """Save ``answer`` and append an attempt with its feedback ``status``."""
        self._store_answer(exercise_id, answer, status=status)

    def _store_answer(self, exercise_id: str, answer: Any, status: str | None) -> None:
        key = _check_id("exercise", exercise_id)
        value = json_ready(key, answer)
        if status is not None and status not in ATTEMPT_STATUSES:
            raise InputError(t("workbook.bad_status", value=short_repr(status), allowed=", ".join(ATTEMPT_STATUSES)))
        with self._editing() as data:
            record = data["exercises"].setdefault(key, {})
            record["answer"] = value
            record["updated"] = _now()
            if status is not None:
                attempts = record.setdefault("attempts", [])
                attempts.append({"time": record["updated"], "status": status, "answer": value})
                del attempts[:-MAX_ATTEMPTS_KEPT]

    def set_hints_shown(self, exercise_id: str, count: int) -> None:
        """Record that ``count`` hints of ``exercise_id`` have been revealed."""
        key = _check_id("exercise", exercise_id)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_HINTS:
            raise InputError(t("workbook.bad_hint_count", exercise=key, value=short_repr(count)))
        with self._editing() as data:
            data["exercises"].setdefault(key, {})["hints_shown"] = count

    def set_state(self, key: str, value: Any) -> None:
        """Save a widget's input ``value`` (any JSON value) under ``key``."""
        key = _check_id("state", key)
        ready = json_ready(key, value, MAX_STATE_CHARS)
        with self._editing() as data:
            data["state"][key] = ready

    def reset(self, exercise_id: str | None = None) -> None:
        """Forget one exercise's work, or everything when ``exercise_id`` is None.

        The previous file is kept as the backup, so one reset can be undone by hand.
        """
        if exercise_id is None:
            with self._lock():
                if self.path.exists() or self.backup_path.exists():
                    self._write(_empty())
            return
        key = _check_id("exercise", exercise_id)
        with self._editing() as data:
            data["exercises"].pop(key, None)

    def summary(self) -> list[dict[str, Any]]:
        """One row per exercise: id, answered, attempts, last status, hints shown."""
        rows = []
        for key, record in sorted(self.load()["exercises"].items()):
            attempts = record.get("attempts", [])
            rows.append(
                {
                    "exercise": key,
                    "answered": "answer" in record,
                    "attempts": len(attempts),
                    "last status": attempts[-1]["status"] if attempts else None,
                    "hints shown": record.get("hints_shown", 0),
                    "updated": record.get("updated"),
                }
            )
        return rows


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def default() -> Workbook:
    """The workbook at :func:`default_path` (read afresh on every call)."""
    return Workbook()


def location() -> Path:
    """Where the learner's work is saved."""
    return default_path()


def reset(exercise_id: str | None = None, *, confirm: bool = False) -> str:
    """Reset the default workbook (one exercise, or all work when ``exercise_id`` is None).

    Resetting everything needs ``confirm=True``; the previous file stays as the backup.
    Returns a sentence saying what was done.
    """
    book = default()
    if not isinstance(confirm, bool):
        raise InputError(t("workbook.bad_confirm", value=short_repr(confirm)))
    if exercise_id is None and not confirm:
        return t("workbook.reset_needs_confirm", path=book.path)
    book.reset(exercise_id)
    if exercise_id is None:
        return t("workbook.reset_all_done", path=book.path, backup=book.backup_path)
    return t("workbook.reset_one_done", exercise=exercise_id)



# --------------------------------------------------------------------------- other workbooks
#: What :func:`use` accepts as a workbook name.
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def use(name: str) -> str:
    """Save this kernel's work in the workbook called ``name``, beside the default one.

    Solution notebooks start with ``kam.workbook.use("answer-key")``, so their worked answers
    go to ``work/answer-key.json`` and never replace a learner's answers in
    ``work/workbook.json``. A trainer can also give each group its own file this way
    (``use("group-3")``); ``use("workbook")`` comes back to the default file.

    The choice lasts for the kernel session: it sets the kernel process's
    ``KAMCOURSE_WORKBOOK`` (a restart forgets it), which :func:`default_path` and
    :func:`location` read, and every workbook, check and widget created afterwards uses.

    ``name`` is letters, digits, ``-`` and ``_`` only (1 to 64 of them), so a name can never
    reach another folder. Returns a sentence saying where work is now saved; raises
    :class:`InputError` naming the value and what is allowed.
    """
    if not isinstance(name, str) or NAME_PATTERN.fullmatch(name) is None:
        raise InputError(t("workbook.bad_name", value=_short(name)))
    target = default_path().parent / f"{name}.json"
    os.environ[ENV_VAR] = str(target)
    return t("workbook.now_using", path=target)


def scratch() -> Workbook:
    """A throwaway workbook for demonstrations: it starts empty and is never the learner's.

    A widget built with ``demo=True`` uses one, so a notebook cell can show an interaction
    (move a slider, press a button) without reading or changing what the learner saved. Its
    file lives in a temporary folder removed when the workbook object is discarded.
    """
    folder = Path(tempfile.mkdtemp(prefix="kamcourse-demo-"))
    book = Workbook(folder / "workbook.json")
    weakref.finalize(book, shutil.rmtree, folder, True)
    return book
