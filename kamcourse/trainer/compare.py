"""The groups' answers side by side: who answered, how it went, where they agree and diverge.

Taught in ``trainer/guide.ipynb``. The input is a plain mapping *submitter -> workbook dict*
(the layout documented in :mod:`kamcourse.workbook`), for example
``kam.exchange.collect(folder).workbooks`` or :func:`kamcourse.trainer.sample.room`::

    room = compare(workbooks)                       # or compare(workbooks, anonymise=True)
    room.overview()                                 # every exercise: answered, correct, ...
    ex = room.exercise("sel.weights")
    ex.status_table()                               # each group: status, tries, hints
    ex.side_by_side()                               # the answers, one column per group
    ex.numbers(); ex.choices(); ex.agreement()      # spread, distribution, agreement

Each answer is cut into *facets*, its parts: a number (``605``), a choice (``"Star"``), a
list of choices (a top five) or a free text; a mapping gives one facet per key
(``weights / Size of wallet``). Numbers written as text (``"120"``) count as numbers.

Nothing a workbook holds makes this module raise: a workbook that is not one, comes from a
newer course, or holds an answer of an unexpected shape is reported in words
(:attr:`Comparison.problems`, :attr:`ExerciseComparison.problems`) and left out where it
cannot be used. Only a wrong *argument* (not a mapping, an unknown exercise) raises
:class:`~kamcourse.errors.InputError`.

**Agreement.** For a choice, the share of groups giving the most common answer; for a list,
the mean overlap (Jaccard) of each group's list with the items most groups chose; for a
number, one minus the spread of the middle 80% of the groups (10th to 90th percentile)
relative to the largest number of the exercise. 1 means all groups agree. Free text has no
measure: read it side by side. These measures are the course's own.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import course
from ..content import t
from ..errors import InputError

__all__ = [
    "STATUSES",
    "Comparison",
    "ExerciseComparison",
    "Facet",
    "compare",
    "exercise_order",
    "part_names",
]

#: Statuses in the order tables list them; "saved" is answered but not checked.
STATUSES = ("correct", "partial", "incorrect", "invalid", "saved", "not_answered")
FORMAT = "kamcourse-workbook"
VERSION = 1
TEXT_FROM = 60  # a text this long (or with a line break) is free text, not a choice
MAX_DEPTH = 3  # deeper parts of an answer are shown as text
MAX_FACETS = 200  # an answer with more parts than this is cut (and reported)
MAX_LIST = 100  # a list longer than this is shown as text
MAX_SHOWN = 400  # characters of a free text shown in a table cell
SEP = " / "
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


# --------------------------------------------------------------------------- values


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _as_number(value: Any) -> float | None:
    """``value`` as a finite float when it is a number or a number written as text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if not _NUMBER.match(text):
            return None
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _compact(value: Any) -> str:
    """A short, readable text for a part of an answer that is shown, not counted."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        return _short(value, 200)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _choice_text(value: Any) -> str:
    if isinstance(value, bool):
        return t("trainer.answer_yes") if value else t("trainer.answer_no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _natural(text: str) -> list[Any]:
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
        for key in sorted(value, key=lambda k: _natural(str(k))):
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
        return "number" if _as_number(leaf) is not None else "bad_number"
    if isinstance(leaf, str):
        if not leaf.strip():
            return "missing"
        if _as_number(leaf) is not None:
            return "numeric"
        return "text" if len(leaf) >= TEXT_FROM or "\n" in leaf.strip() else "choice"
    return "text"


# --------------------------------------------------------------------------- results


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


@dataclass(frozen=True)
class _Entry:
    status: str
    attempts: int
    hints: int
    updated: str
    answer: Any
    answered: bool


class ExerciseComparison:
    """Every group's answer to one exercise, with the status, spread and agreement views."""

    def __init__(self, exercise_id: str, title: str, groups: tuple[str, ...], entries: Mapping[str, _Entry],
                 facets: tuple[Facet, ...], problems: tuple[str, ...], scale: float) -> None:
        self.exercise_id = exercise_id
        self.title = title
        self.groups = groups
        self.entries = dict(entries)
        self.facets = facets
        self.problems = problems
        self.scale = scale

    def __repr__(self) -> str:
        return f"ExerciseComparison({self.exercise_id!r}, groups={len(self.groups)}, answered={self.answered})"

    @property
    def answered(self) -> int:
        """How many groups gave an answer (checked or not)."""
        return sum(1 for e in self.entries.values() if e.answered)

    def statuses(self) -> dict[str, str]:
        """Group -> status code (one of :data:`STATUSES`)."""
        return {g: self.entries[g].status for g in self.groups}

    def counts(self) -> dict[str, int]:
        """Status code -> how many groups are in it (every status listed, zeros included)."""
        found = Counter(e.status for e in self.entries.values())
        return {s: found.get(s, 0) for s in STATUSES}

    def status_table(self) -> Any:
        """One row per group: status in words, tries, hints seen, last saved."""
        import pandas as pd

        rows = [
            {
                t("trainer.col_group"): g,
                t("trainer.col_status"): t(f"checks.label_{self.entries[g].status}"),
                t("trainer.col_tries"): self.entries[g].attempts,
                t("trainer.col_hints"): self.entries[g].hints,
                t("trainer.col_updated"): self.entries[g].updated,
            }
            for g in self.groups
        ]
        return pd.DataFrame(rows).set_index(t("trainer.col_group")) if rows else pd.DataFrame()

    def side_by_side(self, *, max_chars: int = MAX_SHOWN) -> Any:
        """The answers as texts: one row per facet, one column per group ("" where none)."""
        import pandas as pd

        data: dict[str, list[str]] = {}
        for group in self.groups:
            column = []
            for facet in self.facets:
                column.append(_display(facet.values.get(group), facet.kind, max_chars))
            data[group] = column
        frame = pd.DataFrame(data, index=pd.Index([f.label for f in self.facets], name=t("trainer.col_part")))
        return frame

    def numbers(self) -> Any:
        """Long table of the number facets: facet, group, value."""
        import pandas as pd

        rows = [
            (facet.label, group, float(value))
            for facet in self.facets if facet.kind == "number"
            for group, value in facet.values.items()
        ]
        return pd.DataFrame(rows, columns=["facet", "group", "value"])

    def choices(self) -> Any:
        """Distribution of choices (and of list items): facet, option, count, share of answers."""
        import pandas as pd

        rows = []
        for facet in self.facets:
            if facet.kind not in ("choice", "list") or not facet.values:
                continue
            counts = _option_counts(facet)
            total = len(facet.values)
            for option, count in counts:
                rows.append((facet.label, option, count, count / total))
        return pd.DataFrame(rows, columns=["facet", "option", "count", "share"])

    def agreement(self) -> Any:
        """One row per facet, the most divergent first: kind, answers, consensus, agreement, spread.

        ``agreement`` runs from 0 to 1 (1: all groups agree; see the module's docstring);
        free-text facets come last, with no measure.
        """
        import pandas as pd

        rows = [_agreement_row(f, self.scale) for f in self.facets]
        frame = pd.DataFrame(rows, columns=["facet", "kind", "answers", "consensus", "agreement", "spread"])
        if frame.empty:
            return frame
        frame["_text"] = frame["kind"] == "text"
        frame = frame.sort_values(["_text", "agreement"], ascending=[True, True], kind="stable", na_position="last")
        return frame.drop(columns="_text").reset_index(drop=True)

    def values_of(self, facet: str) -> dict[str, Any]:
        """Group -> value of the facet named ``facet``; InputError naming the facets if unknown."""
        for item in self.facets:
            if facet in (item.key, item.label):
                return dict(item.values)
        raise InputError(t("trainer.unknown_facet", value=_short(facet), known=", ".join(f.label for f in self.facets)))


def _display(value: Any, kind: str, max_chars: int) -> str:
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


def _option_counts(facet: Facet) -> list[tuple[str, int]]:
    """(option, count) pairs, most frequent first; list facets count groups per item."""
    display: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    for value in facet.values.values():
        items = set(value) if facet.kind == "list" else {value}
        for item in items:
            key = " ".join(str(item).split()).casefold()
            counts[key] += 1
            display.setdefault(key, Counter())[str(item)] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], _natural(kv[0])))
    # the form most groups wrote; on a tie, a capitalised form ("Strategic" over "strategic")
    return [(min(display[k].items(), key=lambda kv: (-kv[1], kv[0].islower(), kv[0]))[0], n) for k, n in ordered]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _agreement_row(facet: Facet, scale: float) -> tuple[Any, ...]:
    n = len(facet.values)
    if n == 0:
        return (facet.label, facet.kind, 0, "", math.nan, math.nan)
    if facet.kind == "number":
        values = [float(v) for v in facet.values.values()]
        spread = _percentile(values, 0.9) - _percentile(values, 0.1)
        agreement = max(0.0, 1.0 - spread / scale) if scale > 0 else 1.0
        return (facet.label, "number", n, f"{_percentile(values, 0.5):g}", agreement, spread)
    if facet.kind == "choice":
        counts = _option_counts(facet)
        top = counts[0][1]
        modes = [o for o, c in counts if c == top]
        return (facet.label, "choice", n, " | ".join(modes[:3]), top / n, math.nan)
    if facet.kind == "list":
        counts = _option_counts(facet)
        consensus = {o.casefold() for o, c in counts if c * 2 >= n}
        overlaps = []
        for value in facet.values.values():
            mine = {" ".join(str(v).split()).casefold() for v in value}
            union = mine | consensus
            overlaps.append(len(mine & consensus) / len(union) if union else 1.0)
        shown = [o for o, c in counts if c * 2 >= n]
        return (facet.label, "list", n, ", ".join(shown), sum(overlaps) / n, math.nan)
    return (facet.label, "text", n, "", math.nan, math.nan)


# --------------------------------------------------------------------------- the room


class Comparison:
    """A room of workbooks (submitter -> workbook), ready to compare exercise by exercise.

    Build it with :func:`compare`. ``groups`` are the labels shown (the submitters' names, or
    Group A, B, C... when anonymised); :meth:`key` gives the trainer the real names.
    """

    def __init__(self, workbooks: Mapping[str, dict[str, Any]], labels: Mapping[str, str], problems: list[str],
                 anonymous: bool, root: Path | None = None) -> None:
        self._books = dict(workbooks)  # label -> workbook
        self._names = dict(labels)  # label -> submitter
        self.groups: tuple[str, ...] = tuple(self._books)
        self.anonymous = anonymous
        self.problems: tuple[str, ...] = tuple(problems)
        self._root = root
        self._cache: dict[str, ExerciseComparison] = {}

    def __repr__(self) -> str:
        return f"Comparison(groups={len(self.groups)}, exercises={len(self.exercises())}, problems={len(self.problems)})"

    def __len__(self) -> int:
        return len(self.groups)

    def key(self) -> dict[str, str]:
        """Label shown -> submitter (the same when not anonymised): the trainer's key."""
        return dict(self._names)

    def exercises(self) -> list[str]:
        """The ids of the exercises any group answered, in the course's order."""
        found: set[str] = set()
        for book in self._books.values():
            found.update(book["exercises"])
        return exercise_order(found, root=self._root)

    def title(self, exercise_id: str) -> str:
        """The exercise's title from the course content (its id when the course does not know it)."""
        from .. import checks

        try:
            return checks.exercise(exercise_id).title
        except InputError:
            return exercise_id

    def overview(self) -> Any:
        """One row per exercise: title, groups that answered, and how many are in each status."""
        import pandas as pd

        rows = []
        for exercise_id in self.exercises():
            counts = self._entries(exercise_id)[1]
            answered = sum(1 for e in counts.values() if e.answered)
            row: dict[str, Any] = {
                t("trainer.col_exercise"): exercise_id,
                t("trainer.col_title"): self.title(exercise_id),
                t("trainer.col_answered"): f"{answered}/{len(self.groups)}",
            }
            tally = Counter(e.status for e in counts.values())
            for status in STATUSES:
                row[t(f"checks.label_{status}")] = tally.get(status, 0)
            rows.append(row)
        return pd.DataFrame(rows)

    def _entries(self, exercise_id: str) -> tuple[list[str], dict[str, _Entry]]:
        problems: list[str] = []
        entries = {}
        for group, book in self._books.items():
            record = book["exercises"].get(exercise_id)
            entries[group] = _entry(group, exercise_id, record, problems)
        return problems, entries

    def exercise(self, exercise_id: str) -> ExerciseComparison:
        """The comparison of one exercise; InputError when no group has it and the course does not know it."""
        if not isinstance(exercise_id, str) or not exercise_id.strip():
            raise InputError(t("trainer.bad_exercise", value=_short(exercise_id), known=", ".join(self.exercises())))
        exercise_id = exercise_id.strip()
        if exercise_id in self._cache:
            return self._cache[exercise_id]
        if exercise_id not in self.exercises() and self.title(exercise_id) == exercise_id:
            raise InputError(t("trainer.bad_exercise", value=_short(exercise_id), known=", ".join(self.exercises())))
        problems, entries = self._entries(exercise_id)
        facets, scale = _facets(entries, problems, part_names(exercise_id))
        result = ExerciseComparison(exercise_id, self.title(exercise_id), self.groups, entries, facets,
                                    tuple(problems), scale)
        self._cache[exercise_id] = result
        return result

    def anonymised(self, *, seed: int | None = None) -> Comparison:
        """The same room with groups shown as Group A, B, C... in a shuffled order (``seed`` fixes it)."""
        return compare({self._names[g]: self._books[g] for g in self.groups}, anonymise=True, seed=seed,
                       root=self._root)

    def state(self, key: str) -> dict[str, Any]:
        """Group -> the value a lesson widget saved under ``key`` (groups without it left out)."""
        if not isinstance(key, str) or not key.strip():
            raise InputError(t("trainer.bad_state_key", value=_short(key)))
        return {g: book["state"][key] for g, book in self._books.items() if key in book["state"]}

    def calibration(self) -> Any:
        """Lesson 03's calibration on the groups' own ratings of the case accounts.

        Each group that changed at least one rating in lesson 03's ratings grid counts as a
        rater: its ratings are the case's with its changes. Returns
        :class:`kamcourse.selection.Calibration` (``disagreements``, ``by_criterion``...);
        InputError when fewer than two groups changed a rating.
        """
        from .. import selection

        base = selection.case_portfolio().ratings.astype(float)
        team = {}
        for group, saved in self.state("sel.ratings_grid").items():
            if not isinstance(saved, Mapping):
                continue
            frame = base.copy()
            changed = False
            for account, row in saved.items():
                if account not in frame.index or not isinstance(row, Mapping):
                    continue
                for criterion, value in row.items():
                    number = _as_number(value) if not isinstance(value, str) else None
                    if criterion in frame.columns and number is not None and 0 <= number <= 10:
                        frame.loc[account, criterion] = number
                        changed = True
            if changed:
                team[group] = frame
        if len(team) < 2:
            raise InputError(t("trainer.calibration_too_few", count=len(team)))
        return selection.calibrate(team)


def _entry(group: str, exercise_id: str, record: Any, problems: list[str]) -> _Entry:
    if record is None:
        return _Entry("not_answered", 0, 0, "", None, False)
    if not isinstance(record, Mapping):
        problems.append(t("trainer.problem_record", group=group, exercise=exercise_id))
        return _Entry("not_answered", 0, 0, "", None, False)
    attempts = record.get("attempts", [])
    if not isinstance(attempts, list):
        problems.append(t("trainer.problem_attempts", group=group, exercise=exercise_id))
        attempts = []
    answer = record.get("answer")
    from ..checks import is_unanswered

    answered = "answer" in record and not is_unanswered(answer)
    status = "saved" if answered else "not_answered"
    last = attempts[-1] if attempts and isinstance(attempts[-1], Mapping) else None
    if last is not None:
        code = last.get("status")
        if code in STATUSES:
            status = str(code)
        else:
            problems.append(t("trainer.problem_status", group=group, exercise=exercise_id, value=_short(code)))
    hints = record.get("hints_shown", 0)
    hints = hints if isinstance(hints, int) and not isinstance(hints, bool) and hints >= 0 else 0
    updated = record.get("updated", "")
    return _Entry(status, len(attempts), hints, updated if isinstance(updated, str) else "", answer, answered)


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
                if isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and isinstance(entry.get("text"), str):
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


def _facets(entries: Mapping[str, _Entry], problems: list[str],
            names: Mapping[str, str] | None = None) -> tuple[tuple[Facet, ...], float]:
    leaves: dict[str, dict[tuple[str, ...], Any]] = {}
    order: dict[tuple[str, ...], None] = {}
    for group, entry in entries.items():
        if not entry.answered:
            continue
        found: dict[tuple[str, ...], Any] = {}
        if not _leaves(entry.answer, (), found, 0):
            problems.append(t("trainer.problem_too_many_parts", group=group, limit=MAX_FACETS))
        leaves[group] = found
        for path in found:
            order.setdefault(path, None)
    paths = sorted(order, key=lambda p: [_natural(part) for part in p]) if len(order) > 1 else list(order)
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
                problems.append(t("trainer.problem_shape", group=group, part=name or t("trainer.whole_answer"),
                                  value=_short(leaf[1] if isinstance(leaf, tuple) and leaf[:1] == ("__text__",)
                                               else leaf), kind=t(f"trainer.kind_{kind}")))
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
        return _as_number(leaf) if leaf_kind in ("number", "numeric") else None
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


# --------------------------------------------------------------------------- building


def _labels(count: int) -> list[str]:
    letters = []
    for index in range(count):
        name, n = "", index
        while True:
            name = chr(ord("A") + n % 26) + name
            n = n // 26 - 1
            if n < 0:
                break
        letters.append(t("trainer.anonymous_group", letter=name))
    return letters


def compare(workbooks: Any, *, anonymise: bool = False, seed: int | None = None, root: Path | None = None) -> Comparison:
    """Get a room of workbooks ready to compare.

    Parameters
    ----------
    workbooks:
        A mapping submitter -> workbook dict (``collect(folder).workbooks``). Entries that are
        not workbooks, or come from a newer version of the course, are left out and reported
        in :attr:`Comparison.problems`.
    anonymise:
        Show the groups as Group A, B, C... in a shuffled order, for projecting to the room;
        :meth:`Comparison.key` gives the real names. ``seed`` makes the order repeatable.

    Raises :class:`InputError` when ``workbooks`` is not a mapping.
    """
    if not isinstance(workbooks, Mapping):
        raise InputError(t("trainer.bad_workbooks", type=type(workbooks).__name__))
    if not isinstance(anonymise, bool):
        raise InputError(t("trainer.bad_flag", name="anonymise", value=_short(anonymise)))
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InputError(t("trainer.bad_flag", name="seed", value=_short(seed)))
    problems: list[str] = []
    accepted: dict[str, dict[str, Any]] = {}
    for name, book in workbooks.items():
        if not isinstance(name, str) or not name.strip():
            problems.append(t("trainer.problem_name", value=_short(name)))
            continue
        label = name.strip()
        reason = _not_a_workbook(book)
        if reason:
            problems.append(t("trainer.problem_workbook", group=label, reason=reason))
            continue
        if label in accepted:
            problems.append(t("trainer.problem_duplicate", group=label))
            continue
        exercises = {k: v for k, v in book["exercises"].items() if isinstance(k, str)}
        state = book.get("state", {})
        accepted[label] = {"exercises": exercises, "state": state if isinstance(state, Mapping) else {}}
    names = sorted(accepted, key=_natural)
    if anonymise:
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        labels = dict(zip(_labels(len(shuffled)), shuffled))
    else:
        labels = {n: n for n in names}
    return Comparison({label: accepted[name] for label, name in labels.items()}, labels, problems, anonymise, root)


def _not_a_workbook(book: Any) -> str:
    """Why ``book`` cannot be compared, in words; "" when it can."""
    if not isinstance(book, Mapping):
        return t("trainer.reason_not_mapping", type=type(book).__name__)
    if "format" in book and book.get("format") != FORMAT:
        return t("trainer.reason_foreign")
    version = book.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        return t("trainer.reason_bad_version", value=_short(version))
    if version > VERSION:
        return t("trainer.reason_future", version=version, supported=VERSION)
    if not isinstance(book.get("exercises"), Mapping):
        return t("trainer.reason_no_exercises")
    return ""


def exercise_order(ids: Any, *, root: Path | None = None) -> list[str]:
    """``ids`` in the course's order: by the module whose notebooks use them, then as in content."""
    from .. import checks

    wanted = sorted({i for i in ids if isinstance(i, str)}, key=_natural)
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
    return sorted(wanted, key=lambda i: (*rank.get(i, (1000, 0)), _natural(i)))


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
