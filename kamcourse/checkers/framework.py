"""Checkers for the 3x3 framework exercises (``exercises/02_kap_framework.ipynb``)."""

from __future__ import annotations

import re
from typing import Any, Mapping

from .. import framework
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError

#: From this many earlier tries on, feedback names the right box for each misplaced item.
REVEAL_AFTER = 2


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def placement_items(exercise: Exercise) -> tuple[dict[str, str], ...]:
    """The items to place, each ``{id, text, element, why}``."""
    return tuple(
        {k: " ".join(str(v).split()) for k, v in item.items()} for item in exercise.key["items"]
    )


def _find_item(key: str, items: tuple[dict[str, str], ...]) -> dict[str, str]:
    for item in items:
        if _norm(key) in (_norm(item["id"]), _norm(item["text"])):
            return item
    raise InputError(t("kap.unknown_item", value=repr(key)))


def placement(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Each item placed in one of the nine boxes. Answer: item id (or text) -> element name.

    Every misplacement is explained: a wrong dimension says what kind of thing the item is;
    a right dimension but wrong element points to the guiding question; after
    :data:`REVEAL_AFTER` tries the right box and the reason are given.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("kap.placement_not_mapping", value=type(answer).__name__))
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
                t("kap.unknown_element_for_item", item=item["text"], value=repr(value),
                  allowed=", ".join(e.name for e in framework.elements()))
            ) from None
    details: list[str] = []
    right = 0
    reveal = attempts + 1 >= REVEAL_AFTER
    for item in items:
        chosen = placed.get(item["id"])
        correct = framework.element(item["element"])
        if chosen is None:
            details.append(t("kap.item_missing", item=item["text"]))
            continue
        if chosen == correct:
            right += 1
            continue
        if chosen.dimension != correct.dimension:
            kind = framework.dimension(correct.dimension).kind
            text = t("kap.wrong_dimension", item=item["text"], chosen=chosen.name,
                     chosen_dim=chosen.dimension, kind=kind)
        else:
            text = t("kap.wrong_element", item=item["text"], chosen=chosen.name, dimension=chosen.dimension,
                     questions=" / ".join(f"{e.name}: {e.question}" for e in framework.dimension(correct.dimension).elements))
        if reveal:
            text += " " + t("kap.reveal", element=correct.name, why=item["why"])
        details.append(text)
    total = len(items)
    score = right / total
    if right == total:
        return Verdict("correct", t("kap.placement_all_right", total=total), score=1.0)
    if not placed:
        return Verdict("not_answered", t("kap.placement_none"), tuple(details), 0.0)
    status = "partial" if right else "incorrect"
    return Verdict(status, t("kap.placement_some_right", right=right, total=total), tuple(details), score)


_CONDITION = re.compile(r"\b(if|when|whenever|should|in case|unless|as soon as|provided that|once)\b", re.I)
_ALTERNATIVE = re.compile(r"\b(otherwise|else|if not|if instead|if .{0,40}?(?:fails|does not|doesn't|is postponed|is cancelled|delays?))\b", re.I)
_ACTION = re.compile(r"\b(we|we'll|i|i'll|our|the account team|the kam|then)\b", re.I)


def conditional_strategy(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A rewrite of an objective as a strategy: "if <situation>, we <do>; if not, we <do>".

    This checks the *form* of a conditional plan (a condition, a response, an alternative
    scenario); the trainer judges its substance. The feedback says so.
    """
    if not isinstance(answer, str):
        raise InputError(t("kap.strategy_not_text", value=type(answer).__name__))
    text = " ".join(answer.split())
    words = len(text.split())
    minimum = int(exercise.key.get("min_words", 12))
    conditions = len(_CONDITION.findall(text))
    has_alternative = bool(_ALTERNATIVE.search(text)) or conditions >= 2
    has_action = bool(_ACTION.search(text))
    details: list[str] = []
    if words < minimum:
        details.append(t("kap.strategy_too_short", words=words, minimum=minimum))
    if conditions == 0:
        details.append(t("kap.strategy_no_condition"))
    if not has_action:
        details.append(t("kap.strategy_no_action"))
    if conditions and not has_alternative:
        details.append(t("kap.strategy_one_scenario"))
    if re.fullmatch(r"[^a-z]*\d+\s*%.*", text, re.I) or (conditions == 0 and re.search(r"\d+\s*%", text)):
        details.append(t("kap.strategy_looks_like_objective"))
    if not details:
        return Verdict("correct", t("kap.strategy_ok"), (t("kap.strategy_trainer"),), 1.0)
    if conditions and has_action and words >= minimum:
        return Verdict("partial", t("kap.strategy_partial"), tuple(details) + (t("kap.strategy_trainer"),), 0.5)
    return Verdict("incorrect", t("kap.strategy_not_yet"), tuple(details), 0.0)
