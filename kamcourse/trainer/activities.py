"""The lessons' *For trainers* boxes: each lesson's group activity, gathered for the trainer.

Taught in trainer/guide.ipynb. A box is a Markdown blockquote in a lesson whose first line
starts with ``**For trainers``, for example::

    > **For trainers — group activity (15 minutes).** Give each group five cards ...

The bold opening names the activity and, in brackets, its time in minutes; the agenda
(:mod:`kamcourse.trainer.agenda`) uses that time, so a lesson's box and the day's plan never
disagree. A box without a time is kept, with ``minutes=None``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import course
from ..content import t
from ..errors import ContentError

__all__ = ["Activities", "TrainerBox", "boxes", "boxes_in_cells", "course_activities", "course_boxes", "read_cells"]

_OPENING = re.compile(r"^\*\*For trainers\b(?P<title>[^*]*)\*\*\s*(?P<rest>.*)$", re.DOTALL)
_MINUTES = re.compile(r"\((?:about\s+)?(\d{1,3})\s*(?:minutes|minute|min)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TrainerBox:
    """One *For trainers* box: its lesson, activity title, time in minutes (or None) and text."""

    lesson: str
    title: str
    minutes: int | None
    text: str

    @property
    def module(self) -> str:
        """The module number, the lesson's first two characters (``"03"``)."""
        return self.lesson[:2]

    def _repr_markdown_(self) -> str:
        return "> " + self.text.replace("\n", "\n> ")


def read_cells(path: Path) -> list[dict[str, Any]]:
    """The cells of the notebook at ``path``; :class:`ContentError` naming it when unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError(t("trainer.notebook_unreadable", path=path, reason=exc)) from None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise ContentError(t("trainer.notebook_unreadable", path=path, reason="no list of cells"))
    return cells


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _quote_runs(text: str) -> list[str]:
    """The blockquotes of a Markdown text, each with its ``>`` markers removed."""
    runs: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(">"):
            body = stripped[1:]
            body = body.removeprefix(" ")
            if current is None:
                current = []
                runs.append(current)
            current.append(body)
        else:
            current = None
    return ["\n".join(run).strip() for run in runs]


def boxes_in_cells(cells: list[dict[str, Any]], lesson: str) -> tuple[TrainerBox, ...]:
    """The *For trainers* boxes found in the Markdown ``cells`` of ``lesson``."""
    found = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        for quote in _quote_runs(_source(cell)):
            match = _OPENING.match(quote)
            if not match:
                continue
            title = match.group("title").strip().lstrip("—–-:").strip().rstrip(".:").strip()
            minutes = _MINUTES.search(title)
            found.append(
                TrainerBox(
                    lesson=lesson,
                    title=title or t("trainer.box_untitled"),
                    minutes=int(minutes.group(1)) if minutes else None,
                    text=quote,
                )
            )
    return tuple(found)


def boxes(path: str | Path) -> tuple[TrainerBox, ...]:
    """The *For trainers* boxes of the lesson notebook at ``path``, in order."""
    where = Path(path)
    return boxes_in_cells(read_cells(where), where.stem)


def course_boxes(root: Path | None = None) -> dict[str, tuple[TrainerBox, ...]]:
    """Module number -> its lesson's boxes, for every module whose lesson exists in ``root``."""
    folder = (root if root is not None else course.ROOT) / "notebooks"
    result: dict[str, tuple[TrainerBox, ...]] = {}
    for entry in course.modules():
        path = folder / f"{entry['lesson']}.ipynb"
        if path.is_file():
            result[str(entry["number"])] = boxes(path)
    return result


class Activities(tuple[TrainerBox, ...]):
    """The boxes of the whole course, in module order; shows as Markdown, one section per lesson."""

    def table(self) -> Any:
        """One row per activity: module, lesson, activity, minutes."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    t("trainer.col_module"): box.module,
                    t("trainer.col_lesson"): box.lesson,
                    t("trainer.col_activity"): box.title,
                    t("trainer.col_minutes"): box.minutes if box.minutes is not None else "?",
                }
                for box in self
            ]
        )

    def _repr_markdown_(self) -> str:
        parts = []
        for box in self:
            parts.append(f"**{box.lesson}**\n\n" + box._repr_markdown_())
        return "\n\n".join(parts) if parts else t("trainer.no_boxes")


def course_activities(root: Path | None = None) -> Activities:
    """Every *For trainers* box of the course's lessons, in module order."""
    return Activities(box for boxes_ in course_boxes(root).values() for box in boxes_)
