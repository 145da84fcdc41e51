"""The course's exercises as the trainer's tools see them: their order, titles and the names of their parts.

Used by :mod:`kamcourse.trainer.compare` and :mod:`kamcourse.trainer.sample` (taught in trainer/guide.ipynb).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import course
from ..errors import InputError
from .facets import natural_key

__all__ = ["exercise_order", "part_names", "title"]


def title(exercise_id: str) -> str:
    """The exercise's title from the course content (its id when the course does not know it)."""
    from .. import checks

    try:
        return checks.exercise(exercise_id).title
    except InputError:
        return exercise_id


def part_names(exercise_id: str) -> dict[str, str]:
    """Names the course gives to the parts of an exercise's answer: item id -> text.

    Read from the exercise's content: items with an ``id`` and a ``text`` (the 3x3 placement),
    the statements of the quick relationship check, the customers of the cases to diagnose.
    Empty for an exercise the course does not know.
    """
    from .. import checks

    try:
        item = checks.exercise(exercise_id)
    except InputError:
        return {}
    names: dict[str, str] = {}
    for value in item.key.values():
        if isinstance(value, list):
            for entry in value:
                if not isinstance(entry, Mapping):
                    continue
                if isinstance(entry.get("id"), str) and isinstance(entry.get("text"), str):
                    names[entry["id"]] = entry["text"]
    if item.kind == "relationships.quick_check":
        from .. import relationships

        names.update({s.id: s.short or s.text for s in relationships.STATEMENTS})
    elif item.kind == "relationships.diagnose":
        from .. import relationships

        for case_id in item.key.get("cases", []):
            try:
                names[str(case_id)] = relationships.case(str(case_id)).customer
            except InputError:
                continue
    return names


def exercise_order(ids: Any, *, root: Path | None = None) -> list[str]:
    """``ids`` in the course's order: by the module whose notebooks use them, then as in content."""
    from .. import checks

    wanted = sorted({i for i in ids if isinstance(i, str)}, key=natural_key)
    groups = sorted({i.split(".", 1)[0] for i in wanted})
    module_of = _group_modules(groups, root)
    rank: dict[str, tuple[int, int]] = {}
    for group in groups:
        try:
            items = checks.exercises(group)
        except InputError:
            continue
        for position, item in enumerate(items):
            rank[item.id] = (module_of.get(group, 999), position)
    return sorted(wanted, key=lambda i: (*rank.get(i, (1000, 0)), natural_key(i)))


def _group_modules(groups: list[str], root: Path | None) -> dict[str, int]:
    """Exercise group (``"sel"``) -> index of the first module whose notebooks mention it."""
    folder = root if root is not None else course.ROOT
    result: dict[str, int] = {}
    for index, entry in enumerate(course.modules()):
        for sub in ("exercises", "notebooks"):
            path = folder / sub / f"{entry['lesson']}.ipynb"
            if not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for group in groups:
                if group not in result and f'\\"{group}.' in text:
                    result[group] = index
    return result
