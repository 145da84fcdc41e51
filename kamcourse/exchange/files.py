"""The exchange's files: safe names, the folder, who a file belongs to, and reading a hand-in safely.

Used by :mod:`kamcourse.exchange` (the rules are described there).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

from ..content import t
from ..errors import InputError
from ..values import short_repr
from ..workbook import FORMAT, VERSION

__all__ = [
    "ENV_EXCHANGE",
    "ENV_TRUST",
    "MAX_BYTES",
    "SUBMISSION_MODE",
    "TAG_SEPARATOR",
    "ProblemKind",
    "Trust",
    "Unusable",
    "exchange_folder",
    "fsync_dir",
    "login_name",
    "owner_name",
    "parse",
    "read_no_follow",
    "os_reason",
    "safe_name",
    "trust_rule",
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
    "not_json",
    "not_file",
    "unreadable",
    "too_large",
    "damaged",
    "foreign",
    "future",
    "bad_name",
    "not_owner",
    "unknown_owner",
    "older",
    "not_in_folder",
]


# --------------------------------------------------------------------------- names and folders


def safe_name(name: Any) -> str:
    """Return ``name`` stripped when it is a safe submitter name, else raise InputError.

    Allowed: 1 to 64 letters (a-z, A-Z), digits, ``-``, ``_`` or ``.``, starting with a letter
    or a digit, without ``..`` -- so it is one plain file name on every system.
    """
    if not isinstance(name, str):
        raise InputError(t("exchange.bad_name", value=short_repr(name, 60)))
    text = name.strip()
    if not _NAME.fullmatch(text) or ".." in text or text.endswith("."):
        raise InputError(t("exchange.bad_name", value=short_repr(name, 60)))
    return text


def exchange_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The exchange folder: ``folder`` if given, else ``$KAMCOURSE_EXCHANGE``; InputError if neither."""
    if folder is None:
        env = os.environ.get(ENV_EXCHANGE, "").strip()
        if not env:
            raise InputError(t("exchange.no_folder"))
        folder = env
    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip() or "\x00" in str(folder):
        raise InputError(t("exchange.bad_folder", value=short_repr(folder, 60)))
    return Path(folder).expanduser()


def trust_rule(trust: Any) -> Trust:
    """The rule for who a file counts for: ``trust``, else ``$KAMCOURSE_EXCHANGE_TRUST``, else ``"name"``."""
    if trust is None:
        trust = os.environ.get(ENV_TRUST, "").strip() or "name"
    if trust == "owner":
        return "owner"
    if trust == "name":
        return "name"
    if trust == "folder":
        return "folder"
    raise InputError(t("exchange.bad_trust", value=short_repr(trust, 60)))


def login_name() -> str:
    """The name of the account running this process (the hub's trainee)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # pragma: no cover - Windows, or a uid without an entry
        import getpass

        return getpass.getuser()


def owner_name(uid: int) -> str | None:
    """The account name of ``uid``, or None when the system does not know it."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return None


def os_reason(exc: OSError) -> str:
    """The system's words for why a file operation failed."""
    return exc.strerror or type(exc).__name__


# --------------------------------------------------------------------------- checking a workbook


class Unusable(Exception):
    """A file that is not a sound workbook: ``kind`` is a ProblemKind, ``reason`` words."""

    def __init__(self, kind: ProblemKind, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.kind: ProblemKind = kind
        self.reason = reason
        self.extra = extra


def parse(raw: bytes) -> dict[str, Any]:
    """The workbook in ``raw``, or raise Unusable saying why it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Unusable("damaged", t("exchange.reason_not_utf8")) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise Unusable("damaged", t("exchange.reason_not_json", detail=detail)) from None
    if not isinstance(data, dict):
        raise Unusable("foreign", t("exchange.reason_not_object", kind=_json_kind(data)))
    if data.get("format") != FORMAT:
        raise Unusable("foreign", t("exchange.reason_no_marker"))
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Unusable("damaged", t("exchange.reason_bad_version", version=short_repr(version, 60)))
    if version > VERSION:
        raise Unusable("future", "", version=version)
    exercises = data.get("exercises")
    if not isinstance(exercises, dict) or not all(isinstance(v, dict) for v in exercises.values()):
        raise Unusable("damaged", t("exchange.reason_bad_part", part="exercises"))
    state = data.setdefault("state", {})
    if not isinstance(state, dict):
        raise Unusable("damaged", t("exchange.reason_bad_part", part="state"))
    return data


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return "number" if isinstance(value, (int, float)) else type(value).__name__


def read_no_follow(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """Read a regular file without following a link or blocking on a device/FIFO; never writes.

    Raises Unusable (not_file, too_large, unreadable).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.EISDIR):
            raise Unusable("not_file", "") from None
        raise Unusable("unreadable", os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable("not_file", "")
        if info.st_size > limit:
            raise Unusable("too_large", "")
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while being read
                raise Unusable("too_large", "")
            chunks.append(chunk)
        return b"".join(chunks), info
    except OSError as exc:
        raise Unusable("unreadable", os_reason(exc)) from None
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (ignored where a folder cannot be synced)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
