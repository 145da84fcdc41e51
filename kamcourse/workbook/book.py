"""The :class:`Workbook`: read and change one learner's saved work, one locked write at a time.

Used by :mod:`kamcourse.workbook` (the format and guarantees are described there).

A :class:`Workbook` holds only its path: each call reads the file afresh, so two notebooks open
at once, or a kernel restart, always see the latest saved answers. Reads take no lock (the file
is only ever replaced whole); every read-modify-write holds the lock of :mod:`.storage`.
"""

from __future__ import annotations

import contextlib
import copy
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..values import check_path, short_repr
from . import storage
from .records import (
    ATTEMPT_STATUSES,
    MAX_ATTEMPTS_KEPT,
    MAX_HINTS,
    MAX_STATE_CHARS,
    check_id,
    empty,
    json_ready,
    now,
    validate,
)
from .storage import Unusable, WorkbookError, WorkbookWarning

__all__ = ["Workbook"]


@dataclass(frozen=True)
class Workbook:
    """A learner's workbook stored at ``path`` (see :mod:`kamcourse.workbook` for the format)."""

    path: Path

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        target = check_path(path if path is not None else storage.default_path(), "workbook path")
        with contextlib.suppress(RuntimeError):  # "~someone" with no such home folder stays as it is
            target = target.expanduser()
        object.__setattr__(self, "path", target)

    # ----------------------------------------------------------------- reading
    @property
    def backup_path(self) -> Path:
        """Where the previous version of the workbook is kept."""
        return storage.backup_path(self.path)

    @property
    def lock_path(self) -> Path:
        """The lock file writers hold while they read, change and write the workbook."""
        return storage.lock_path(self.path)

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
            data = storage.read_file(self.path)
        except Unusable:
            if not locked:  # recover under the lock: another writer may be replacing the file
                with storage.locked(self.path):
                    return self._load(locked=True)
            return self._recover()
        if data is None:
            return empty()
        clean, rejected = validate(data)
        if rejected:
            warnings.warn(
                t(
                    "workbook.rejected",
                    path=self.path,
                    count=len(rejected),
                    where="; ".join(f"{r['where']} ({r['reason']})" for r in rejected[:3]),
                ),
                WorkbookWarning,
                stacklevel=3,
            )
        return clean

    def _recover(self) -> dict[str, Any]:
        """Move a damaged workbook aside and use the backup when it is sound (lock held)."""
        try:
            storage.read_file(self.path)
        except Unusable as exc:
            reason = exc
        else:  # repaired meanwhile by another writer
            return self._load(locked=True)
        aside = storage.move_aside(self.path)
        try:
            backup = storage.read_file(self.backup_path)
        except (Unusable, WorkbookError):
            backup = None
        if backup is not None:
            clean, _ = validate(backup)
            warnings.warn(
                t("workbook.corrupt_restored", path=self.path, aside=aside, reason=reason, backup=self.backup_path),
                WorkbookWarning,
                stacklevel=4,
            )
            storage.write(self.path, clean, keep_backup=False)
            return clean
        warnings.warn(t("workbook.corrupt", path=self.path, aside=aside, reason=reason), WorkbookWarning, stacklevel=4)
        return empty()

    def entry(self, exercise_id: str) -> dict[str, Any]:
        """The saved record of one exercise (answer, hints shown, attempts), or an empty dict."""
        key = check_id("exercise", exercise_id)
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
        key = check_id("state", key)
        return copy.deepcopy(self.load()["state"].get(key, default))

    # ----------------------------------------------------------------- writing
    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, Any]]:
        with storage.locked(self.path):
            data = self._load(locked=True)
            yield data
            storage.write(self.path, data)

    def save_answer(self, exercise_id: str, answer: Any) -> None:
        """Save ``answer`` (any JSON value) as the learner's latest answer to ``exercise_id``."""
        self._store_answer(exercise_id, answer, status=None)

    def record_attempt(self, exercise_id: str, answer: Any, status: str) -> None:
        """Save ``answer`` and append an attempt with its feedback ``status``."""
        self._store_answer(exercise_id, answer, status=status)

    def _store_answer(self, exercise_id: str, answer: Any, status: str | None) -> None:
        key = check_id("exercise", exercise_id)
        value = json_ready(key, answer)
        if status is not None and status not in ATTEMPT_STATUSES:
            raise InputError(t("workbook.bad_status", value=short_repr(status), allowed=", ".join(ATTEMPT_STATUSES)))
        with self._editing() as data:
            record = data["exercises"].setdefault(key, {})
            record["answer"] = value
            record["updated"] = now()
            if status is not None:
                attempts = record.setdefault("attempts", [])
                attempts.append({"time": record["updated"], "status": status, "answer": value})
                del attempts[:-MAX_ATTEMPTS_KEPT]

    def set_hints_shown(self, exercise_id: str, count: int) -> None:
        """Record that ``count`` hints of ``exercise_id`` have been revealed."""
        key = check_id("exercise", exercise_id)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_HINTS:
            raise InputError(t("workbook.bad_hint_count", exercise=key, value=short_repr(count)))
        with self._editing() as data:
            data["exercises"].setdefault(key, {})["hints_shown"] = count

    def set_state(self, key: str, value: Any) -> None:
        """Save a widget's input ``value`` (any JSON value) under ``key``."""
        key = check_id("state", key)
        ready = json_ready(key, value, MAX_STATE_CHARS)
        with self._editing() as data:
            data["state"][key] = ready

    def reset(self, exercise_id: str | None = None) -> None:
        """Forget one exercise's work, or everything when ``exercise_id`` is None.

        The previous file is kept as the backup, so one reset can be undone by hand.
        """
        if exercise_id is None:
            with storage.locked(self.path):
                if self.path.exists() or self.backup_path.exists():
                    storage.write(self.path, empty())
            return
        key = check_id("exercise", exercise_id)
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
