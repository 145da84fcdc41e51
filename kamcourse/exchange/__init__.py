"""Hand in a workbook, and collect a folder of hand-ins: the exchange between trainees and trainer.

Taught in notebooks/00_start_here.ipynb (handing in) and trainer/guide.ipynb (collecting).

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

This package is the core the trainer's comparison views are built on; it uses no widgets. Its
parts: :mod:`.files` (names, folder, reading a file safely), :mod:`.handing_in` (:func:`submit`),
:mod:`.collecting` (:func:`collect`).
"""

from __future__ import annotations

from .collecting import Collection, Problem, Submission, collect
from .files import ENV_EXCHANGE, ENV_TRUST, MAX_BYTES, exchange_folder, safe_name
from .handing_in import Receipt, submit

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
