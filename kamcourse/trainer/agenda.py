"""Workshop agendas that stay true: built from the module map, the lessons and their exercises.

Taught in trainer/guide.ipynb. A format (half day, one day, two days) is described in
``content/trainer/agendas.yaml`` by its sessions (start and end of each block between breaks)
and its plan (which modules, where the groups' answers are compared). The minutes are read
from the course itself:

* a module's time from ``content/modules.yaml``;
* its group activity's time from the lesson's *For trainers* box (:mod:`.activities`);
* its exercise's time from the first cell of ``exercises/<lesson>.ipynb`` (the lesson's
  time is the module's minus the exercise's).

:func:`build` places the plan into the sessions in order (:mod:`.timetable`). A lesson or an exercise may run
over a break (in parts of at least ``min_part_minutes``); a group activity or a compare round
never does -- the session then ends with a buffer. When a day does not fit, the cuts of
``agendas.yaml`` are applied, in order, until it does; the cuts not needed are kept as the
trainer's reserve (:attr:`Agenda.reserve`). Every slot has a start and an end, and each day's
slots add up exactly to the day, breaks and buffers included.

>>> day = build("one_day")            # doctest: +SKIP
>>> day.fits, day.table().head(3)      # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import content, course
from ..content import t
from ..errors import ContentError, InputError
from . import activities
from .catalogue import title as exercise_title
from .timetable import Cut, Item, Slot, apply_cut, cut_order, cut_rules, make_cut, schedule

__all__ = ["Agenda", "Cut", "Slot", "build", "exercise_minutes", "formats"]

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_EXERCISE_TIME = re.compile(r"\*\*Time:\*\*\s*about\s+(\d{1,3})\s+minutes", re.IGNORECASE)
_MINUTES_NOTE = re.compile(r"\s*\((?:about\s+)?\d{1,3}\s*(?:minutes|minute|min)\b[^)]*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Agenda:
    """A workshop's plan: the slots, the cuts it needed, the cuts in reserve, and whether it fits."""

    format: str
    title: str
    slots: tuple[Slot, ...]
    applied: tuple[Cut, ...]
    reserve: tuple[Cut, ...]
    overflow: int

    @property
    def fits(self) -> bool:
        """True when every part of the plan has its place within the days' sessions."""
        return self.overflow == 0

    @property
    def days(self) -> int:
        """How many days the format has."""
        return max((s.day for s in self.slots), default=0)

    def minutes(self, kind: str | None = None) -> int:
        """Total minutes of the slots of ``kind`` (all slots when None)."""
        return sum(s.minutes for s in self.slots if kind is None or s.kind == kind)

    def table(self) -> Any:
        """The agenda as a :class:`pandas.DataFrame` (day, start, end, minutes, what, note)."""
        import pandas as pd

        rows = [
            {
                t("trainer.col_day"): s.day,
                t("trainer.col_start"): s.start,
                t("trainer.col_end"): s.end,
                t("trainer.col_minutes"): s.minutes,
                t("trainer.col_what"): s.title,
                t("trainer.col_note"): s.note,
            }
            for s in self.slots
        ]
        frame = pd.DataFrame(rows)
        if self.days == 1 and not frame.empty:
            frame = frame.drop(columns=[t("trainer.col_day")])
        return frame

    def cuts(self) -> Any:
        """What this agenda already cut to fit, then the reserve for a day that runs late, in order."""
        import pandas as pd

        rows = [
            {
                t("trainer.col_cut_status"): t("trainer.cut_applied" if applied else "trainer.cut_reserve"),
                t("trainer.col_day"): cut.day,
                t("trainer.col_minutes_saved"): cut.minutes,
                t("trainer.col_cut"): cut.text,
            }
            for applied, cuts in ((True, self.applied), (False, self.reserve))
            for cut in cuts
        ]
        frame = pd.DataFrame(rows)
        if self.days == 1 and not frame.empty:
            frame = frame.drop(columns=[t("trainer.col_day")])
        return frame

    def _repr_markdown_(self) -> str:
        lines = [f"**{self.title}**", ""]
        multi = self.days > 1
        header = [t("trainer.col_start"), t("trainer.col_end"), t("trainer.col_minutes"), t("trainer.col_what")]
        if multi:
            header.insert(0, t("trainer.col_day"))
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for s in self.slots:
            what = s.title + (f" *({s.note})*" if s.note else "")
            cells = [s.start, s.end, str(s.minutes), what]
            if multi:
                cells.insert(0, str(s.day))
            lines.append("| " + " | ".join(cells) + " |")
        if not self.fits:
            lines += ["", t("trainer.agenda_overflow", minutes=self.overflow)]
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading the plan


def _data() -> dict[str, Any]:
    data = content.load("trainer/agendas")
    if not isinstance(data, dict) or not isinstance(data.get("formats"), list):
        raise ContentError(t("trainer.agendas_bad", reason="it needs a list 'formats'"))
    return data


def _defaults(data: dict[str, Any]) -> dict[str, int]:
    values = data.get("defaults", {})
    result = {"activity_minutes": 15, "compare_minutes": 15, "min_part_minutes": 10}
    if isinstance(values, dict):
        for key, fallback in list(result.items()):
            value = values.get(key, fallback)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ContentError(t("trainer.agendas_bad", reason=f"defaults.{key} must be a positive whole number"))
            result[key] = value
    return result


def formats() -> list[str]:
    """The ids of the agenda formats (``"half_day"``, ``"one_day"``, ``"two_days"``)."""
    return [str(f.get("id")) for f in _data()["formats"] if isinstance(f, dict)]


def _minutes_of(text: str, where: str) -> int:
    match = _TIME.match(text) if isinstance(text, str) else None
    if not match:
        raise ContentError(t("trainer.agendas_bad", reason=f"{where}: {text!r} is not a time like '09:30'"))
    return int(match.group(1)) * 60 + int(match.group(2))


def _sessions(day: dict[str, Any], where: str) -> list[tuple[int, int]]:
    raw = day.get("sessions")
    if not isinstance(raw, list) or not raw:
        raise ContentError(t("trainer.agendas_bad", reason=f"{where} needs a list of sessions"))
    result: list[tuple[int, int]] = []
    for pair in raw:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ContentError(t("trainer.agendas_bad", reason=f"{where}: a session is [start, end], not {pair!r}"))
        start, end = _minutes_of(pair[0], where), _minutes_of(pair[1], where)
        if end <= start or (result and start < result[-1][1]):
            reason = f"{where}: sessions must run forward in time ({pair!r})"
            raise ContentError(t("trainer.agendas_bad", reason=reason))
        result.append((start, end))
    return result


def exercise_minutes(lesson: str, root: Path | None = None) -> int | None:
    """The time the exercise of ``lesson`` states in its first cell, or None if there is none."""
    path = (root if root is not None else course.ROOT) / "exercises" / f"{lesson}.ipynb"
    if not path.is_file():
        return None
    cells = activities.read_cells(path)
    if not cells:
        return None
    source = cells[0].get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    match = _EXERCISE_TIME.search(text)
    return int(match.group(1)) if match else None


def _items(
    plan: Any,
    where: str,
    modules: dict[str, dict[str, Any]],
    boxes: dict[str, tuple[activities.TrainerBox, ...]],
    defaults: dict[str, int],
    root: Path,
    *,
    first_day: bool,
    last_day: bool,
) -> list[Item]:
    if not isinstance(plan, list) or not plan:
        raise ContentError(t("trainer.agendas_bad", reason=f"{where} needs a plan"))
    items: list[Item] = []
    last_module: str | None = None
    for step in plan:
        if not isinstance(step, dict) or len(step) != 1:
            raise ContentError(t("trainer.agendas_bad", reason=f"{where}: a plan step is one key, not {step!r}"))
        ((key, value),) = step.items()
        if key in ("opening", "closing"):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ContentError(t("trainer.agendas_bad", reason=f"{where}: {key} needs minutes, not {value!r}"))
            edge = first_day if key == "opening" else last_day
            name = {
                ("opening", True): "opening",
                ("opening", False): "recap",
                ("closing", True): "closing",
                ("closing", False): "day_review",
            }[(key, edge)]
            items.append(Item(key, t(f"trainer.slot_{name}"), value))
        elif key == "module":
            number = str(value)
            if number not in modules:
                raise ContentError(t("trainer.agendas_bad", reason=f"{where}: module {value!r} is not in modules.yaml"))
            items += _module_items(modules[number], boxes.get(number), defaults, root)
            last_module = number
        elif key == "compare":
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise ContentError(t("trainer.agendas_bad", reason=f"{where}: compare needs a list of exercise ids"))
            titles = "; ".join(exercise_title(v) for v in value)
            items.append(
                Item(
                    "compare", t("trainer.slot_compare", titles=titles), defaults["compare_minutes"], module=last_module
                )
            )
        else:
            raise ContentError(t("trainer.agendas_bad", reason=f"{where}: unknown plan step {key!r}"))
    return items


def _module_items(
    entry: dict[str, Any], boxes: tuple[activities.TrainerBox, ...] | None, defaults: dict[str, int], root: Path
) -> list[Item]:
    number, title, total = str(entry["number"]), str(entry["title"]), int(entry["minutes"])
    lesson = str(entry["lesson"])
    present = boxes is not None
    exercise = exercise_minutes(lesson, root)
    if exercise is not None and not 0 < exercise < total:
        exercise = None
    note = "" if present else t("trainer.note_coming")
    items: list[Item] = []
    if exercise is None:
        items.append(
            Item("lesson", t("trainer.slot_lesson_and_exercise", number=number, title=title), total, number, True, note)
        )
    else:
        items.append(
            Item("lesson", t("trainer.slot_lesson", number=number, title=title), total - exercise, number, True, note)
        )
    if not boxes:
        items.append(
            Item(
                "activity",
                t("trainer.slot_activity_none", number=number),
                defaults["activity_minutes"],
                number,
                False,
                t("trainer.note_time_assumed"),
            )
        )
    for box in boxes or ():
        minutes = box.minutes if box.minutes else defaults["activity_minutes"]
        title = _MINUTES_NOTE.sub("", box.title).strip(" ,;:")
        named = bool(title) and title.lower() != t("trainer.box_untitled")
        text = (
            t("trainer.slot_activity", number=number, title=title)
            if named
            else t("trainer.slot_activity_plain", number=number)
        )
        items.append(
            Item("activity", text, minutes, number, False, "" if box.minutes else t("trainer.note_time_assumed"))
        )
    if exercise is not None:
        items.append(Item("exercise", t("trainer.slot_exercise", number=number), exercise, number, True))
    return items


def build(format_id: str, *, root: Path | None = None) -> Agenda:
    """The agenda of ``format_id`` (see :func:`formats`) for the course in ``root`` (default: this one).

    Raises :class:`InputError` for an unknown format, :class:`ContentError` when
    ``agendas.yaml`` or ``modules.yaml`` is malformed.
    """
    data = _data()
    known = formats()
    if not isinstance(format_id, str) or format_id not in known:
        raise InputError(t("trainer.unknown_format", value=repr(format_id)[:60], known=", ".join(known)))
    spec = next(f for f in data["formats"] if isinstance(f, dict) and f.get("id") == format_id)
    folder = root if root is not None else course.ROOT
    defaults = _defaults(data)
    rules = cut_rules(data)
    modules = {str(m["number"]): m for m in course.modules()}
    boxes = activities.course_boxes(folder)
    days = spec.get("days")
    if not isinstance(days, list) or not days:
        raise ContentError(t("trainer.agendas_bad", reason=f"format {format_id} needs a list of days"))
    slots: list[Slot] = []
    applied: list[Cut] = []
    reserve: list[Cut] = []
    overflow = 0
    for number, day in enumerate(days, start=1):
        where = f"{format_id}, day {number}"
        if not isinstance(day, dict):
            raise ContentError(t("trainer.agendas_bad", reason=f"{where} must be a mapping"))
        sessions = _sessions(day, where)
        items = _items(
            day.get("plan"),
            where,
            modules,
            boxes,
            defaults,
            folder,
            first_day=number == 1,
            last_day=number == len(days),
        )
        day_slots, left = schedule(items, sessions, number, defaults["min_part_minutes"])
        pending = cut_order(items, rules)
        while left > 0 and pending:
            rule, module = pending.pop(0)
            cut = make_cut(items, rule, module, number)
            if cut is None:
                continue
            apply_cut(items, cut, rule)
            applied.append(cut)
            day_slots, left = schedule(items, sessions, number, defaults["min_part_minutes"])
        reserve += [c for c in (make_cut(items, rule, module, number) for rule, module in pending) if c is not None]
        slots += day_slots
        overflow += left
    try:
        title = t(f"trainer.format_{format_id}")
    except ContentError:  # a format a trainer added to agendas.yaml, with its own title or none
        title = str(spec.get("title", format_id))
    return Agenda(format_id, title, tuple(slots), tuple(applied), tuple(reserve), overflow)
