"""Hand in a workbook, and collect a folder of hand-ins: the exchange between trainees and trainer.

A trainee calls :func:`submit` (``kam.exchange.submit()``): their workbook is copied, as it is
on disk, into the **exchange folder** -- a shared folder on a laptop network, or the drop
folder of the workshop hub (``KAMCOURSE_EXCHANGE`` is set there for everyone). The copy is
written to a hidden temporary file in that folder, flushed, given mode 0640 and renamed over
``<name>.json`` in one step, so the trainer never sees half a hand-in. Handing in again
replaces the previous hand-in.

The trainer calls :func:`collect` on the folder. It reads every file **read-only** -- a file in
the exchange is never written, moved, repaired or deleted -- and returns a :class:`Collection`:
the sound workbooks keyed by submitter, and one :class:`Problem` in words for every file it
skipped (damaged, not a workbook, from a newer version of the course, unreadable, too large,
a link or a folder). Nothing in the folder makes it raise, except a folder that is missing or
cannot be listed. ``copy_to=`` also writes a copy of each accepted hand-in into a folder of the
trainer's, so the workshop's answers can be kept after the exchange is emptied.

Who handed in? Two rules, chosen with ``trust=`` (or ``KAMCOURSE_EXCHANGE_TRUST``):

* ``"name"`` (laptops and a shared folder): the submitter is the file's name, ``group-3.json``
  for ``group-3``; trainees give that name to :func:`submit`. Anyone can write any name, as on
  any shared folder.
* ``"owner"`` (the hub): the submitter is the **account that owns the file**, never its name.
  The hub's drop folder lets trainees create files but not list, read, replace or delete other
  people's files (setgid trainers' group, sticky bit, trainees write-and-search only; see
  ``deploy/README.md``). A trainee could still create a file under someone else's name first:
  such a file is reported and skipped, and the rightful owner's :func:`submit` then writes
  ``<name>~<random>.json`` instead, which counts for them. When one account has several files,
  the newest counts and the older ones are reported.
* ``"folder"`` (Kubernetes, where every trainee's pod runs as the same account): the submitter
  is the name of the sub-folder holding the file, ``alice/…json`` for ``alice``; each trainee's
  pod mounts only its own sub-folder as its exchange folder (``deploy/kubernetes/values.yaml``),
  so the folder, not the file, says who wrote it.

Names are safe file names: 1 to 64 letters, digits, ``-``, ``_`` or ``.``, starting with a
letter or a digit, without ``..``; anything else (``../../etc``, ``group 3``) is refused with a
message. Hidden files (a hand-in being written) are not collected.

Errors a person can fix -- no exchange folder, a missing or read-only one, a bad name, no saved
work yet -- raise :class:`~kamcourse.errors.InputError` with a message saying what to do.

This module is the core the trainer's comparison views are built on; it uses no widgets.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from .content import t
from .errors import InputError
from .workbook import FORMAT, VERSION, default_path

__all__ = [
    "ENV_EXCHANGE",
    "ENV_TRUST",
    "MAX_BYTES",
    "Collection",
    "Problem",
    "Receipt",
    "Submission",
    "collect",
    "exchange_folder",
    "safe_name",
    "submit",
]

ENV_EXCHANGE = "KAMCOURSE_EXCHANGE"
ENV_TRUST = "KAMCOURSE_EXCHANGE_TRUST"
#: The largest file collect reads; a workbook with every exercise answered is a few dozen KB.
MAX_BYTES = 5 * 1024 * 1024
#: Mode of a hand-in: its author reads and writes it, the trainers' group reads it, nobody else.
SUBMISSION_MODE = 0o640
#: Separates a name from the random tag of a hand-in whose name was taken (``alice~3f9c2a.json``).
TAG_SEPARATOR = "~"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
Trust = Literal["owner", "name", "folder"]
ProblemKind = Literal[
    "not_json", "not_file", "unreadable", "too_large", "damaged", "foreign", "future", "bad_name",
    "not_owner", "unknown_owner", "older", "not_in_folder",
]


# --------------------------------------------------------------------------- names and folders


def safe_name(name: Any) -> str:
    """Return ``name`` stripped when it is a safe submitter name, else raise InputError.

    Allowed: 1 to 64 letters (a-z, A-Z), digits, ``-``, ``_`` or ``.``, starting with a letter
    or a digit, without ``..`` -- so it is one plain file name on every system.
    """
    if not isinstance(name, str):
        raise InputError(t("exchange.bad_name", value=_short(name)))
    text = name.strip()
    if not _NAME.fullmatch(text) or ".." in text or text.endswith("."):
        raise InputError(t("exchange.bad_name", value=_short(name)))
    return text


def exchange_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The exchange folder: ``folder`` if given, else ``$KAMCOURSE_EXCHANGE``; InputError if neither."""
    if folder is None:
        env = os.environ.get(ENV_EXCHANGE, "").strip()
        if not env:
            raise InputError(t("exchange.no_folder"))
        folder = env
    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip() or "\x00" in str(folder):
        raise InputError(t("exchange.bad_folder", value=_short(folder)))
    return Path(folder).expanduser()


def _trust(trust: Any) -> Trust:
    if trust is None:
        trust = os.environ.get(ENV_TRUST, "").strip() or "name"
    if trust == "owner":
        return "owner"
    if trust == "name":
        return "name"
    if trust == "folder":
        return "folder"
    raise InputError(t("exchange.bad_trust", value=_short(trust)))


def _login_name() -> str:
    """The name of the account running this process (the hub's trainee)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # pragma: no cover - Windows, or a uid without an entry
        import getpass

        return getpass.getuser()


def _owner_name(uid: int) -> str | None:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# --------------------------------------------------------------------------- checking a workbook


class _Unusable(Exception):
    """A file that is not a sound workbook: ``kind`` is a ProblemKind, ``reason`` words."""

    def __init__(self, kind: ProblemKind, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.kind: ProblemKind = kind
        self.reason = reason
        self.extra = extra


def _parse(raw: bytes) -> dict[str, Any]:
    """The workbook in ``raw``, or raise _Unusable saying why it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unusable("damaged", t("exchange.reason_not_utf8")) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise _Unusable("damaged", t("exchange.reason_not_json", detail=detail)) from None
    if not isinstance(data, dict):
        raise _Unusable("foreign", t("exchange.reason_not_object", kind=_json_kind(data)))
    if data.get("format") != FORMAT:
        raise _Unusable("foreign", t("exchange.reason_no_marker"))
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Unusable("damaged", t("exchange.reason_bad_version", version=_short(version)))
    if version > VERSION:
        raise _Unusable("future", "", version=version)
    exercises = data.get("exercises")
    if not isinstance(exercises, dict) or not all(isinstance(v, dict) for v in exercises.values()):
        raise _Unusable("damaged", t("exchange.reason_bad_part", part="exercises"))
    state = data.setdefault("state", {})
    if not isinstance(state, dict):
        raise _Unusable("damaged", t("exchange.reason_bad_part", part="state"))
    return data


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def _read_no_follow(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """Read a regular file without following a link or blocking on a device/FIFO; never writes.

    Raises _Unusable (not_file, too_large, unreadable).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.EISDIR):
            raise _Unusable("not_file", "") from None
        raise _Unusable("unreadable", _reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable("not_file", "")
        if info.st_size > limit:
            raise _Unusable("too_large", "")
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while being read
                raise _Unusable("too_large", "")
            chunks.append(chunk)
        return b"".join(chunks), info
    except OSError as exc:
        raise _Unusable("unreadable", _reason(exc)) from None
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- handing in


@dataclass(frozen=True)
class Receipt:
    """What :func:`submit` did: where the hand-in went, under which name, when, and how big."""

    path: Path
    name: str
    wanted: str
    time: datetime
    size: int

    @property
    def message(self) -> str:
        """A sentence for the trainee."""
        values = {
            "name": self.path.name, "folder": self.path.parent, "size": max(1, round(self.size / 1024)),
            "time": self.time.astimezone().strftime("%H:%M"), "wanted": f"{self.wanted}.json",
        }
        key = "exchange.submitted" if self.name == self.wanted else "exchange.submitted_renamed"
        return t(key, **values)

    def __str__(self) -> str:
        return self.message

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.message)


def submit(
    exchange: str | os.PathLike[str] | None = None,
    *,
    name: str | None = None,
    workbook: str | os.PathLike[str] | None = None,
) -> Receipt:
    """Hand in the learner's workbook: copy it into the exchange folder as ``<name>.json``.

    ``exchange`` defaults to ``$KAMCOURSE_EXCHANGE``; ``name`` to the login name of the account
    running the kernel (on the hub: the trainee); ``workbook`` to the learner's workbook
    (``$KAMCOURSE_WORKBOOK``). The file is copied byte for byte once it is checked to be a
    sound workbook, through a temporary file and an atomic rename, with mode 0640. When
    ``<name>.json`` exists and belongs to someone else (the hub's drop folder forbids replacing
    it), the hand-in is written as ``<name>~<random>.json`` instead. Returns a :class:`Receipt`
    whose message says where it went. Raises InputError for no or a bad exchange folder, a bad
    name, no saved work, a damaged workbook, or a folder that cannot be written to.
    """
    folder = exchange_folder(exchange)
    who = safe_name(_login_name() if name is None else name)
    source = default_path() if workbook is None else Path(workbook).expanduser()
    try:
        raw, _ = _read_no_follow(source, MAX_BYTES)
    except _Unusable as exc:
        if exc.kind == "unreadable" and not source.exists():
            raise InputError(t("exchange.no_workbook", path=source)) from None
        reason = {
            "too_large": t("exchange.too_large", limit=MAX_BYTES // (1024 * 1024)),
            "not_file": t("exchange.problem_not_file", file=source.name),
        }.get(exc.kind, exc.reason)
        raise InputError(t("exchange.workbook_unusable", path=source, reason=reason)) from None
    try:
        _parse(raw)
    except _Unusable as exc:
        reason = exc.reason or t("exchange.reason_future", version=exc.extra.get("version"), supported=VERSION)
        raise InputError(t("exchange.workbook_unusable", path=source, reason=reason)) from None
    if not folder.exists():
        raise InputError(t("exchange.missing_folder", folder=folder))
    if not folder.is_dir():
        raise InputError(t("exchange.not_a_folder", folder=folder))
    tmp = _write_hidden(folder, raw)
    try:
        target = folder / f"{who}.json"
        try:
            os.replace(tmp, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EACCES, errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
                raise InputError(t("exchange.read_only_folder", folder=folder, reason=_reason(exc))) from None
            # The name belongs to someone else (sticky drop folder) or is a folder: a tagged name.
            target = folder / f"{who}{TAG_SEPARATOR}{secrets.token_hex(3)}.json"
            try:
                os.replace(tmp, target)
            except OSError as again:
                raise InputError(t("exchange.read_only_folder", folder=folder, reason=_reason(again))) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return Receipt(path=target, name=target.stem, wanted=who, time=datetime.now(UTC), size=len(raw))


def _write_hidden(folder: Path, raw: bytes) -> Path:
    """Write ``raw`` to a new hidden file in ``folder`` (mode 0640, synced); InputError if refused."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    tmp = folder / f".submit-{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, flags, SUBMISSION_MODE)
    except OSError as exc:
        raise InputError(t("exchange.read_only_folder", folder=folder, reason=_reason(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), SUBMISSION_MODE)  # whatever the umask
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(t("exchange.read_only_folder", folder=folder, reason=_reason(exc))) from None
    return tmp


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- collecting


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
    rule = _trust(trust)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError(t("exchange.bad_limit", value=_short(max_bytes)))
    if not where.exists():
        raise InputError(t("exchange.missing_folder", folder=where))
    if not where.is_dir():
        raise InputError(t("exchange.not_a_folder", folder=where))
    try:
        entries = sorted((e.name for e in os.scandir(where)), key=str)
    except OSError as exc:
        raise InputError(t("exchange.unreadable_folder", folder=where, reason=_reason(exc))) from None

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
            skip(entry, "unreadable", reason=_reason(exc))
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
            raw, info = _read_no_follow(path, max_bytes)
            data = _parse(raw)
        except _Unusable as exc:
            values: dict[str, Any] = {"reason": exc.reason}
            if exc.kind == "too_large":
                values = {"limit": limit_mb}
            elif exc.kind == "future":
                values = {"version": exc.extra.get("version"), "supported": VERSION}
            skip(entry, exc.kind, **values)
            continue
        owner = _owner_name(info.st_uid)
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
        raise InputError(t("exchange.copy_failed", folder=target, reason=_reason(exc))) from None
    _fsync_dir(target)
    return target
