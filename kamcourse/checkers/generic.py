"""Checkers shared by all lessons: multiple choice and numbers."""

from __future__ import annotations

import math
from typing import Any

from ..checks import Exercise, Verdict
from ..content import t
from ..errors import InputError

#: After this many wrong tries, choice feedback also gives the right answer.
REVEAL_AFTER = 2


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def choice(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """One right option among several; each option carries its own explanation.

    Key: ``options`` (list of ``{id, text, why}``) and ``answer`` (the right option's id).
    The learner's answer may be the option id (``"b"``) or its exact text.
    """
    options = exercise.key["options"]
    chosen = None
    for option in options:
        if _norm(answer) in (_norm(option["id"]), _norm(option["text"])):
            chosen = option
            break
    if chosen is None:
        allowed = ", ".join(f"{o['id']}" for o in options)
        raise InputError(t("checks.choice_unknown", value=repr(answer), title=exercise.title, allowed=allowed))
    right = next(o for o in options if o["id"] == exercise.key["answer"])
    why = " ".join(str(chosen["why"]).split())
    if chosen is right:
        return Verdict("correct", t("checks.choice_correct", why=why), score=1.0)
    if attempts + 1 >= REVEAL_AFTER:
        return Verdict(
            "incorrect",
            t("checks.choice_wrong_reveal", why=why, right=right["id"], right_text=" ".join(str(right["text"]).split()).rstrip("."),
              right_why=" ".join(str(right["why"]).split())),
            score=0.0,
        )
    return Verdict("incorrect", t("checks.choice_wrong", why=why), score=0.0)


def number(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A number within ``tolerance`` (absolute, default 1e-9) of ``key.answer``."""
    if isinstance(answer, bool):
        raise InputError(t("checks.number_not_a_number", value=repr(answer), title=exercise.title))
    try:
        value = float(str(answer).replace(",", ".").strip()) if isinstance(answer, str) else float(answer)
    except (TypeError, ValueError):
        raise InputError(t("checks.number_not_a_number", value=repr(answer), title=exercise.title)) from None
    if not math.isfinite(value):
        raise InputError(t("checks.number_not_a_number", value=repr(answer), title=exercise.title))
    target = float(exercise.key["answer"])
    tolerance = float(exercise.key.get("tolerance", 1e-9))
    why = " ".join(str(exercise.key.get("why", "")).split())
    if abs(value - target) <= tolerance:
        return Verdict("correct", t("checks.number_correct", value=answer, why=why), score=1.0)
    return Verdict("incorrect", t("checks.number_wrong", value=answer, why=why), score=0.0)
