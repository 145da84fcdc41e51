"""Collecting: every hand-in of the exchange folder read, read-only, with a sentence for each file skipped.

Used by :mod:`kamcourse.exchange` (the rules are described there).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..values import short_repr
from ..workbook import VERSION
from .files import (
    MAX_BYTES,
    TAG_SEPARATOR,
    ProblemKind,
    Trust,
    Unusable,
    exchange_folder,
    fsync_dir,
    os_reason,
    owner_name,
    parse,
    read_no_follow,
    safe_name,
    trust_rule,
)

__all__ = ["Collection", "Problem", "Submission", "collect"]


@dataclass(frozen=True)
class Problem:
    """A file that :func:`collect` skipped: its name, what kind of problem, and a sentence."""

    file: str
    kind: ProblemKind
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Submission:
    """One accepted hand-in: who, the file it came from, when it was written, and the workbook."""

    submitter: str
    path: Path
    owner: str | None
    modified: datetime
    size: int
    workbook: dict[str, Any]


@dataclass(frozen=True)
class Collection:
    """What :func:`collect` found: accepted hand-ins by submitter, and the files it skipped.

    ``collection.workbooks`` maps each submitter to their workbook (the dict stored in the
    file: ``{"format": ..., "exercises": {...}, "state": {...}}``), sorted by submitter;
    ``collection.problems`` lists the skipped files, each with a sentence for the trainer.
    """

    folder: Path
    trust: Trust
    submissions: Mapping[str, Submission]
    problems: tuple[Problem, ...] = field(default=())
    copied_to: Path | None = None

    @property
    def workbooks(self) -> dict[str, dict[str, Any]]:
        """Submitter -> workbook dict, sorted by submitter."""
        return {name: sub.workbook for name, sub in self.submissions.items()}

    @property
    def submitters(self) -> list[str]:
        """The submitters, sorted."""
        return list(self.submissions)

    def __len__(self) -> int:
        return len(self.submissions)


def collect(
    folder: str | os.PathLike[str] | None = None,
    *,
    trust: Trust | None = None,
    copy_to: str | os.PathLike[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Collection:
    """Read every hand-in in ``folder`` (default ``$KAMCOURSE_EXCHANGE``) without changing any file.

    ``trust`` says who a file counts for: ``"name"`` (the file name; laptops), ``"owner"``
    (the account owning the file; the hub on one machine) or ``"folder"`` (the sub-folder it is
    in; the hub on Kubernetes); default ``$KAMCOURSE_EXCHANGE_TRUST`` or ``"name"``.
    Damaged, foreign, newer-format, unreadable, oversized and non-regular files are reported
    in ``problems`` and skipped. With ``copy_to``, each accepted hand-in's bytes are also
    written to ``copy_to/<submitter>.json`` (the folder is created; the trainer's copies,
    mode 0600). Raises InputError only when the folder is missing, not a folder, or cannot be
    listed, or ``copy_to`` cannot be written.
    """
    where = exchange_folder(folder)
    rule = trust_rule(trust)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError(t("exchange.bad_limit", value=short_repr(max_bytes, 60)))
    if not where.exists():
        raise InputError(t("exchange.missing_folder", folder=where))
    if not where.is_dir():
        raise InputError(t("exchange.not_a_folder", folder=where))
    try:
        entries = sorted((e.name for e in os.scandir(where)), key=str)
    except OSError as exc:
        raise InputError(t("exchange.unreadable_folder", folder=where, reason=os_reason(exc))) from None

    problems: list[Problem] = []
    found: dict[str, list[tuple[Submission, bytes]]] = {}
    limit_mb = max(1, max_bytes // (1024 * 1024))

    def skip(file: str, kind: ProblemKind, **values: Any) -> None:
        problems.append(Problem(file=file, kind=kind, message=t(f"exchange.problem_{kind}", file=file, **values)))

    # (shown name, path, submitter fixed by the folder or None) for every candidate file.
    candidates: list[tuple[str, Path, str | None]] = []
    for entry in entries:
        if entry.startswith("."):
            continue  # a hand-in being written, or the folder's own hidden files
        path = where / entry
        if rule != "folder":
            candidates.append((entry, path, None))
            continue
        try:
            is_folder = stat.S_ISDIR(os.lstat(path).st_mode)
            inner = sorted(e.name for e in os.scandir(path)) if is_folder else []
        except OSError as exc:
            skip(entry, "unreadable", reason=os_reason(exc))
            continue
        if not is_folder:
            skip(entry, "not_in_folder")
            continue
        try:
            owner_of_folder = safe_name(entry)
        except InputError:
            skip(entry, "bad_name")
            continue
        candidates += [(f"{entry}/{name}", path / name, owner_of_folder) for name in inner if not name.startswith(".")]

    for entry, path, fixed in candidates:
        if not entry.endswith(".json"):
            kind: ProblemKind = "not_json"
            with contextlib.suppress(OSError):
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    kind = "not_file"
            skip(entry, kind)
            continue
        stem = path.name[: -len(".json")]
        base = stem.split(TAG_SEPARATOR, 1)[0] if rule == "owner" else stem
        try:
            name = fixed if fixed is not None else safe_name(base)
        except InputError:
            skip(entry, "bad_name")
            continue
        try:
            raw, info = read_no_follow(path, max_bytes)
            data = parse(raw)
        except Unusable as exc:
            values: dict[str, Any] = {"reason": exc.reason}
            if exc.kind == "too_large":
                values = {"limit": limit_mb}
            elif exc.kind == "future":
                values = {"version": exc.extra.get("version"), "supported": VERSION}
            skip(entry, exc.kind, **values)
            continue
        owner = owner_name(info.st_uid)
        if rule == "owner":
            if owner is None:
                skip(entry, "unknown_owner", uid=info.st_uid)
                continue
            if owner != name:
                skip(entry, "not_owner", name=name, owner=owner)
                continue
        modified = datetime.fromtimestamp(info.st_mtime, tz=UTC)
        submission = Submission(submitter=name, path=path, owner=owner, modified=modified, size=len(raw), workbook=data)
        found.setdefault(name, []).append((submission, raw))

    chosen: dict[str, tuple[Submission, bytes]] = {}
    for name in sorted(found):
        newest = sorted(found[name], key=lambda pair: (pair[0].modified, pair[0].path.name), reverse=True)
        chosen[name] = newest[0]
        for older, _ in newest[1:]:
            skip(_shown(where, older.path), "older", submitter=name, newer=_shown(where, newest[0][0].path))

    copied: Path | None = None
    if copy_to is not None:
        copied = _copy_all(Path(copy_to).expanduser(), {name: raw for name, (_, raw) in chosen.items()})
    return Collection(
        folder=where,
        trust=rule,
        submissions={name: sub for name, (sub, _) in chosen.items()},
        problems=tuple(problems),
        copied_to=copied,
    )


def _shown(folder: Path, path: Path) -> str:
    return str(path.relative_to(folder))


def _copy_all(target: Path, files: Mapping[str, bytes]) -> Path:
    """Write each submitter's bytes to ``target/<submitter>.json`` atomically (mode 0600)."""
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, raw in files.items():
            tmp = target / f".{name}.{secrets.token_hex(4)}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(raw)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target / f"{name}.json")
            except BaseException:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise
    except OSError as exc:
        raise InputError(t("exchange.copy_failed", folder=target, reason=os_reason(exc))) from None
    fsync_dir(target)
    return target
