"""An answer cut into facets, its parts, and how far the groups agree on each.

Used by :mod:`kamcourse.trainer.compare` (taught in trainer/guide.ipynb).

Each answer is cut into *facets*: a number (``605``), a choice (``"Star"``), a list of choices
(a top five) or a free text; a mapping gives one facet per key (``weights / Size of wallet``).
Numbers written as text (``"120"``) count as numbers. :func:`cut` cuts the answers of every
group at once and reports, in words, a part that does not fit its facet.

**Agreement.** For a choice, the share of groups giving the most common answer; for a list,
the mean overlap (Jaccard) of each group's list with the items most groups chose; for a
number, one minus the spread of the middle 80% of the groups (10th to 90th percentile)
relative to the largest number of the exercise. 1 means all groups agree. Free text has no
measure: read it side by side. These measures are the course's own.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content import t
from ..inputs import norm, parse_number
from ..values import short_repr

__all__ = [
    "MAX_FACETS",
    "MAX_SHOWN",
    "SEP",
    "Facet",
    "agreement_row",
    "as_number",
    "cut",
    "display",
    "natural_key",
]

TEXT_FROM = 60  # a text this long (or with a line break) is free text, not a choice
MAX_DEPTH = 3  # deeper parts of an answer are shown as text
MAX_FACETS = 200  # an answer with more parts than this is cut (and reported)
MAX_LIST = 100  # a list longer than this is shown as text
MAX_SHOWN = 400  # characters of a free text shown in a table cell
SEP = " / "


# --------------------------------------------------------------------------- the parts of an answer


def as_number(value: Any) -> float | None:
    """``value`` as a finite float when it is a number or a number written as text (read by
    :func:`kamcourse.inputs.parse_number`; an ambiguous ``"1,234"`` is not a number), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        return parse_number(value)  # kamcourse.inputs: "1 234,5" is 1234.5 here as in the exercise
    return None


def _compact(value: Any) -> str:
    """A short, readable text for a part of an answer that is shown, not counted."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        return short_repr(value, 200)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _choice_text(value: Any) -> str:
    if isinstance(value, bool):
        return t("trainer.answer_yes") if value else t("trainer.answer_no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def natural_key(text: str) -> list[Any]:
    """A sort key that puts "group 2" before "group 10" and ignores case."""
    return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text)]


def _leaves(value: Any, path: tuple[str, ...], out: dict[tuple[str, ...], Any], depth: int) -> bool:
    """Flatten ``value`` into ``out`` (path -> leaf); False when it had to be cut."""
    if len(out) >= MAX_FACETS:
        return False
    if isinstance(value, Mapping):
        if depth >= MAX_DEPTH:
            out[path] = ("__text__", _compact(value))
            return True
        whole = True
        for key in sorted(value, key=lambda k: natural_key(str(k))):
            whole = _leaves(value[key], path + (str(key),), out, depth + 1) and whole
        return whole
    if isinstance(value, (list, tuple)):
        if len(value) <= MAX_LIST and all(_scalar(v) and (not isinstance(v, float) or math.isfinite(v)) for v in value):
            out[path] = tuple(_choice_text(v) for v in value if v is not None and _choice_text(v))
        else:
            out[path] = ("__text__", _compact(value))
        return True
    out[path] = value
    return True


def _kind(leaf: Any) -> str:
    """The kind of one leaf: number, numeric (text that reads as a number), choice, text, list, missing."""
    if leaf is None:
        return "missing"
    if isinstance(leaf, tuple):
        if len(leaf) == 2 and leaf[0] == "__text__":
            return "text"
        return "list" if leaf else "missing"
    if isinstance(leaf, bool):
        return "choice"
    if isinstance(leaf, (int, float)):
        return "number" if as_number(leaf) is not None else "bad_number"
    if isinstance(leaf, str):
        if not leaf.strip():
            return "missing"
        if as_number(leaf) is not None:
            return "numeric"
        return "text" if len(leaf) >= TEXT_FROM or "\n" in leaf.strip() else "choice"
    return "text"


# --------------------------------------------------------------------------- facets


@dataclass(frozen=True)
class Facet:
    """One part of an exercise's answer, compared across groups.

    ``key`` names it (``"weights / Size of wallet"``, ``""`` for a whole answer), ``kind`` is
    ``"number"``, ``"choice"``, ``"list"`` or ``"text"``, and ``values`` maps each group that
    gave a usable value to it (a float, a text, or a tuple of texts).
    """

    key: str
    kind: str
    values: Mapping[str, Any]
    name: str = ""

    @property
    def label(self) -> str:
        """The facet's name for tables and charts: the item's text where the course has one
        (``"Corbett Snacks"`` for ``corbett``), else its key; ``"answer"`` for a whole answer."""
        return self.name or self.key or t("trainer.whole_answer")

    def options(self) -> list[tuple[str, int]]:
        """(option, count) pairs of a choice or list facet, most frequent first; a list facet
        counts the groups that chose each item. Options differing only in case and spacing
        are one option, shown in the form most groups wrote."""
        display: dict[str, Counter[str]] = {}
        counts: Counter[str] = Counter()
        for value in self.values.values():
            items = set(value) if self.kind == "list" else {value}
            for item in items:
                key = norm(item)
                counts[key] += 1
                display.setdefault(key, Counter())[str(item)] += 1
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))
        # the form most groups wrote; on a tie, a capitalised form ("Strategic" over "strategic")
        return [(min(display[k].items(), key=lambda kv: (-kv[1], kv[0].islower(), kv[0]))[0], n) for k, n in ordered]


def cut(
    answers: Mapping[str, Any], problems: list[str], names: Mapping[str, str] | None = None
) -> tuple[tuple[Facet, ...], float]:
    """Cut each group's answer (group -> answer, answered groups only) into facets.

    Returns the facets in natural order and the largest number of the exercise (the scale of
    :func:`agreement_row`); a part that does not fit its facet, or an answer with more than
    :data:`MAX_FACETS` parts, is appended to ``problems`` in words. ``names`` gives the course's
    names of the parts (item id -> text).
    """
    leaves: dict[str, dict[tuple[str, ...], Any]] = {}
    order: dict[tuple[str, ...], None] = {}
    for group, answer in answers.items():
        found: dict[tuple[str, ...], Any] = {}
        if not _leaves(answer, (), found, 0):
            problems.append(t("trainer.problem_too_many_parts", group=group, limit=MAX_FACETS))
        leaves[group] = found
        for path in found:
            order.setdefault(path, None)
    paths = sorted(order, key=lambda p: [natural_key(part) for part in p]) if len(order) > 1 else list(order)
    facets = []
    scale = 0.0
    for path in paths:
        name = SEP.join(path)
        kinds = {g: _kind(found.get(path)) for g, found in leaves.items()}
        present = {g: k for g, k in kinds.items() if k != "missing"}
        if not present:
            continue
        tally = Counter("number" if k == "numeric" else k for k in present.values())
        kind = _facet_kind(tally)
        values: dict[str, Any] = {}
        for group, leaf_kind in present.items():
            leaf = leaves[group][path]
            value = _convert(leaf, leaf_kind, kind)
            if value is None:
                shown_leaf = leaf[1] if isinstance(leaf, tuple) and leaf[:1] == ("__text__",) else leaf
                problems.append(
                    t(
                        "trainer.problem_shape",
                        group=group,
                        part=name or t("trainer.whole_answer"),
                        value=short_repr(shown_leaf, 60),
                        kind=t(f"trainer.kind_{kind}"),
                    )
                )
                continue
            values[group] = value
        if kind == "number" and values:
            scale = max(scale, max(abs(v) for v in values.values()))
        shown = SEP.join(names.get(part, part) for part in path) if names and any(p in names for p in path) else ""
        facets.append(Facet(name, kind, values, shown))
    return tuple(facets), scale


def _facet_kind(tally: Counter[str]) -> str:
    if tally.get("list", 0) * 2 > sum(tally.values()):
        return "list"
    if tally.get("text", 0):
        return "text"
    numbers = tally.get("number", 0) + tally.get("bad_number", 0)
    if numbers and numbers >= tally.get("choice", 0):
        return "number"
    return "choice"


def _convert(leaf: Any, leaf_kind: str, kind: str) -> Any:
    """``leaf`` as a value of a facet of ``kind``, or None when it does not fit."""
    if kind == "number":
        return as_number(leaf) if leaf_kind in ("number", "numeric") else None
    if kind == "list":
        return leaf if leaf_kind == "list" else None
    if kind == "choice":
        return _choice_text(leaf) if leaf_kind in ("choice", "number", "numeric") else None
    # text: everything reads as text
    if isinstance(leaf, tuple):
        return leaf[1] if leaf[:1] == ("__text__",) and len(leaf) == 2 else ", ".join(leaf)
    if leaf_kind == "bad_number":
        return None
    return _choice_text(leaf) if not isinstance(leaf, str) else leaf.strip()


# --------------------------------------------------------------------------- showing and measuring


def display(value: Any, kind: str, max_chars: int = MAX_SHOWN) -> str:
    """A facet's value as the text of a table cell, cut to ``max_chars`` characters."""
    if value is None:
        return ""
    if kind == "number":
        number = float(value)
        text = f"{number:g}" if abs(number) < 1e15 else f"{number:.6g}"
    elif isinstance(value, tuple):
        text = ", ".join(value)
    else:
        text = str(value)
    return text if len(text) <= max_chars else text[: max_chars - 1] + "\u2026"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def agreement_row(facet: Facet, scale: float) -> tuple[Any, ...]:
    """(label, kind, answers, consensus, agreement, spread) of one facet; ``scale`` is the
    largest number of the exercise (the spread of numbers is measured against it)."""
    n = len(facet.values)
    if n == 0:
        return (facet.label, facet.kind, 0, "", math.nan, math.nan)
    if facet.kind == "number":
        values = [float(v) for v in facet.values.values()]
        spread = _percentile(values, 0.9) - _percentile(values, 0.1)
        agreement = max(0.0, 1.0 - spread / scale) if scale > 0 else 1.0
        return (facet.label, "number", n, f"{_percentile(values, 0.5):g}", agreement, spread)
    if facet.kind == "choice":
        counts = facet.options()
        top = counts[0][1]
        modes = [o for o, c in counts if c == top]
        return (facet.label, "choice", n, " | ".join(modes[:3]), top / n, math.nan)
    if facet.kind == "list":
        counts = facet.options()
        consensus = {o.casefold() for o, c in counts if c * 2 >= n}
        overlaps = []
        for value in facet.values.values():
            mine = {" ".join(str(v).split()).casefold() for v in value}
            union = mine | consensus
            overlaps.append(len(mine & consensus) / len(union) if union else 1.0)
        shown = [o for o, c in counts if c * 2 >= n]
        return (facet.label, "list", n, ", ".join(shown), sum(overlaps) / n, math.nan)
    return (facet.label, "text", n, "", math.nan, math.nan)
