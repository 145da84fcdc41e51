"""The learner's saved work: one JSON file, written atomically, never silently lost.

Taught in notebooks/00_start_here.ipynb.

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

The package's parts: :mod:`.records` (the format, its limits, the check of every record),
:mod:`.storage` (the file: lock, atomic write, damaged files), :mod:`.book` (the
:class:`Workbook`); this module holds the session's choices (:func:`use`, :func:`scratch`,
:func:`reset`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import weakref
from pathlib import Path

from ..content import t
from ..errors import InputError
from ..values import short_repr
from .book import Workbook
from .records import FORMAT, MAX_ATTEMPTS_KEPT, VERSION, json_ready
from .storage import ENV_VAR, WorkbookError, WorkbookWarning, default_path

__all__ = [
    "ENV_VAR",
    "FORMAT",
    "MAX_ATTEMPTS_KEPT",
    "NAME_PATTERN",
    "VERSION",
    "Workbook",
    "WorkbookError",
    "WorkbookWarning",
    "default",
    "default_path",
    "json_ready",
    "location",
    "reset",
    "scratch",
    "use",
]

#: What :func:`use` accepts as a workbook name.
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


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
        raise InputError(t("workbook.bad_name", value=short_repr(name, 60)))
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
