"""Feedback on exercises: ``check`` an answer, ask for a ``hint``, one at a time.

Used by every exercise notebook (``exercises/*.ipynb``); the first is
``exercises/02_kap_framework.ipynb``.

Exercises are content: ``kamcourse/content/exercises/<group>.yaml`` holds a list of
exercises, each with a stable ``id`` starting with ``<group>.`` (``"kap.placement"`` lives in
``exercises/kap.yaml``), a ``kind`` naming its checker (``"framework.placement"`` is the
function ``placement`` of :mod:`kamcourse.checkers.framework`), a title, a prompt, hints and
the ``key`` the checker compares with.

>>> from kamcourse import checks
>>> checks.check("kap.quiz.horizontal", ...).status   # doctest: +SKIP
'not_answered'

A checker is a plain function ``(answer, exercise, attempts) -> Verdict``; it raises
:class:`~kamcourse.errors.InputError` for an answer it cannot read, which :func:`check` turns
into an ``"invalid"`` feedback that quotes the message -- never a traceback.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import content
from .content import t
from .errors import ContentError, InputError
from .inputs import is_blank
from .values import is_number, markdown_text, short_repr, to_float
from .workbook import Workbook, WorkbookError, json_ready

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Exercise",
    "Feedback",
    "Verdict",
    "STATUSES",
    "exercise",
    "exercises",
    "check",
    "hint",
    "hints_shown",
    "is_unanswered",
    "progress",
]

STATUSES = ("correct", "partial", "incorrect", "not_answered", "invalid")
_GROUP = re.compile(r"[a-z][a-z0-9_]{0,39}")  # a content file name: never a path, never an answer
_SAVED: Any = object()


@dataclass(frozen=True)
class Exercise:
    """One exercise as described in its content file."""

    id: str
    kind: str
    title: str
    prompt: str
    hints: tuple[str, ...]
    key: Mapping[str, Any]

    @staticmethod
    def from_data(data: Any, source: str) -> Exercise:
        """Build an exercise from its content entry; :class:`ContentError` when malformed."""
        if not isinstance(data, dict):
            raise ContentError(t("checks.bad_exercise_entry", source=source, value=short_repr(data)[:60]))
        missing = [k for k in ("id", "kind", "title", "prompt") if not data.get(k)]
        if missing:
            raise ContentError(
                t("checks.exercise_missing_fields", source=source, id=data.get("id", "?"), fields=", ".join(missing))
            )
        hints = data.get("hints", [])
        if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
            raise ContentError(t("checks.bad_hints", source=source, id=data["id"]))
        key = data.get("key", {})
        if not isinstance(key, dict):
            raise ContentError(t("checks.bad_key", source=source, id=data["id"]))
        return Exercise(
            id=str(data["id"]),
            kind=str(data["kind"]),
            title=str(data["title"]),
            prompt=str(data["prompt"]).strip(),
            hints=tuple(h.strip() for h in hints),
            key=key,
        )


@dataclass(frozen=True)
class Verdict:
    """What a checker decides: a status, a message that explains why, and details."""

    status: str
    message: str
    details: tuple[str, ...] = ()
    score: float | None = None


@dataclass(frozen=True)
class Feedback:
    """Feedback on one answer. ``message`` explains why; ``details`` list each point.

    ``str(feedback)`` is plain text that starts with the status in words, so the meaning
    never rests on colour alone.
    """

    exercise_id: str
    status: str
    message: str
    details: tuple[str, ...] = field(default=())
    score: float | None = None
    notice: str = ""  # e.g. "your attempt could not be saved to ...": shown after the feedback

    @property
    def correct(self) -> bool:
        """True only when the whole answer is right."""
        return self.status == "correct"

    @property
    def label(self) -> str:
        """The status in words ("Correct", "Not yet", ...)."""
        return t(f"checks.label_{self.status}")

    def text(self) -> str:
        """The feedback as plain text: status label, message, then one line per detail."""
        lines = [f"{self.label}: {self.message}"]
        lines += [f"  - {d}" for d in self.details]
        if self.notice:
            lines.append(self.notice)
        return "\n".join(lines)

    __str__ = text

    def _repr_markdown_(self) -> str:
        body = f"**{self.label}:** {_md_escape(self.message)}"
        if self.details:
            body += "\n\n" + "\n".join(f"- {_md_escape(d)}" for d in self.details)
        if self.notice:
            body += f"\n\n*{_md_escape(self.notice)}*"
        return body

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())


def _md_escape(text: str) -> str:
    """Learner text (an answer quoted in feedback) shown as text, never as Markdown or HTML."""
    return markdown_text(text)


# --------------------------------------------------------------------------- registry
def exercises(group: str) -> tuple[Exercise, ...]:
    """All exercises of ``group`` (the file ``content/exercises/<group>.yaml``), in file order."""
    if not isinstance(group, str) or not _GROUP.fullmatch(group):
        raise InputError(t("checks.bad_group", value=short_repr(group)))
    source = f"exercises/{group}.yaml"
    data = content.load(f"exercises/{group}")
    if not isinstance(data, list):
        raise ContentError(t("checks.bad_exercise_file", source=source))
    items = tuple(Exercise.from_data(entry, source) for entry in data)
    ids = [e.id for e in items]
    for e in items:
        if not e.id.startswith(group + "."):
            raise ContentError(t("checks.id_outside_group", source=source, id=e.id, group=group))
        if ids.count(e.id) > 1:
            raise ContentError(t("checks.duplicate_id", source=source, id=e.id))
    return items


def exercise(exercise_id: str) -> Exercise:
    """The exercise with id ``exercise_id``; :class:`InputError` naming it when unknown."""
    if not isinstance(exercise_id, str) or not _GROUP.fullmatch(exercise_id.split(".", 1)[0]) or "." not in exercise_id:
        raise InputError(t("checks.unknown_exercise", value=short_repr(exercise_id), known="-"))
    group = exercise_id.split(".", 1)[0]
    try:
        items = exercises(group)
    except ContentError as exc:
        if "not found" in str(exc):
            raise InputError(t("checks.unknown_exercise", value=short_repr(exercise_id), known="-")) from None
        raise
    for item in items:
        if item.id == exercise_id:
            return item
    known = ", ".join(e.id for e in items)
    raise InputError(t("checks.unknown_exercise", value=short_repr(exercise_id), known=known))


def _checker(kind: str) -> Callable[[Any, Exercise, int], Verdict]:
    module_name, _, func_name = kind.rpartition(".")
    try:
        module = importlib.import_module(f"kamcourse.checkers.{module_name}")
        func = getattr(module, func_name)
    except (ImportError, AttributeError, ValueError):
        raise ContentError(t("checks.unknown_kind", kind=kind)) from None
    return func  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- answers
def is_unanswered(answer: Any) -> bool:
    """True for a blank (:func:`kamcourse.inputs.is_blank`: ``...``, ``None``, blank text) and for
    containers holding only blanks."""
    if is_blank(answer):
        return True
    if isinstance(answer, Mapping):
        return all(is_unanswered(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return all(is_unanswered(v) for v in answer)
    return False


def _jsonable(answer: Any) -> Any:
    """``...`` becomes None so a partly filled answer can be saved."""
    if answer is ...:
        return None
    if isinstance(answer, Mapping):
        return {str(k): _jsonable(v) for k, v in answer.items()}
    if isinstance(answer, (list, tuple)):
        return [_jsonable(v) for v in answer]
    return answer


def check(exercise_id: str, answer: Any = _SAVED, *, workbook: Workbook | None = None) -> Feedback:
    """Check ``answer`` to ``exercise_id`` and record the attempt in the workbook.

    Without ``answer``, the answer saved in the workbook (e.g. by a widget) is checked and
    nothing is written: running a notebook top to bottom again never changes what was saved
    nor reveals more than the learner's last check did. An
    unanswered exercise (``...``, empty) gives status ``"not_answered"``; an answer that
    cannot be read gives ``"invalid"`` with a message naming the item and value. Neither
    raises. An unknown ``exercise_id`` raises :class:`InputError`.
    """
    item = exercise(exercise_id)
    checker = _checker(item.kind)
    book = workbook if workbook is not None else Workbook()
    _check_workbook(book)
    try:
        entry = book.entry(exercise_id)
    except WorkbookError as exc:  # the feedback does not need the file; say that nothing is saved
        entry, unreadable = {}, str(exc)
    else:
        unreadable = ""
    # Checking what is saved is a re-run (a notebook run top to bottom), not a new try:
    # nothing is written, and when the saved answer is the one checked last, the feedback
    # is the same as the first time.
    rerun = answer is _SAVED
    if rerun:
        answer = entry.get("answer")
    problem = _answer_problem(answer)
    if problem:
        return Feedback(exercise_id, "invalid", t("checks.invalid", reason=problem), notice=unreadable)
    if is_unanswered(answer):
        return Feedback(exercise_id, "not_answered", t("checks.not_answered", title=item.title), notice=unreadable)
    try:  # an answer that cannot be saved (NaN, 10**400, half an emoji, deep nesting) is not checked either
        json_ready(exercise_id, _jsonable(answer))
    except InputError as exc:
        return Feedback(exercise_id, "invalid", t("checks.invalid", reason=str(exc)), notice=unreadable)
    history = entry.get("attempts", [])
    if rerun and history and history[-1].get("answer") == _plain(answer):
        history = history[:-1]
    attempts = sum(1 for a in history if a.get("status") in ("incorrect", "partial"))
    try:
        verdict = checker(answer, item, attempts)
    except InputError as exc:
        verdict = Verdict("invalid", t("checks.invalid", reason=str(exc)))
    feedback = Feedback(
        exercise_id, verdict.status, verdict.message, tuple(verdict.details), verdict.score, notice=unreadable
    )
    if rerun or unreadable:
        return feedback
    try:
        book.record_attempt(exercise_id, _jsonable(answer), feedback.status)
    except WorkbookError as exc:
        return replace(feedback, notice=t("checks.not_saved", reason=str(exc)))
    except InputError as exc:
        return Feedback(exercise_id, "invalid", t("checks.invalid", reason=str(exc)))
    return feedback


def _plain(answer: Any) -> Any:
    """``answer`` as the workbook would store it (JSON round trip), or a marker that equals nothing."""
    import json

    try:
        return json.loads(json.dumps(_jsonable(answer), allow_nan=False))
    except (TypeError, ValueError):
        return object()


#: Deepest nesting of lists and dictionaries an answer may have (real answers have two or three).
MAX_ANSWER_DEPTH = 20


def _answer_problem(answer: Any) -> str:
    """Why ``answer`` cannot be checked at all ("" when it can): nested deeper than any exercise
    asks for, or a number too large to compute with (``10**400``). Walked without recursion."""
    stack: list[tuple[Any, int]] = [(answer, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (Mapping, list, tuple)):
            if depth >= MAX_ANSWER_DEPTH:
                return t("checks.answer_too_deep", depth=MAX_ANSWER_DEPTH)
            items = list(value.keys()) + list(value.values()) if isinstance(value, Mapping) else list(value)
            stack.extend((item, depth + 1) for item in items)
        elif is_number(value):
            number = to_float(value)
            if number is not None and math.isinf(number) and not (isinstance(value, float) and math.isinf(value)):
                return t("checks.number_too_large", value=short_repr(value))
    return ""


def _check_workbook(book: Any) -> None:
    if not isinstance(book, Workbook):
        raise InputError(t("checks.bad_workbook", value=short_repr(book)))


def hint(exercise_id: str, *, workbook: Workbook | None = None) -> str:
    """Reveal the next hint of ``exercise_id`` (one at a time) and remember how many were shown."""
    item = exercise(exercise_id)
    book = workbook if workbook is not None else Workbook()
    _check_workbook(book)
    try:
        shown = book.hints_shown(exercise_id)
    except WorkbookError as exc:
        shown, problem = 0, str(exc)
    else:
        problem = ""
    if not item.hints:
        return t("checks.no_hints", title=item.title)
    if shown >= len(item.hints):
        return t("checks.hints_exhausted", count=len(item.hints), last=item.hints[-1])
    text = t("checks.hint", number=shown + 1, count=len(item.hints), text=item.hints[shown])
    if not problem:
        try:
            book.set_hints_shown(exercise_id, shown + 1)
        except WorkbookError as exc:
            problem = str(exc)
    return f"{text}\n{t('checks.hint_not_saved', reason=problem)}" if problem else text


def hints_shown(exercise_id: str, *, workbook: Workbook | None = None) -> tuple[str, ...]:
    """The hints of ``exercise_id`` the learner has already revealed, in order."""
    item = exercise(exercise_id)
    book = workbook if workbook is not None else Workbook()
    _check_workbook(book)
    try:
        return item.hints[: book.hints_shown(exercise_id)]
    except WorkbookError:
        return ()


def progress(group: str, *, workbook: Workbook | None = None) -> pandas.DataFrame:
    """Where the learner stands on every exercise of ``group``: last status, tries, hints."""
    import pandas as pd

    book = workbook if workbook is not None else Workbook()
    _check_workbook(book)
    saved = book.load()["exercises"]
    rows = []
    for item in exercises(group):
        record = saved.get(item.id, {})
        attempts = record.get("attempts", [])
        status = attempts[-1]["status"] if attempts else ("not_answered" if "answer" not in record else "saved")
        rows.append(
            {
                t("checks.col_exercise"): item.title,
                t("checks.col_status"): t(f"checks.label_{status}"),
                t("checks.col_tries"): len(attempts),
                t("checks.col_hints"): record.get("hints_shown", 0),
            }
        )
    return pd.DataFrame(rows)
