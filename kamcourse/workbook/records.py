"""What a workbook file holds: its format, its limits, and the check of every record read from it.

Used by :mod:`kamcourse.workbook` (the layout is described there).

:func:`validate` checks a parsed workbook record by record: an exercise record, an attempt, a
hint count or a state entry that does not have the workbook's shape is set aside as
``{"where", "reason", "time", "value_json"}`` (the original value as JSON text) and the rest is
used. :func:`json_ready` is the gate every answer and widget state passes before it is saved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..content import t
from ..errors import InputError
from ..values import encodable, short_repr

__all__ = [
    "ATTEMPT_STATUSES",
    "FORMAT",
    "MAX_ANSWER_CHARS",
    "MAX_ATTEMPTS_KEPT",
    "MAX_HINTS",
    "MAX_ID_LENGTH",
    "MAX_STATE_CHARS",
    "VERSION",
    "check_id",
    "empty",
    "json_ready",
    "now",
    "validate",
]

FORMAT = "kamcourse-workbook"
VERSION = 1
MAX_ATTEMPTS_KEPT = 50
#: Longest exercise id or state key (an answer pasted where an id belongs is refused).
MAX_ID_LENGTH = 200
#: Longest answer, and longest widget state, as JSON text.
MAX_ANSWER_CHARS = 100_000
MAX_STATE_CHARS = 5_000_000
#: Most hints an exercise can have shown (a bigger count is not a count).
MAX_HINTS = 1000
#: The statuses an attempt can record (those of :data:`kamcourse.checks.STATUSES`).
ATTEMPT_STATUSES = ("correct", "partial", "incorrect", "not_answered", "invalid")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Reject = Callable[[str, str, Any], None]


def now() -> str:
    """The current time as the workbook writes it (UTC, ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def empty() -> dict[str, Any]:
    """A workbook with no work in it."""
    return {"format": FORMAT, "version": VERSION, "exercises": {}, "state": {}}


def _id_problem(key: Any) -> bool:
    return (
        not isinstance(key, str)
        or not key.strip()
        or len(key) > MAX_ID_LENGTH
        or bool(_CONTROL.search(key))
        or encodable(key) is not None
    )


def check_id(kind: str, key: Any) -> str:
    """``key`` as an exercise id or state key (``kind``), stripped; InputError naming it when it is not one."""
    if _id_problem(key):
        raise InputError(t("workbook.bad_id", kind=kind, value=short_repr(key), limit=MAX_ID_LENGTH))
    return str(key).strip()


def _first_broken_text(value: Any) -> tuple[str, int] | None:
    """The first text (value or key) in ``value`` that cannot be written as UTF-8, and where."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pos = encodable(item)
            if pos is not None:
                return item, pos
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return None


def json_ready(item: str, value: Any, limit: int = MAX_ANSWER_CHARS) -> Any:
    """Return ``value`` as plain JSON data, or raise InputError naming ``item``.

    Refused: what JSON cannot hold (objects, NaN, infinity, integers of more than 4300 digits),
    nesting too deep to write, text longer than ``limit`` characters once written, and text that
    cannot be written as UTF-8 (a lone surrogate: half of an emoji).
    """
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except RecursionError:
        raise InputError(t("workbook.too_deep", item=item)) from None
    except (TypeError, ValueError) as exc:
        raise InputError(
            t("workbook.not_serialisable", item=item, value=short_repr(value, 60), reason=str(exc)[:120])
        ) from None
    if len(text) > limit:
        raise InputError(t("workbook.too_long", item=item, size=len(text), limit=limit))
    if encodable(text) is not None:
        broken = _first_broken_text(value)
        text_at, pos = broken if broken is not None else (text, encodable(text) or 0)
        raise InputError(
            t(
                "workbook.not_encodable",
                item=item,
                position=pos + 1,
                near=short_repr(text_at[max(pos - 20, 0) : pos], 40),
            )
        )
    return json.loads(text)


def _dump(value: Any) -> str:
    """Any loaded value as JSON text that can always be written (ASCII, surrogates escaped)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True, default=repr)


def validate(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check every record of a parsed workbook; return the usable data and what was set aside.

    The returned data has exactly the shape described in :mod:`kamcourse.workbook`; each
    set-aside item is ``{"where", "reason", "time", "value_json"}``.
    """
    time_now = now()
    rejected: list[dict[str, Any]] = []

    def reject(where: str, reason: str, value: Any) -> None:
        rejected.append({"where": where, "reason": reason, "time": time_now, "value_json": _dump(value)})

    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key, value in data.items():  # keys of a newer course are kept, as long as they can be written
        if key in ("format", "exercises", "state", "rejected"):
            continue
        if key == "version" and (isinstance(value, bool) or not isinstance(value, int)):
            reject("version", t("workbook.reason_version"), value)
        elif _first_broken_text(key) is not None or _first_broken_text(value) is not None:
            reject(short_repr(key, 60), t("workbook.reason_encoding"), value)
        else:
            out[key] = value
    kept = data.get("rejected", [])
    if not isinstance(kept, list) or not all(isinstance(r, dict) for r in kept) or _first_broken_text(kept):
        reject("rejected", t("workbook.reason_rejected"), kept)
        kept = []
    out["exercises"] = _valid_exercises(data.get("exercises", {}), reject)
    out["state"] = _valid_state(data.get("state", {}), reject)
    if kept or rejected:
        out["rejected"] = kept + rejected
    return out, rejected


def _valid_exercises(exercises: Any, reject: Reject) -> dict[str, Any]:
    if not isinstance(exercises, dict):
        reject("exercises", t("workbook.reason_exercises"), exercises)
        return {}
    clean: dict[str, Any] = {}
    for key, record in exercises.items():
        where = f"exercises/{short_repr(key, 60)}"
        if _id_problem(key):
            reject(where, t("workbook.reason_id"), {"id": key, "record": record})
        elif not isinstance(record, dict):
            reject(where, t("workbook.reason_record"), record)
        else:
            clean[key] = _valid_record(record, where, reject)
    return clean


def _valid_state(state: Any, reject: Reject) -> dict[str, Any]:
    if not isinstance(state, dict):
        reject("state", t("workbook.reason_state"), state)
        return {}
    clean: dict[str, Any] = {}
    for key, value in state.items():
        where = f"state/{short_repr(key, 60)}"
        if _id_problem(key):
            reject(where, t("workbook.reason_id"), {"key": key, "value": value})
        elif _first_broken_text(value) is not None:
            reject(where, t("workbook.reason_encoding"), value)
        else:
            clean[key] = value
    return clean


def _valid_record(record: dict[str, Any], where: str, reject: Reject) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in record.items():
        if _first_broken_text(field) is not None:
            reject(where, t("workbook.reason_encoding"), {field: value})
            continue
        if field in ("answer",) and _first_broken_text(value) is not None:
            reject(f"{where}/{field}", t("workbook.reason_encoding"), value)
        elif field == "updated" and not isinstance(value, str):
            reject(f"{where}/{field}", t("workbook.reason_updated"), value)
        elif field == "hints_shown" and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_HINTS
        ):
            reject(f"{where}/{field}", t("workbook.reason_hints", limit=MAX_HINTS), value)
        elif field == "attempts":
            if not isinstance(value, list):
                reject(f"{where}/{field}", t("workbook.reason_attempts"), value)
                continue
            out[field] = [
                attempt for n, attempt in enumerate(value) if _valid_attempt(attempt, f"{where}/{field}/{n}", reject)
            ]
        elif field not in ("answer", "updated", "hints_shown") and _first_broken_text(value) is not None:
            reject(f"{where}/{field}", t("workbook.reason_encoding"), value)
        else:
            out[field] = value
    return out


def _valid_attempt(attempt: Any, where: str, reject: Reject) -> bool:
    if (
        isinstance(attempt, dict)
        and attempt.get("status") in ATTEMPT_STATUSES
        and isinstance(attempt.get("time", ""), str)
        and _first_broken_text(attempt) is None
    ):
        return True
    reject(where, t("workbook.reason_attempt", statuses=", ".join(ATTEMPT_STATUSES)), attempt)
    return False
