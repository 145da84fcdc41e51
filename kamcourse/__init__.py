"""kamcourse: an interactive course and workbook on Key Account Management and Planning.

One import gives a notebook everything it needs::

    import kamcourse as kam
    kam.framework.table()                 # the 3x3 framework as a table
    kam.widgets.framework.grid()          # ... and as an interactive grid
    kam.check("kap.quiz.horizontal", "c") # feedback on an answer, saved to the workbook
    kam.hint("kap.placement")             # the next hint, one at a time

Submodules are imported on first use, so ``import kamcourse`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

from .checks import check, hint, progress
from .errors import InputError

__version__ = "0.1.0"
__all__ = ["check", "hint", "progress", "InputError", "__version__"]

_SUBMODULES = {
    "build",
    "checks",
    "content",
    "course",
    "errors",
    "exchange",
    "framework",
    "fundamentals",
    "io",
    "organising",
    "planning",
    "plots",
    "portfolio",
    "relationships",
    "selection",
    "testing",
    "trainer",
    "widgets",
    "workbook",
}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kamcourse' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES)
