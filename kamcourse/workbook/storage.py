"""The workbook's file on disk: where it lives, its lock, atomic writes, damaged files moved aside.

Used by :mod:`kamcourse.workbook` (the guarantees are described there).

Every write goes to a temporary file in the same folder, is flushed and ``fsync``-ed, and
replaces the workbook with :func:`os.replace`; the previous version is copied to
``<name>.bak`` first. Writers hold an exclusive ``fcntl.flock`` on ``.<name>.lock`` beside the
workbook (never deleted) for the whole read-modify-write. Failures of the file system raise
:class:`WorkbookError` naming the path; damaged content raises :class:`Unusable`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from .records import FORMAT

try:  # POSIX (Linux, macOS, the hub); on Windows a single learner writes without a lock
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms the course is tested on
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "ENV_VAR",
    "LOCK_TIMEOUT",
    "Unusable",
    "WorkbookError",
    "WorkbookWarning",
    "backup_path",
    "default_path",
    "locked",
    "lock_path",
    "move_aside",
    "read_file",
    "write",
]

ENV_VAR = "KAMCOURSE_WORKBOOK"
#: How long a save waits for another writer to finish before it gives up, in seconds.
LOCK_TIMEOUT = 30.0
_COURSE_ROOT = Path(__file__).resolve().parent.parent.parent


class WorkbookWarning(UserWarning):
    """The workbook file had a problem that was handled without losing work (e.g. moved aside)."""


class WorkbookError(InputError):
    """The workbook file cannot be read or written; the message names the path and the reason."""


class Unusable(ValueError):
    """The file's content is damaged (not JSON, not a workbook): it is moved aside."""


class _Bad(ValueError):
    """A value in the file that JSON allows but the workbook does not (NaN, Infinity)."""


def _no_constants(name: str) -> Any:
    raise _Bad(name)


def default_path() -> Path:
    """The workbook path: ``$KAMCOURSE_WORKBOOK`` or ``<course>/work/workbook.json``."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    if (_COURSE_ROOT / "pyproject.toml").is_file():
        return _COURSE_ROOT / "work" / "workbook.json"
    return Path.home() / ".kamcourse" / "workbook.json"


def backup_path(path: Path) -> Path:
    """Where the previous version of the workbook at ``path`` is kept."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    """The lock file writers of ``path`` hold while they read, change and write it."""
    return path.with_name(f".{path.name}.lock")


# --------------------------------------------------------------------------- reading
def read_file(path: Path) -> dict[str, Any] | None:
    """Parse ``path``: None when it does not exist, :class:`Unusable` when its content is
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
        raise Unusable(t("workbook.reason_constant", value=str(exc))) from None
    except RecursionError:
        raise Unusable(t("workbook.reason_deep")) from None
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, an integer of 5000 digits
        raise Unusable(str(exc)[:200]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Unusable(t("workbook.reason_not_workbook"))
    return data


def move_aside(path: Path) -> Path:
    """Rename a damaged ``path`` to ``<name>.corrupt-<time>`` and return the new path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, target)
    except OSError as exc:
        raise WorkbookError(t("workbook.unreadable", path=path, reason=exc.strerror or exc)) from None
    return target


# --------------------------------------------------------------------------- writing
@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of the workbook at ``path`` (an exclusive flock on ``.<name>.lock`` beside it)."""
    if path.is_dir():
        raise WorkbookError(t("workbook.is_folder", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(t("workbook.not_saved", path=path, reason=exc.strerror or exc)) from None
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        try:  # a lock file that exists in a folder we may not write to
            fd = os.open(lock_path(path), os.O_RDONLY)
        except OSError:
            raise WorkbookError(t("workbook.not_saved", path=path, reason=exc.strerror or exc)) from None
    try:
        _acquire(fd, path)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WorkbookError(t("workbook.busy", path=path, seconds=LOCK_TIMEOUT)) from None
            time.sleep(0.005)
        except OSError as exc:  # a file system without locks: write unlocked, as before
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                return
            raise WorkbookError(t("workbook.not_saved", path=path, reason=exc.strerror or exc)) from None


def write(path: Path, data: dict[str, Any], *, keep_backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; keep the current file as the backup first (lock held).

    A failure of the file system (read-only folder, full disk) raises :class:`WorkbookError`
    naming the path; the previous file is left as it was.
    """
    try:
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:  # cannot happen for validated data; never write half of it
        raise InputError(t("workbook.not_serialisable", item=path.name, value="-", reason=exc)) from None
    if _read_only(path):
        raise WorkbookError(t("workbook.read_only", path=path))
    try:
        _remove_leftovers(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkbookError(t("workbook.not_saved", path=path, reason=exc.strerror or exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _copy_to_backup(path)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise WorkbookError(t("workbook.not_saved", path=path, reason=exc.strerror or exc)) from None
        raise
    _fsync_dir(path.parent)


def _read_only(path: Path) -> bool:
    """True when the workbook file exists and nobody may write it (``chmod a-w``): a file a
    trainer froze is not replaced behind its back (even by root, who may replace anything)."""
    try:
        return path.stat().st_mode & 0o222 == 0
    except OSError:
        return False


def _remove_leftovers(path: Path) -> None:
    """Remove temporary files of this workbook left by a writer that was killed (lock held,
    so no live writer owns one)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.(?:tmp|baktmp)")
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _copy_to_backup(path: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".baktmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(path.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
