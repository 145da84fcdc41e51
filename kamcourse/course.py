"""The course map: modules, time estimates, and which lessons are available yet.

Taught in notebooks/00_start_here.ipynb. The modules are listed in
``kamcourse/content/modules.yaml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import content
from .content import t
from .errors import ContentError

if TYPE_CHECKING:
    import pandas

__all__ = ["ROOT", "modules", "module_map"]

#: The course folder (holding ``notebooks/``, ``exercises/``, ``solutions/``).
ROOT = Path(__file__).resolve().parent.parent


def modules() -> list[dict[str, Any]]:
    """The modules in learning order, each ``{number, title, lesson, minutes}``."""
    data = content.load("modules")
    if not isinstance(data, list):
        raise ContentError(t("course.bad_modules"))
    for entry in data:
        minutes = entry.get("minutes") if isinstance(entry, dict) else None
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            raise ContentError(t("course.bad_minutes", entry=repr(entry)[:80]))
    return [dict(entry) for entry in data]


def module_map(root: Path | None = None) -> pandas.DataFrame:
    """The module map as a table: title, estimated minutes, and whether the lesson and its
    exercise are available in this copy of the course (``root``, default this checkout)."""
    import pandas as pd

    folder = root if root is not None else ROOT
    rows = []
    for entry in modules():
        lesson = folder / "notebooks" / f"{entry['lesson']}.ipynb"
        exercise = folder / "exercises" / f"{entry['lesson']}.ipynb"
        rows.append(
            {
                t("course.col_module"): entry["number"],
                t("course.col_title"): entry["title"],
                t("course.col_minutes"): entry["minutes"],
                t("course.col_lesson"): f"notebooks/{lesson.name}" if lesson.exists() else t("course.coming"),
                t("course.col_exercise"): f"exercises/{exercise.name}" if exercise.exists() else "-",
            }
        )
    return pd.DataFrame(rows).set_index(t("course.col_module"))
