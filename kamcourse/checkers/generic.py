"""Checkers shared by all lessons: multiple choice and numbers.

Used by the exercises of every lesson (kind ``generic.choice``, ``generic.number``). What learners
type is read by :mod:`kamcourse.inputs` (``"1 234,5"`` is 1234.5 here as everywhere).
"""

from __future__ import annotations

from typing import Any

from .. import inputs
from ..checks import Exercise, Verdict
from ..content import t
from ..errors import InputError


def typed_number(answer: Any, exercise: Exercise) -> float:
    """A number as a learner types it (``605``, ``"605,0"``, ``"1 234,5"``), read by
    :func:`kamcourse.inputs.number`; :class:`InputError` naming the exercise otherwise."""
    value = inputs.number(answer, exercise.title)
    if value is None:
        raise InputError(t("checks.number_not_a_number", value=repr(answer), title=exercise.title))
    return value


def choice(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """One right option among several; each option carries its own explanation.

    Key: ``options`` (list of ``{id, text, why}``) and ``answer`` (the right option's id).
    The learner's answer may be the option id (``"b"``) or its exact text.
    """
    options = exercise.key["options"]
    chosen = None
    for option in options:
        if inputs.norm(answer) in (inputs.norm(option["id"]), inputs.norm(option["text"])):
            chosen = option
            break
    if chosen is None:
        allowed = ", ".join(f"{o['id']}" for o in options)
        raise InputError(t("checks.choice_unknown", value=repr(answer), title=exercise.title, allowed=allowed))
    right = next(o for o in options if o["id"] == exercise.key["answer"])
    why = " ".join(str(chosen["why"]).split())
    if chosen is right:
        return Verdict("correct", t("checks.choice_correct", why=why), score=1.0)
    if inputs.reveal_answer(attempts):
        return Verdict(
            "incorrect",
            t(
                "checks.choice_wrong_reveal",
                why=why,
                right=right["id"],
                right_text=" ".join(str(right["text"]).split()).rstrip("."),
                right_why=" ".join(str(right["why"]).split()),
            ),
            score=0.0,
        )
    return Verdict("incorrect", t("checks.choice_wrong", why=why), score=0.0)


def number(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A number within ``tolerance`` (absolute, default 1e-9) of ``key.answer``."""
    value = typed_number(answer, exercise)
    target = float(exercise.key["answer"])
    tolerance = float(exercise.key.get("tolerance", 1e-9))
    why = " ".join(str(exercise.key.get("why", "")).split())
    if abs(value - target) <= tolerance:
        return Verdict("correct", t("checks.number_correct", value=answer, why=why), score=1.0)
    return Verdict("incorrect", t("checks.number_wrong", value=answer, why=why), score=0.0)
