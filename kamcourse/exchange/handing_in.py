"""Handing in: a trainee's workbook copied, whole and atomically, into the exchange folder.

Used by :mod:`kamcourse.exchange` (the rules are described there).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..workbook import VERSION, default_path
from .files import (
    MAX_BYTES,
    SUBMISSION_MODE,
    TAG_SEPARATOR,
    Unusable,
    exchange_folder,
    fsync_dir,
    login_name,
    os_reason,
    parse,
    read_no_follow,
    safe_name,
)

__all__ = ["Receipt", "submit"]


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
            "name": self.path.name,
            "folder": self.path.parent,
            "size": max(1, round(self.size / 1024)),
            "time": self.time.astimezone().strftime("%H:%M"),
            "wanted": f"{self.wanted}.json",
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
    who = safe_name(login_name() if name is None else name)
    source = default_path() if workbook is None else Path(workbook).expanduser()
    try:
        raw, _ = read_no_follow(source, MAX_BYTES)
    except Unusable as exc:
        if exc.kind == "unreadable" and not source.exists():
            raise InputError(t("exchange.no_workbook", path=source)) from None
        reason = {
            "too_large": t("exchange.too_large", limit=MAX_BYTES // (1024 * 1024)),
            "not_file": t("exchange.problem_not_file", file=source.name),
        }.get(exc.kind, exc.reason)
        raise InputError(t("exchange.workbook_unusable", path=source, reason=reason)) from None
    try:
        parse(raw)
    except Unusable as exc:
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
                raise InputError(t("exchange.read_only_folder", folder=folder, reason=os_reason(exc))) from None
            # The name belongs to someone else (sticky drop folder) or is a folder: a tagged name.
            target = folder / f"{who}{TAG_SEPARATOR}{secrets.token_hex(3)}.json"
            try:
                os.replace(tmp, target)
            except OSError as again:
                raise InputError(t("exchange.read_only_folder", folder=folder, reason=os_reason(again))) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)
    return Receipt(path=target, name=target.stem, wanted=who, time=datetime.now(UTC), size=len(raw))


def _write_hidden(folder: Path, raw: bytes) -> Path:
    """Write ``raw`` to a new hidden file in ``folder`` (mode 0640, synced); InputError if refused."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    tmp = folder / f".submit-{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, flags, SUBMISSION_MODE)
    except OSError as exc:
        raise InputError(t("exchange.read_only_folder", folder=folder, reason=os_reason(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), SUBMISSION_MODE)  # whatever the umask
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(t("exchange.read_only_folder", folder=folder, reason=os_reason(exc))) from None
    return tmp
