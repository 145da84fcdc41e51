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
      "state": {"<widget key>": <JSON value>}   # inputs of lesson widgets (weights, ratings...)
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
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import shutil
import tempfile
import warnings
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .content import t
from .errors import InputError

__all__ = [
    "Workbook",
    "WorkbookWarning",
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
_COURSE_ROOT = Path(__file__).resolve().parent.parent


class WorkbookWarning(UserWarning):
    """The workbook file had a problem that was handled without losing work (e.g. moved aside)."""


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


def _check_id(kind: str, key: Any) -> str:
    if not isinstance(key, str) or not key.strip():
        raise InputError(t("workbook.bad_id", kind=kind, value=repr(key)))
    return key.strip()


def _json_ready(item: str, value: Any) -> Any:
    """Return ``value`` as plain JSON data, or raise InputError naming ``item``."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise InputError(t("workbook.not_serialisable", item=item, value=_short(value), reason=exc)) from None
    return json.loads(text)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and isinstance(data.get("exercises"), dict)
        and isinstance(data.get("state", {}), dict)
        and all(isinstance(v, dict) for v in data["exercises"].values())
    )


@dataclass(frozen=True)
class Workbook:
    """A learner's workbook stored at ``path`` (see the module docstring for the format)."""

    path: Path

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        object.__setattr__(self, "path", Path(path).expanduser() if path is not None else default_path())

    # ----------------------------------------------------------------- reading
    @property
    def backup_path(self) -> Path:
        """Where the previous version of the workbook is kept."""
        return self.path.with_name(self.path.name + ".bak")

    def _read_file(self, path: Path) -> dict[str, Any] | None:
        """Parse ``path``; None when it does not exist; raise ValueError when it is unusable."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ValueError(exc.strerror or str(exc)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(str(exc)) from None
        if not _valid(data):
            raise ValueError("not a kamcourse workbook")
        data.setdefault("state", {})
        return data

    def _move_aside(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        os.replace(path, target)
        return target

    def load(self) -> dict[str, Any]:
        """Return the whole workbook as a dict (an empty one when no file exists yet).

        A corrupt file is moved aside (never overwritten) with a :class:`WorkbookWarning`;
        if the backup is sound, its content is returned instead and restored on the next
        save.
        """
        try:
            data = self._read_file(self.path)
        except ValueError as exc:
            aside = self._move_aside(self.path)
            try:
                backup = self._read_file(self.backup_path)
            except ValueError:
                backup = None
            if backup is not None:
                warnings.warn(
                    t("workbook.corrupt_restored", path=self.path, aside=aside, reason=exc, backup=self.backup_path),
                    WorkbookWarning,
                    stacklevel=2,
                )
                self._write(backup, keep_backup=False)
                return backup
            warnings.warn(
                t("workbook.corrupt", path=self.path, aside=aside, reason=exc), WorkbookWarning, stacklevel=2
            )
            return _empty()
        return data if data is not None else _empty()

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
    def _editing(self) -> Iterator[dict[str, Any]]:
        data = self.load()
        yield data
        self._write(data)

    def _write(self, data: dict[str, Any], *, keep_backup: bool = True) -> None:
        """Write ``data`` atomically; keep the current file as the backup first."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if keep_backup and self.path.exists():
                self._copy_to_backup()
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(self.path.parent)

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
        value = _json_ready(key, answer)
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
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InputError(t("workbook.bad_hint_count", exercise=key, value=repr(count)))
        with self._editing() as data:
            data["exercises"].setdefault(key, {})["hints_shown"] = count

    def set_state(self, key: str, value: Any) -> None:
        """Save a widget's input ``value`` (any JSON value) under ``key``."""
        key = _check_id("state", key)
        ready = _json_ready(key, value)
        with self._editing() as data:
            data["state"][key] = ready

    def reset(self, exercise_id: str | None = None) -> None:
        """Forget one exercise's work, or everything when ``exercise_id`` is None.

        The previous file is kept as the backup, so one reset can be undone by hand.
        """
        if exercise_id is None:
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
