"""A clean room for a workshop: JupyterLab without distractions, and workbooks reset between workshops.

Taught in trainer/guide.ipynb.

**Settings.** ``kamcourse/content/jupyterlab/overrides.json`` holds the JupyterLab settings the
course ships: no pop-up asking to subscribe to Jupyter news, no update check, no extension
manager (trainees cannot install extensions mid-workshop), autosave on. :func:`install_settings`
merges them into ``<prefix>/share/jupyter/lab/settings/overrides.json`` of an environment
(JupyterLab reads that file at start; a trainee's own changes in *Settings* still win). The
Makefile runs it for the course's ``.venv``; a hub installs it into the hub's user environment
the same way::

    python -m kamcourse.trainer.cleanroom settings [--prefix /opt/kamcourse-env]

**Reset.** :func:`archive_and_reset` puts every workbook of a workshop -- the course's ``work/``
folder (``workbook.json``, the groups' ``group-3.json``..., their ``.bak`` and ``.corrupt-*``
copies) and the hand-ins of an exchange folder -- into one zip archive, checks that the archive
reads back byte for byte, and only then removes the files. Without ``confirm`` it only says what
it would do. Other files are left alone::

    python -m kamcourse.trainer.cleanroom reset [--exchange DIR] [--archive DIR] [--yes]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import course
from ..content import CONTENT_DIR, t
from ..errors import InputError

__all__ = ["Plan", "Report", "archive_and_reset", "find_workbooks", "install_settings", "main", "settings_file"]

FORMAT = "kamcourse-workbook"
MAX_BYTES = 20 * 1024 * 1024  # a file larger than this is not a workbook


def settings_file() -> Path:
    """The JupyterLab settings the course ships (an ``overrides.json``)."""
    return CONTENT_DIR / "jupyterlab" / "overrides.json"


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def install_settings(prefix: str | os.PathLike[str] | None = None) -> Path:
    """Merge the course's settings into ``<prefix>/share/jupyter/lab/settings/overrides.json``.

    ``prefix`` defaults to the running Python's environment (``sys.prefix``). Settings already
    in that file for other plugins are kept; the course's keys replace theirs. The file is
    written atomically. Returns its path; InputError when it cannot be written or the existing
    file is not JSON (it is then left as it is).
    """
    base = Path(prefix if prefix is not None else sys.prefix).expanduser()
    target = base / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    ours = _read_json(settings_file())
    merged: dict[str, Any] = {}
    if target.exists():
        try:
            existing = _read_json(target)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(t("trainer.settings_unreadable", path=target, reason=exc)) from None
        if not isinstance(existing, dict):
            raise InputError(t("trainer.settings_unreadable", path=target, reason="not a JSON object"))
        merged.update(existing)
    for plugin, values in ours.items():
        current = merged.get(plugin)
        merged[plugin] = {**current, **values} if isinstance(current, dict) else dict(values)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".overrides.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(merged, handle, indent=2, sort_keys=True)
            handle.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(t("trainer.settings_unwritable", path=target, reason=exc.strerror or exc)) from None
    return target


# --------------------------------------------------------------------------- finding workbooks


def _is_workbook(path: Path) -> bool:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return False
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT


def _belongs(path: Path, workbooks: set[str]) -> bool:
    """A backup or moved-aside copy of one of ``workbooks`` (``x.json.bak``, ``x.json.corrupt-...``)."""
    name = path.name
    for base in workbooks:
        if name == f"{base}.bak" or name.startswith(f"{base}.corrupt-"):
            return True
    return False


@dataclass(frozen=True)
class Plan:
    """What a reset would archive: the workbook files found, by folder, and what was left alone."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]
    missing: tuple[Path, ...] = ()
    left: tuple[Path, ...] = ()

    @property
    def size(self) -> int:
        """Bytes of the files found."""
        total = 0
        for path in self.files:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        return total


def find_workbooks(folders: list[str | os.PathLike[str]]) -> Plan:
    """The workbooks in ``folders`` (not their subfolders), with their backups and damaged copies.

    A folder that does not exist is listed in :attr:`Plan.missing`; other files (notes, foreign
    JSON) in :attr:`Plan.left`.
    """
    files: list[Path] = []
    missing: list[Path] = []
    left: list[Path] = []
    seen: list[Path] = []
    for entry in folders:
        folder = Path(entry).expanduser()
        if folder in seen:
            continue
        seen.append(folder)
        if not folder.is_dir():
            missing.append(folder)
            continue
        try:
            entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        except OSError:
            missing.append(folder)
            continue
        books = {p.name for p in entries if p.suffix == ".json" and _is_workbook(p)}
        for path in entries:
            if path.name in books or (_belongs(path, books) and path.is_file() and not path.is_symlink()):
                files.append(path)
            elif path.is_file():
                left.append(path)
    return Plan(tuple(files), tuple(seen), tuple(missing), tuple(left))


# --------------------------------------------------------------------------- archive, check, remove


@dataclass(frozen=True)
class Report:
    """What :func:`archive_and_reset` did: the archive, the files archived and removed, and problems."""

    plan: Plan
    archive: Path | None
    removed: tuple[Path, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def done(self) -> bool:
        """True when an archive was written (and files removed)."""
        return self.archive is not None

    def text(self) -> str:
        """The report in words, one line per fact."""
        lines = []
        if self.archive is None:
            lines.append(t("trainer.reset_plan", count=len(self.plan.files), size=_size(self.plan.size)))
            lines += [f"  {p}" for p in self.plan.files]
            if self.plan.files:
                lines.append(t("trainer.reset_confirm"))
        else:
            lines.append(
                t("trainer.reset_done", count=len(self.plan.files), archive=self.archive, removed=len(self.removed))
            )
        lines += [t("trainer.reset_missing", folder=f) for f in self.plan.missing]
        if self.plan.left:
            lines.append(t("trainer.reset_left", count=len(self.plan.left)))
        lines += list(self.problems)
        return "\n".join(lines)

    __str__ = text


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / (1024 * 1024):.1f} MB"


def _member(path: Path, folders: tuple[Path, ...]) -> str:
    for index, folder in enumerate(folders):
        if path.parent == folder:
            return f"{index + 1}-{folder.name or 'root'}/{path.name}"
    return path.name


def archive_and_reset(
    folders: list[str | os.PathLike[str]] | None = None,
    *,
    archive: str | os.PathLike[str] | None = None,
    confirm: bool = False,
) -> Report:
    """Archive every workbook of ``folders`` into one zip, check it, then remove the files.

    ``folders`` defaults to the folder of the learner's workbook (the course's ``work/``) and,
    when ``$KAMCOURSE_EXCHANGE`` is set, the exchange folder. ``archive`` is the folder of the
    zip (default ``<course>/archive``, git-ignored); the zip is named after the date and time,
    mode 0600. Without ``confirm=True`` nothing is written or removed: the report says what
    would be. A file that cannot be removed (a read-only exchange folder) is reported and kept.
    Raises InputError when the archive cannot be written or does not read back -- nothing is
    removed then.
    """
    from .. import workbook

    if not isinstance(confirm, bool):
        raise InputError(t("trainer.bad_flag", name="confirm", value=repr(confirm)[:40]))
    if folders is None:
        folders = [workbook.default_path().parent]
        exchange = os.environ.get("KAMCOURSE_EXCHANGE", "").strip()
        if exchange:
            folders.append(exchange)
    if not isinstance(folders, (list, tuple)) or not all(isinstance(f, (str, os.PathLike)) for f in folders):
        raise InputError(t("trainer.reset_bad_folders", value=repr(folders)[:80]))
    plan = find_workbooks(list(folders))
    if not confirm or not plan.files:
        return Report(plan, None)
    where = Path(archive).expanduser() if archive is not None else course.ROOT / "archive"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = where / f"workshop-{stamp}.zip"
    contents = _write_archive(target, plan)
    removed, problems = [], []
    for path in plan.files:
        try:
            if path.read_bytes() != contents[path]:
                problems.append(t("trainer.reset_changed", path=path))
                continue
            path.unlink()
            removed.append(path)
        except OSError as exc:
            problems.append(t("trainer.reset_cannot_remove", path=path, reason=exc.strerror or exc))
    return Report(plan, target, tuple(removed), tuple(problems))


def _write_archive(target: Path, plan: Plan) -> dict[Path, bytes]:
    """Write and verify the zip; return each file's bytes as archived. InputError on any failure."""
    contents: dict[Path, bytes] = {}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in plan.files:
                data = path.read_bytes()
                contents[path] = data
                zipped.writestr(_member(path, plan.folders), data)
        with zipfile.ZipFile(target) as check:
            bad = check.testzip()
            if bad is not None:
                raise InputError(t("trainer.reset_archive_bad", archive=target, member=bad))
            for path, data in contents.items():
                info = check.getinfo(_member(path, plan.folders))
                if info.file_size != len(data) or info.CRC != zlib.crc32(data):
                    raise InputError(t("trainer.reset_archive_bad", archive=target, member=info.filename))
    except OSError as exc:
        raise InputError(t("trainer.reset_archive_unwritable", archive=target, reason=exc.strerror or exc)) from None
    return contents


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """``settings`` installs the JupyterLab settings; ``reset`` archives and resets the workbooks."""
    parser = argparse.ArgumentParser(
        prog="python -m kamcourse.trainer.cleanroom", description=t("trainer.cli_cleanroom")
    )
    sub = parser.add_subparsers(dest="command", required=True)
    settings = sub.add_parser("settings", help=t("trainer.cli_settings"))
    settings.add_argument("--prefix", default=None, help=t("trainer.cli_prefix"))
    reset = sub.add_parser("reset", help=t("trainer.cli_reset"))
    reset.add_argument("folders", nargs="*", help=t("trainer.cli_folders"))
    reset.add_argument("--exchange", default=None, help=t("trainer.cli_exchange"))
    reset.add_argument("--archive", default=None, help=t("trainer.cli_archive"))
    reset.add_argument("--yes", action="store_true", help=t("trainer.cli_yes"))
    args = parser.parse_args(argv)
    try:
        if args.command == "settings":
            print(t("trainer.settings_installed", path=install_settings(args.prefix)))
            return 0
        folders: list[str | os.PathLike[str]] | None = list(args.folders) or None
        if args.exchange:
            from .. import workbook

            folders = (folders or [workbook.default_path().parent]) + [args.exchange]
        report = archive_and_reset(folders, archive=args.archive, confirm=args.yes)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(report.text())
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
