"""One execution per notebook per test run: ``kamcourse.testing.run_notebook`` with a cache.

The root ``conftest.py`` puts :func:`run_notebook` in place of ``kamcourse.testing.run_notebook``
before any test module is imported, so every test that runs a notebook - and
tests/test_notebook_runs.py, which runs each notebook of notebooks/, solutions/, exercises/ and
trainer/ once as nbval did - shares one execution per distinct input:

* the input is the notebook's content, the workbook file's content before the run (none, for a
  fresh workbook; not its name or folder), the ``env`` given and this process's ``KAMCOURSE_*``
  variables;
* the output is the executed notebook (each caller gets its own copy) and the files the run
  wrote or changed next to the workbook (the workbook, its backup, exports): a cached run writes
  them again into the caller's folder, so a test reading its workbook after the run sees what a
  real run would have left there.

A run that raises is not cached: each caller sees the error of a run of its own.
``KAMCOURSE_COUNT_RUNS=<file>`` appends a line ``called <notebook>`` per call and
``executed <notebook>`` per real execution to ``file`` (``sort <file> | uniq -c`` counts them).
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import kamcourse.testing

ROOT = Path(__file__).resolve().parent.parent
#: The real runner (kamcourse/testing.py), kept before the root conftest.py replaces it.
execute: Callable[..., Any] = kamcourse.testing.run_notebook

_runs: dict[tuple[object, ...], tuple[Any, dict[str, bytes]]] = {}
_locks: dict[tuple[object, ...], threading.Lock] = {}
_guard = threading.Lock()
#: Stands for the workbook's own file name in the files a run wrote (wb.json, wb.json.bak, ...):
#: the same run serves callers whose workbook files have different names.
_WORKBOOK = "\0workbook"


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _count(path: Path, what: str) -> None:
    target = os.environ.get("KAMCOURSE_COUNT_RUNS")
    if target:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        with open(target, "a", encoding="utf-8") as f:
            f.write(f"{what} {name}\n")


def run_notebook(
    path: str | os.PathLike[str],
    *,
    workbook: str | os.PathLike[str],
    timeout: int = 180,
    env: Mapping[str, str] | None = None,
) -> Any:
    """:func:`kamcourse.testing.run_notebook`, executed once per distinct input in this test run."""
    notebook, book = Path(path).resolve(), Path(workbook)
    before = book.read_bytes() if book.is_file() else None
    ours = sorted((k, v) for k, v in os.environ.items() if k.startswith("KAMCOURSE_") and k != "KAMCOURSE_WORKBOOK")
    given = sorted((env or {}).items())
    key = (str(notebook), _digest(notebook.read_bytes()), _digest(before), tuple(given), tuple(ours))
    _count(notebook, "called")
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        if key not in _runs:
            folder_before = _files(book.parent)
            _count(notebook, "executed")
            nb = execute(notebook, workbook=book, timeout=timeout, env=env)
            written = {
                _WORKBOOK + name.removeprefix(book.name) if name.startswith(book.name) else name: data
                for name, data in _files(book.parent).items()
                if folder_before.get(name) != data
            }
            _runs[key] = (copy.deepcopy(nb), written)
            return nb
        nb, written = _runs[key]
        for name, data in written.items():
            target = book.parent / (book.name + name.removeprefix(_WORKBOOK) if name.startswith(_WORKBOOK) else name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return copy.deepcopy(nb)
