"""The trainer's toolkit: run a workshop day, compare the groups' answers, present, print.

Taught in trainer/guide.ipynb (the facilitator guide). The parts, each a plain module
with no widgets (the views are :mod:`kamcourse.widgets.trainer` and
:mod:`kamcourse.plots.trainer`):

* :mod:`~kamcourse.trainer.activities` -- the lessons' *For trainers* boxes (group activities);
* :mod:`~kamcourse.trainer.agenda` -- half-day, one-day and two-day agendas built from the
  module map (``content/modules.yaml``) and the boxes, with what to cut when time runs short;
* :mod:`~kamcourse.trainer.compare` -- the groups' answers side by side, exercise by exercise:
  who answered, status, spread of numbers, distribution of choices, agreement (answers cut into
  parts in :mod:`~kamcourse.trainer.facets`; the exercises' order and names in
  :mod:`~kamcourse.trainer.catalogue`);
* :mod:`~kamcourse.trainer.sample` -- a practice room of generated workbooks (rehearsal, tests);
* :mod:`~kamcourse.trainer.slides` -- slide metadata for presenting a lesson with RISE
  (``python -m kamcourse.trainer.slides``);
* :mod:`~kamcourse.trainer.handouts` and :mod:`~kamcourse.trainer.worksheets` -- printable
  lessons (HTML, PDF) and blank worksheets (DOCX, XLSX, PDF) (``make handouts``);
* :mod:`~kamcourse.trainer.cleanroom` -- JupyterLab settings for a workshop without
  distractions, and archiving and resetting every workbook between two workshops;
* :mod:`~kamcourse.trainer.adapt` -- the case's data files, and one check after editing them.

Submodules import on first use (``kam.trainer.compare``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "activities",
    "adapt",
    "agenda",
    "catalogue",
    "cleanroom",
    "compare",
    "facets",
    "handouts",
    "sample",
    "slides",
    "worksheets",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kamcourse.trainer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
