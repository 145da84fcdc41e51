"""An agenda's timetable: timed items placed into a day's sessions, and the cuts that shorten a day.

Used by :mod:`kamcourse.trainer.agenda` (taught in trainer/guide.ipynb).

:func:`schedule` places items into sessions in order: a lesson or an exercise may run over a
break (in parts of at least ``min_part`` minutes); a group activity or a compare round never
does -- the session then ends with a buffer. :func:`cut_order`, :func:`make_cut` and
:func:`apply_cut` shorten a day by the cut rules of ``content/trainer/agendas.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..content import t
from ..errors import ContentError

__all__ = ["PARTS", "Cut", "Item", "Slot", "apply_cut", "clock", "cut_order", "cut_rules", "make_cut", "schedule"]

PARTS = ("lesson", "selfcheck", "activity", "exercise", "compare")
_LUNCH_FROM = 45  # a gap between two sessions this long or longer is lunch, shorter a break
_MIN_LEFT = 5  # a cut never leaves a part shorter than this (unless it removes it, share 1.0)


@dataclass(frozen=True)
class Slot:
    """One line of an agenda: day (from 1), start and end ("HH:MM"), minutes, kind, what, note."""

    day: int
    start: str
    end: str
    minutes: int
    kind: str
    title: str
    module: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Cut:
    """Something to drop when time runs short: which module and part, minutes saved, what to do."""

    day: int
    module: str
    part: str
    minutes: int
    text: str


@dataclass
class Item:
    """One timed part of a day's plan, before it is placed: a lesson, an activity, an exercise..."""

    kind: str
    title: str
    minutes: int
    module: str | None = None
    splittable: bool = False
    note: str = ""


def clock(minutes: int) -> str:
    """Minutes since midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --------------------------------------------------------------------------- cuts


def cut_rules(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules = data.get("cuts", [])
    if not isinstance(rules, list):
        raise ContentError(t("trainer.agendas_bad", reason="'cuts' must be a list"))
    for rule in rules:
        ok = isinstance(rule, dict) and rule.get("part") in PARTS and isinstance(rule.get("text"), str)
        amount = rule.get("minutes") if isinstance(rule, dict) else None
        share = rule.get("share") if isinstance(rule, dict) else None
        ok = ok and (
            (isinstance(amount, int) and not isinstance(amount, bool) and amount > 0)
            or (isinstance(share, (int, float)) and not isinstance(share, bool) and 0 < share <= 1)
        )
        if not ok:
            raise ContentError(
                t(
                    "trainer.agendas_bad",
                    reason=f"a cut needs part ({', '.join(PARTS)}), text, and minutes or a share in (0, 1]: {rule!r}",
                )
            )
    return rules


def _targets(items: list[Item], module: str, part: str) -> list[Item]:
    kind = "lesson" if part == "selfcheck" else part
    return [i for i in items if i.kind == kind and i.module == module and i.minutes > 0]


def _saving(item: Item, rule: dict[str, Any]) -> int:
    if "share" in rule:
        share = float(rule["share"])
        if share >= 1:
            return item.minutes
        saved = int(5 * round(item.minutes * share / 5))
    else:
        saved = int(rule["minutes"])
    return max(0, min(saved, item.minutes - _MIN_LEFT))


def cut_order(items: list[Item], rules: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Each rule for each module it applies to, in the order the cuts are to be made."""
    modules = []
    for item in items:
        if item.module is not None and item.module not in modules:
            modules.append(item.module)
    order = []
    for rule in rules:
        for module in [str(rule["module"])] if "module" in rule else modules:
            if module in modules:
                order.append((rule, module))
    return order


def make_cut(items: list[Item], rule: dict[str, Any], module: str, day: int) -> Cut | None:
    """The cut ``rule`` would make on ``module`` now, or None when it saves nothing."""
    saved = sum(_saving(i, rule) for i in _targets(items, module, str(rule["part"])))
    if saved <= 0:
        return None
    return Cut(day, module, str(rule["part"]), saved, str(rule["text"]).replace("{module}", module))


def _note(*parts: str) -> str:
    """Notes joined with "; ", each once."""
    seen: list[str] = []
    for part in parts:
        for piece in part.split("; "):
            if piece and piece not in seen:
                seen.append(piece)
    return "; ".join(seen)


def apply_cut(items: list[Item], cut: Cut, rule: dict[str, Any]) -> None:
    for item in _targets(items, cut.module, cut.part):
        item.minutes -= _saving(item, rule)
        item.note = _note(item.note, t("trainer.note_cut"))


# --------------------------------------------------------------------------- scheduling


def schedule(items: list[Item], sessions: list[tuple[int, int]], day: int, min_part: int) -> tuple[list[Slot], int]:
    queue = [replace(i) for i in items if i.minutes > 0]
    slots: list[Slot] = []
    for index, (start, end) in enumerate(sessions):
        now = start
        while queue:
            item = queue[0]
            left = end - now
            if item.minutes <= left:
                note = item.note
                slots.append(
                    Slot(
                        day,
                        clock(now),
                        clock(now + item.minutes),
                        item.minutes,
                        item.kind,
                        item.title,
                        item.module,
                        note,
                    )
                )
                now += item.minutes
                queue.pop(0)
            elif item.splittable and left >= min_part and item.minutes - left >= min_part:
                first_note = _note(item.note, t("trainer.note_continues"))
                slots.append(Slot(day, clock(now), clock(end), left, item.kind, item.title, item.module, first_note))
                item.minutes -= left
                item.note = _note(item.note, t("trainer.note_continued"))
                now = end
                break
            else:
                break
        if now < end:
            slots.append(Slot(day, clock(now), clock(end), end - now, "buffer", t("trainer.slot_buffer")))
        if index + 1 < len(sessions):
            gap = sessions[index + 1][0] - end
            kind = "lunch" if gap >= _LUNCH_FROM else "break"
            slots.append(Slot(day, clock(end), clock(sessions[index + 1][0]), gap, kind, t(f"trainer.slot_{kind}")))
    return slots, sum(i.minutes for i in queue)
