"""Checkers for the exercises of lesson 02: placing items on the 3x3 grid, and a conditional strategy.

Taught in notebooks/02_kap_framework.ipynb.

Practised in exercises/02_kap_framework.ipynb (exercise ids ``kap.placement`` and ``kap.strategy``,
kinds ``framework.placement`` and ``framework.conditional_strategy``). Labels are compared with
:func:`kamcourse.inputs.norm`; the worked answer follows :func:`kamcourse.inputs.reveal_answer`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import content, framework
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError
from ..inputs import norm, reveal_answer


def placement_items(exercise: Exercise) -> tuple[dict[str, str], ...]:
    """The items to place, each ``{id, text, element, why}``."""
    return tuple({k: " ".join(str(v).split()) for k, v in item.items()} for item in exercise.key["items"])


def _find_item(key: str, items: tuple[dict[str, str], ...]) -> dict[str, str]:
    for item in items:
        if norm(key) in (norm(item["id"]), norm(item["text"])):
            return item
    raise InputError(t("framework.unknown_item", value=repr(key)))


def placement(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Each item placed in one of the nine boxes. Answer: item id (or text) -> element name.

    Every misplacement is explained: a wrong dimension says what kind of thing the item is;
    a right dimension but wrong element points to the guiding question; after
    :data:`~kamcourse.inputs.REVEAL_AFTER` tries the right box and the reason are given.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("framework.placement_not_mapping", value=type(answer).__name__))
    items = placement_items(exercise)
    placed: dict[str, framework.Element] = {}
    for key, value in answer.items():
        item = _find_item(str(key), items)
        if is_unanswered(value):
            continue
        try:
            placed[item["id"]] = framework.element(value)
        except InputError:
            raise InputError(
                t(
                    "framework.unknown_element_for_item",
                    item=item["text"],
                    value=repr(value),
                    allowed=", ".join(e.name for e in framework.elements()),
                )
            ) from None
    details: list[str] = []
    right = 0
    reveal = reveal_answer(attempts)
    for item in items:
        chosen = placed.get(item["id"])
        correct = framework.element(item["element"])
        if chosen is None:
            details.append(t("framework.item_missing", item=item["text"]))
            continue
        if chosen == correct:
            right += 1
            continue
        if chosen.dimension != correct.dimension:
            kind = framework.dimension(correct.dimension).kind
            text = t(
                "framework.wrong_dimension",
                item=item["text"],
                chosen=chosen.name,
                chosen_dim=chosen.dimension,
                kind=kind,
            )
        else:
            text = t(
                "framework.wrong_element",
                item=item["text"],
                chosen=chosen.name,
                dimension=chosen.dimension,
                questions=" / ".join(
                    f"{e.name}: {e.question}" for e in framework.dimension(correct.dimension).elements
                ),
            )
        if reveal:
            text += " " + t("framework.reveal", element=correct.name, why=item["why"])
        details.append(text)
    total = len(items)
    score = right / total
    if right == total:
        return Verdict("correct", t("framework.placement_all_right", total=total), score=1.0)
    if not placed:
        return Verdict("not_answered", t("framework.placement_none"), tuple(details), 0.0)
    status = "partial" if right else "incorrect"
    return Verdict(status, t("framework.placement_some_right", right=right, total=total), tuple(details), score)


_CONDITION = re.compile(r"\b(if|when|whenever|should|in case|unless|as soon as|provided that|once)\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(
    r"\b(otherwise|or else|else|if not|if instead|in the other case|if (?:it|they|she|he|the \w+) "
    r"(?:does not|doesn't|do not|don't|is not|isn't|are not|aren't|slips|is split|splits|goes|opens late"
    r"|is delayed))\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d+\s*%")


@dataclass(frozen=True)
class Condition:
    """Something the case says may happen at the account: its id, what may happen, the signals."""

    id: str
    what: str
    signals: str


def _account(exercise: Exercise) -> dict[str, Any]:
    name = str(exercise.key["account"])
    for account in content.load("case/key_accounts")["accounts"]:
        if account["name"] == name:
            return dict(account)
    raise InputError(t("framework.strategy_no_account", account=name))  # pragma: no cover - content is tested


def strategy_conditions(exercise: Exercise) -> tuple[Condition, ...]:
    """The uncertainties of the exercise's account (``content/case/key_accounts.yaml``), in order."""
    return tuple(
        Condition(str(u["id"]), " ".join(str(u["what"]).split()), " ".join(str(u.get("signals", "")).split()))
        for u in _account(exercise)["uncertainties"]
    )


def _what(condition: Condition) -> str:
    """What may happen, without its closing full stop (it is quoted inside a sentence)."""
    return condition.what.rstrip(". ")


def _has_any(text: str, words: Any) -> list[str]:
    low = text.casefold()
    return [str(w) for w in words if re.search(r"(?<![\w])" + re.escape(str(w).casefold()), low)]


def find_condition(text: str, exercise: Exercise) -> Condition | None:
    """The case's uncertainty a condition written in words refers to (or given by its id)."""
    conditions = strategy_conditions(exercise)
    by_id = {c.id: c for c in conditions}
    cleaned = " ".join(text.split())
    if cleaned in by_id:
        return by_id[cleaned]
    for item in conditions:
        if norm(cleaned) == norm(item.what):
            return item
    scores = [(len(_has_any(cleaned, exercise.key["conditions"].get(c.id, []))), i) for i, c in enumerate(conditions)]
    best, index = max(scores, default=(0, -1))
    return conditions[index] if best else None


def _parts(answer: Any) -> tuple[str, str, str, bool]:
    """(condition, response, alternative, structured) from a mapping or one text."""
    if isinstance(answer, Mapping):
        unknown = [str(k) for k in answer if k not in ("condition", "response", "alternative")]
        if unknown:
            raise InputError(t("framework.strategy_unknown_field", value=", ".join(map(repr, unknown))))
        values = []
        for field in ("condition", "response", "alternative"):
            value = answer.get(field)
            if value is not None and not isinstance(value, str):
                raise InputError(t("framework.strategy_field_not_text", field=field, value=type(value).__name__))
            values.append(" ".join((value or "").split()))
        return values[0], values[1], values[2], True
    if not isinstance(answer, str):
        raise InputError(t("framework.strategy_not_text", value=type(answer).__name__))
    text = " ".join(answer.split())
    match = _ALTERNATIVE.search(text)
    if match is None:
        ifs = list(_CONDITION.finditer(text))
        match = ifs[1] if len(ifs) >= 2 else None
    first, alternative = (text[: match.start()], text[match.start() :]) if match else (text, "")
    return first, first, alternative, False


def conditional_strategy(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """An objective turned into a conditional strategy for the case's account.

    Answer: a mapping ``{"condition": ..., "response": ..., "alternative": ...}`` (the
    condition an uncertainty id of the account, or words), or one text ("If ..., we ...;
    otherwise we ...").

    What it judges: the condition is one the case says may happen at the account (its
    ``uncertainties``); each branch is more than a few words, names something of the
    account's situation or of Vellmar's offer (``key.levers``) and is not a bare target;
    the two branches differ. What it cannot judge: whether the responses are wise,
    feasible or the best ones -- the feedback says so, and the trainer judges that. The
    worked example is given from :data:`~kamcourse.inputs.REVEAL_AFTER` tries on (and in the last hint).
    """
    condition_text, response, alternative, structured = _parts(answer)
    account = str(exercise.key["account"])
    minimum = int(exercise.key.get("min_words", 8))
    levers = exercise.key.get("levers", [])
    details: list[str] = []
    condition = find_condition(condition_text, exercise) if condition_text else None
    has_if = structured or bool(_CONDITION.search(condition_text))
    if not condition_text or not has_if:
        details.append(t("framework.strategy_no_condition"))
        if _PERCENT.search(response):
            details.append(t("framework.strategy_looks_like_objective"))
    elif condition is None:
        details.append(
            t(
                "framework.strategy_condition_off_case",
                account=account,
                allowed=" ".join(f"({n}) {_what(c)}." for n, c in enumerate(strategy_conditions(exercise), start=1)),
            )
        )
    branches_ok = 0
    branches = (
        (False, t("framework.strategy_branch_response"), response),
        (True, t("framework.strategy_branch_alternative"), alternative),
    )
    for is_alternative, label, text in branches:
        words = len(text.split())
        if not text:
            details.append(
                t("framework.strategy_one_scenario")
                if is_alternative
                else t("framework.strategy_branch_missing", branch=label)
            )
            continue
        if words < minimum:
            details.append(t("framework.strategy_branch_short", branch=label, words=words, minimum=minimum))
            continue
        if not _has_any(text, levers):
            details.append(t("framework.strategy_branch_off_case", branch=label, account=account))
            continue
        if _PERCENT.search(text) and len(_has_any(text, levers)) <= 1:
            details.append(t("framework.strategy_branch_target", branch=label))
            continue
        branches_ok += 1
    if response and alternative and norm(response) == norm(alternative):
        details.append(t("framework.strategy_same_branches"))
        branches_ok = min(branches_ok, 1)
    scope = t("framework.strategy_scope")
    if condition is not None and branches_ok == 2:
        return Verdict("correct", t("framework.strategy_ok", condition=_what(condition)), (scope,), 1.0)
    if reveal_answer(attempts):
        details.append(t("framework.strategy_reveal", example=" ".join(str(exercise.key["example"]).split())))
    if condition is not None and branches_ok == 1:
        return Verdict("partial", t("framework.strategy_partial", condition=_what(condition)), (*details, scope), 0.5)
    return Verdict("incorrect", t("framework.strategy_not_yet", account=account), tuple(details) + (scope,), 0.0)
