"""The groups' answers side by side: who answered, how it went, where they agree and diverge.

Taught in trainer/guide.ipynb. The input is a plain mapping *submitter -> workbook dict*
(the layout documented in :mod:`kamcourse.workbook`), for example
``kam.exchange.collect(folder).workbooks`` or :func:`kamcourse.trainer.sample.room`::

    room = compare(workbooks)                       # or compare(workbooks, anonymise=True)
    room.overview()                                 # every exercise: answered, correct, ...
    ex = room.exercise("sel.weights")
    ex.status_table()                               # each group: status, tries, hints
    ex.side_by_side()                               # the answers, one column per group
    ex.numbers(); ex.choices(); ex.agreement()      # spread, distribution, agreement

Each answer is cut into *facets*, its parts, and the agreement of the groups is measured per
facet: see :mod:`kamcourse.trainer.facets`. The exercises' order and the names of their parts
come from :mod:`kamcourse.trainer.catalogue`.

Nothing a workbook holds makes this module raise: a workbook that is not one, comes from a
newer course, or holds an answer of an unexpected shape is reported in words
(:attr:`Comparison.problems`, :attr:`ExerciseComparison.problems`) and left out where it
cannot be used. Only a wrong *argument* (not a mapping, an unknown exercise) raises
:class:`~kamcourse.errors.InputError`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..values import short_repr
from ..workbook import FORMAT, VERSION
from .catalogue import exercise_order, part_names, title
from .facets import MAX_SHOWN, Facet, agreement_row, as_number, cut, display, natural_key

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


# --------------------------------------------------------------------------- one exercise


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

    def __init__(
        self,
        exercise_id: str,
        title: str,
        groups: tuple[str, ...],
        entries: Mapping[str, _Entry],
        facets: tuple[Facet, ...],
        problems: tuple[str, ...],
        scale: float,
    ) -> None:
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
                column.append(display(facet.values.get(group), facet.kind, max_chars))
            data[group] = column
        frame = pd.DataFrame(data, index=pd.Index([f.label for f in self.facets], name=t("trainer.col_part")))
        return frame

    def numbers(self) -> Any:
        """Long table of the number facets: facet, group, value."""
        import pandas as pd

        rows = [
            (facet.label, group, float(value))
            for facet in self.facets
            if facet.kind == "number"
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
            counts = facet.options()
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

        rows = [agreement_row(f, self.scale) for f in self.facets]
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
        known = ", ".join(f.label for f in self.facets)
        raise InputError(t("trainer.unknown_facet", value=short_repr(facet, 60), known=known))


# --------------------------------------------------------------------------- the room


class Comparison:
    """A room of workbooks (submitter -> workbook), ready to compare exercise by exercise.

    Build it with :func:`compare`. ``groups`` are the labels shown (the submitters' names, or
    Group A, B, C... when anonymised); :meth:`key` gives the trainer the real names.
    """

    def __init__(
        self,
        workbooks: Mapping[str, dict[str, Any]],
        labels: Mapping[str, str],
        problems: list[str],
        anonymous: bool,
        root: Path | None = None,
    ) -> None:
        self._books = dict(workbooks)  # label -> workbook
        self._names = dict(labels)  # label -> submitter
        self.groups: tuple[str, ...] = tuple(self._books)
        self.anonymous = anonymous
        self.problems: tuple[str, ...] = tuple(problems)
        self._root = root
        self._cache: dict[str, ExerciseComparison] = {}

    def __repr__(self) -> str:
        return (
            f"Comparison(groups={len(self.groups)}, exercises={len(self.exercises())}, problems={len(self.problems)})"
        )

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
        return title(exercise_id)

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
            raise self._unknown(exercise_id)
        exercise_id = exercise_id.strip()
        if exercise_id in self._cache:
            return self._cache[exercise_id]
        if exercise_id not in self.exercises() and self.title(exercise_id) == exercise_id:
            raise self._unknown(exercise_id)
        problems, entries = self._entries(exercise_id)
        answers = {group: entry.answer for group, entry in entries.items() if entry.answered}
        facets, scale = cut(answers, problems, part_names(exercise_id))
        result = ExerciseComparison(
            exercise_id, self.title(exercise_id), self.groups, entries, facets, tuple(problems), scale
        )
        self._cache[exercise_id] = result
        return result

    def _unknown(self, exercise_id: Any) -> InputError:
        known = ", ".join(self.exercises())
        return InputError(t("trainer.bad_exercise", value=short_repr(exercise_id, 60), known=known))

    def anonymised(self, *, seed: int | None = None) -> Comparison:
        """The same room with groups shown as Group A, B, C... in a shuffled order (``seed`` fixes it)."""
        return compare(
            {self._names[g]: self._books[g] for g in self.groups}, anonymise=True, seed=seed, root=self._root
        )

    def state(self, key: str) -> dict[str, Any]:
        """Group -> the value a lesson widget saved under ``key`` (groups without it left out)."""
        if not isinstance(key, str) or not key.strip():
            raise InputError(t("trainer.bad_state_key", value=short_repr(key, 60)))
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
                    number = as_number(value) if not isinstance(value, str) else None
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
            problems.append(t("trainer.problem_status", group=group, exercise=exercise_id, value=short_repr(code, 60)))
    hints = record.get("hints_shown", 0)
    hints = hints if isinstance(hints, int) and not isinstance(hints, bool) and hints >= 0 else 0
    updated = record.get("updated", "")
    return _Entry(status, len(attempts), hints, updated if isinstance(updated, str) else "", answer, answered)


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


def compare(
    workbooks: Any, *, anonymise: bool = False, seed: int | None = None, root: Path | None = None
) -> Comparison:
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
        raise InputError(t("trainer.bad_flag", name="anonymise", value=short_repr(anonymise, 60)))
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InputError(t("trainer.bad_flag", name="seed", value=short_repr(seed, 60)))
    problems: list[str] = []
    accepted: dict[str, dict[str, Any]] = {}
    for name, book in workbooks.items():
        if not isinstance(name, str) or not name.strip():
            problems.append(t("trainer.problem_name", value=short_repr(name, 60)))
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
    names = sorted(accepted, key=natural_key)
    if anonymise:
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        labels = dict(zip(_labels(len(shuffled)), shuffled, strict=True))
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
        return t("trainer.reason_bad_version", value=short_repr(version, 60))
    if version > VERSION:
        return t("trainer.reason_future", version=version, supported=VERSION)
    if not isinstance(book.get("exercises"), Mapping):
        return t("trainer.reason_no_exercises")
    return ""
