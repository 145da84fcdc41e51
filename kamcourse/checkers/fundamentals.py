"""Checkers of lesson 01, why key account management (``exercises/01_why_key_account_management.ipynb``).

Taught in notebooks/01_why_key_account_management.ipynb.

* :func:`candidates` -- for each of eight Vellmar customers, "candidate" or "not a candidate"
  for key account status, with the reason that decides it. A wrong call is answered with the
  facts that decide it; a right call for a reason that does not fit is named as such; a list
  that simply follows revenue is recognised (concentration alone is not enough). One customer
  can be defended either way, each with its own reasons.
* :func:`am_or_kam` -- statements placed under account management or key account management,
  each wrong one explained.

After :data:`REVEAL_AFTER` wrong tries the course's answer is given as well; the last hint of
each exercise gives the worked answer on request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError
from ..inputs import REVEAL_AFTER, norm, reveal_answer
from ..values import short_repr

__all__ = [
    "DECISIONS",
    "REVEAL_AFTER",
    "SIDES",
    "am_or_kam",
    "candidate_items",
    "candidate_reasons",
    "candidates",
    "decision",
    "reason",
    "side",
    "statement_items",
]

#: The two decisions of the candidates exercise, as stored in answers.
DECISIONS = ("candidate", "not a candidate")
#: The two sides of the statements exercise, as stored in answers.
SIDES = ("AM", "KAM")
_ARGUES = {"yes": "candidate", "no": "not a candidate"}


def _clean(text: Any) -> str:
    return " ".join(str(text).split())


def _status(right: int, total: int, answered: int) -> str:
    if right == total:
        return "correct"
    return "partial" if right else ("incorrect" if answered else "not_answered")


# --------------------------------------------------------------------------- candidates


def candidate_items(exercise: Exercise) -> tuple[dict[str, Any], ...]:
    """The customers of the candidates exercise: name, facts, revenue, expected decision, reasons, why."""
    return tuple(
        {
            "name": _clean(c["name"]),
            "facts": _clean(c["facts"]),
            "revenue": float(c["revenue_eur"]),
            "decision": str(c["decision"]),
            "reasons_yes": tuple(c.get("reasons_yes", ())),
            "reasons_no": tuple(c.get("reasons_no", ())),
            "why": _clean(c["why"]),
        }
        for c in exercise.key["customers"]
    )


def candidate_reasons(exercise: Exercise) -> dict[str, dict[str, str]]:
    """The reasons offered, by id: ``{id: {text, argues}}`` (argues ``candidate`` or ``not a candidate``)."""
    return {
        str(r["id"]): {"text": _clean(r["text"]), "argues": _ARGUES[str(r["argues"])]} for r in exercise.key["reasons"]
    }


def decision(value: Any, customer: str = "?") -> str:
    """Read one decision: ``candidate`` (also ``yes``) or ``not a candidate`` (also ``no``)."""
    aliases = {
        "candidate": "candidate",
        "yes": "candidate",
        "key account": "candidate",
        "not a candidate": "not a candidate",
        "not candidate": "not a candidate",
        "no": "not a candidate",
    }
    found = aliases.get(norm(value)) if isinstance(value, str) else None
    if found is None:
        raise InputError(t("fundamentals.candidates_unknown_decision", customer=customer, value=short_repr(value, 60)))
    return found


def reason(value: Any, customer: str, reasons: dict[str, dict[str, str]]) -> str:
    """Read one reason (its id or its text) for ``customer``; InputError listing the ids otherwise."""
    if isinstance(value, str):
        for rid, entry in reasons.items():
            if norm(value) in (norm(rid), norm(entry["text"])):
                return rid
    raise InputError(
        t(
            "fundamentals.candidates_unknown_reason",
            customer=customer,
            value=short_repr(value, 60),
            allowed=", ".join(reasons),
        )
    )


def _read_candidates(
    answer: Any, items: tuple[dict[str, Any], ...], reasons: dict[str, dict[str, str]]
) -> dict[str, tuple[str | None, str | None]]:
    if not isinstance(answer, Mapping):
        raise InputError(t("fundamentals.candidates_not_mapping", value=type(answer).__name__))
    names = {norm(i["name"]): i["name"] for i in items}
    chosen: dict[str, tuple[str | None, str | None]] = {}
    for key, entry in answer.items():
        name = names.get(norm(key)) if isinstance(key, str) else None
        if name is None:
            raise InputError(
                t(
                    "fundamentals.candidates_unknown_customer",
                    value=short_repr(key, 60),
                    allowed=", ".join(i["name"] for i in items),
                )
            )
        if is_unanswered(entry):
            continue
        if isinstance(entry, str):
            entry = {"decision": entry}
        if not isinstance(entry, Mapping):
            raise InputError(t("fundamentals.candidates_bad_entry", customer=name, value=short_repr(entry, 60)))
        raw_decision, raw_reason = entry.get("decision"), entry.get("reason")
        chosen[name] = (
            None if is_unanswered(raw_decision) else decision(raw_decision, name),
            None if is_unanswered(raw_reason) else reason(raw_reason, name, reasons),
        )
    return chosen


def candidates(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A decision and a reason per customer. Answer: ``{customer: {"decision": ..., "reason": ...}}``.

    A customer counts as right when the decision is one the course accepts and the reason is
    one that supports it for that customer. Every other case gets its own explanation, from the
    customer's facts; from :data:`REVEAL_AFTER` tries on, the course's answer is named.
    """
    items = candidate_items(exercise)
    reasons = candidate_reasons(exercise)
    chosen = _read_candidates(answer, items, reasons)
    reveal = reveal_answer(attempts)
    details: list[str] = []
    right = 0
    for item in items:
        name = item["name"]
        picked, given = chosen.get(name, (None, None))
        if picked is None:
            details.append(t("fundamentals.candidates_missing", customer=name))
            continue
        label = t("fundamentals.candidates_decision_" + ("yes" if picked == "candidate" else "no"))
        accepted = item["reasons_yes"] if picked == "candidate" else item["reasons_no"]
        expected = item["decision"]
        fits = expected == "either" or _ARGUES[expected] == picked
        if not fits:
            text = t("fundamentals.candidates_wrong", customer=name, decision=label, why=item["why"])
            if reveal:
                good = item["reasons_yes"] if expected == "yes" else item["reasons_no"]
                text += " " + t(
                    "fundamentals.candidates_reveal",
                    decision=t(f"fundamentals.candidates_decision_{expected}"),
                    reason=reasons[good[0]]["text"],
                )
            details.append(text)
            continue
        if given is None:
            details.append(t("fundamentals.candidates_missing_reason", customer=name, decision=label))
            continue
        if given in accepted:
            right += 1
            if expected == "either":
                details.append(t("fundamentals.candidates_either_note", customer=name, decision=label, why=item["why"]))
            continue
        if reasons[given]["argues"] != picked:
            details.append(
                t(
                    "fundamentals.candidates_reason_contradicts",
                    customer=name,
                    reason=reasons[given]["text"],
                    decision=label,
                )
            )
        else:
            details.append(
                t(
                    "fundamentals.candidates_reason_mismatch",
                    customer=name,
                    decision=label,
                    reason=reasons[given]["text"],
                    why=item["why"],
                )
            )
    details[:0] = _overall_notes(items, chosen)
    total = len(items)
    answered = sum(1 for p, _ in chosen.values() if p is not None)
    status = _status(right, total, answered)
    if status == "correct":
        return Verdict("correct", t("fundamentals.candidates_all_right", total=total), tuple(details), 1.0)
    if not answered:
        return Verdict("not_answered", t("fundamentals.candidates_none"), tuple(details), 0.0)
    return Verdict(
        status, t("fundamentals.candidates_some_right", right=right, total=total), tuple(details), right / total
    )


def _overall_notes(items: tuple[dict[str, Any], ...], chosen: dict[str, tuple[str | None, str | None]]) -> list[str]:
    """Notes on the whole list: everyone, no one, or simply the largest by revenue."""
    decided = {n: p for n, (p, _) in chosen.items() if p is not None}
    if len(decided) < len(items):
        return []
    yes = [n for n, p in decided.items() if p == "candidate"]
    if len(yes) == len(items):
        return [t("fundamentals.candidates_all_yes")]
    if not yes:
        return [t("fundamentals.candidates_all_no")]
    by_revenue = [i["name"] for i in sorted(items, key=lambda i: -i["revenue"])]
    expected_yes = {i["name"] for i in items if i["decision"] == "yes"}
    if len(yes) >= 2 and set(yes) == set(by_revenue[: len(yes)]) and set(yes) != expected_yes:
        return [t("fundamentals.candidates_by_revenue")]
    return []


# --------------------------------------------------------------------------- AM or KAM


def statement_items(exercise: Exercise) -> tuple[dict[str, str], ...]:
    """The statements of the AM-or-KAM exercise: ``{id, text, side, why}``."""
    return tuple(
        {"id": str(s["id"]), "text": _clean(s["text"]), "side": str(s["side"]), "why": _clean(s["why"])}
        for s in exercise.key["statements"]
    )


def side(value: Any, statement: str = "?") -> str:
    """Read one side: ``AM`` (also "account management") or ``KAM`` (also "key account management")."""
    aliases = {"am": "AM", "account management": "AM", "kam": "KAM", "key account management": "KAM"}
    found = aliases.get(norm(value)) if isinstance(value, str) else None
    if found is None:
        raise InputError(t("fundamentals.statements_bad_side", statement=statement, value=short_repr(value, 60)))
    return found


def am_or_kam(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Each statement placed under ``AM`` or ``KAM``. Answer: ``{statement id or text: side}``.

    Each misplaced statement is explained; an answer that puts every statement on one side is
    named as such; from :data:`REVEAL_AFTER` tries on the right side is given.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("fundamentals.statements_not_mapping", value=type(answer).__name__))
    items = statement_items(exercise)
    lookup: dict[str, str] = {}
    for item in items:
        lookup[norm(item["id"])] = item["id"]
        lookup[norm(item["text"])] = item["id"]
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        sid = lookup.get(norm(key)) if isinstance(key, str) else None
        if sid is None:
            raise InputError(
                t(
                    "fundamentals.statements_unknown",
                    value=short_repr(key, 60),
                    allowed=", ".join(i["id"] for i in items),
                )
            )
        if not is_unanswered(value):
            chosen[sid] = side(value, sid)
    reveal = reveal_answer(attempts)
    details: list[str] = []
    right = 0
    for number, item in enumerate(items, start=1):
        picked = chosen.get(item["id"])
        if picked is None:
            details.append(t("fundamentals.statements_missing", number=number))
            continue
        if picked == item["side"]:
            right += 1
            continue
        text = t(
            "fundamentals.statements_wrong",
            number=number,
            text=item["text"],
            side=t(f"fundamentals.side_{picked.lower()}"),
            why=item["why"],
        )
        if reveal:
            text += " " + t("fundamentals.statements_reveal", side=t(f"fundamentals.side_{item['side'].lower()}"))
        details.append(text)
    if len(chosen) == len(items) and len(set(chosen.values())) == 1:
        details.insert(0, t("fundamentals.statements_one_side"))
    total = len(items)
    status = _status(right, total, len(chosen))
    if status == "correct":
        return Verdict("correct", t("fundamentals.statements_all_right", total=total), (), 1.0)
    if not chosen:
        return Verdict("not_answered", t("fundamentals.statements_none"), tuple(details), 0.0)
    return Verdict(
        status, t("fundamentals.statements_some_right", right=right, total=total), tuple(details), right / total
    )
