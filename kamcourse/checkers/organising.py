"""Checkers of lesson 09, organising for key account management (``exercises/09_organising_for_kam.ipynb``).

Taught in notebooks/09_organising_for_kam.ipynb.

* :func:`roles` -- duties given to top management, the key account director, the key account
  manager or the coordinator; each wrong one explained (one duty may go to two roles);
* :func:`reward` -- a reward mix (base, commission, bonus and what the bonus is paid on) for a
  team-sold, multi-year account, judged against Capon's guidance: each problem explained, and a
  sound mix answered with what it encourages;
* :func:`scorecard` -- a balanced scorecard: each metric said to be aligned, controllable,
  trackable and focused or not, with reasons (:func:`kamcourse.organising.assess_scorecard`).

After :data:`REVEAL_AFTER` wrong tries the course's answer is given as well; the last hint of
each exercise gives it on request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import organising
from ..checks import Exercise, Verdict, is_unanswered
from ..content import load, t
from ..errors import InputError
from ..inputs import REVEAL_AFTER, norm, reveal_answer
from ..values import short_repr

__all__ = [
    "REVEAL_AFTER",
    "duty_items",
    "read_reward",
    "read_scorecard",
    "reward",
    "role",
    "role_names",
    "roles",
    "scorecard",
]


# --------------------------------------------------------------------------- roles


def role_names(exercise: Exercise) -> dict[str, str]:
    """Role id -> its name, as the exercise offers them."""
    return {str(r["id"]): str(r["name"]) for r in exercise.key["roles"]}


def duty_items(exercise: Exercise) -> tuple[dict[str, Any], ...]:
    """The duties of the roles exercise: ``{id, text, roles, why}`` (``roles`` = accepted role ids)."""
    return tuple(
        {
            "id": str(d["id"]),
            "text": " ".join(str(d["text"]).split()),
            "roles": tuple(d["roles"]),
            "why": " ".join(str(d["why"]).split()),
        }
        for d in exercise.key["duties"]
    )


def role(value: Any, duty: str, names: dict[str, str]) -> str:
    """Read one role (its id or its name); :class:`InputError` listing the roles otherwise."""
    key = norm(value) if isinstance(value, str) else None
    for rid, name in names.items():
        if key in (norm(rid), norm(name)):
            return rid
    raise InputError(
        t("organising.roles_unknown_role", duty=duty, value=short_repr(value, 60), allowed=", ".join(names))
    )


def roles(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A role per duty. Answer: ``{duty id or text: role id or name}``."""
    if not isinstance(answer, Mapping):
        raise InputError(t("organising.roles_not_mapping", value=type(answer).__name__))
    items = duty_items(exercise)
    names = role_names(exercise)
    lookup = {}
    for item in items:
        lookup[norm(item["id"])] = item["id"]
        lookup[norm(item["text"])] = item["id"]
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        did = lookup.get(norm(key)) if isinstance(key, str) else None
        if did is None:
            raise InputError(
                t("organising.roles_unknown_duty", value=short_repr(key, 60), allowed=", ".join(i["id"] for i in items))
            )
        if not is_unanswered(value):
            chosen[did] = role(value, did, names)
    reveal = reveal_answer(attempts)
    details: list[str] = []
    right = 0
    for number, item in enumerate(items, start=1):
        picked = chosen.get(item["id"])
        if picked is None:
            details.append(t("organising.roles_missing", number=number))
            continue
        if picked in item["roles"]:
            right += 1
            continue
        text = t("organising.roles_wrong", number=number, text=item["text"], role=names[picked], why=item["why"])
        if reveal:
            text += " " + t("organising.roles_reveal", role=" / ".join(names[r] for r in item["roles"]))
        details.append(text)
    if len(chosen) == len(items) and len(set(chosen.values())) == 1:
        details.insert(0, t("organising.roles_one_role"))
    total = len(items)
    if right == total:
        return Verdict("correct", t("organising.roles_all_right", total=total), (), 1.0)
    if not chosen:
        return Verdict("not_answered", t("organising.roles_none"), tuple(details), 0.0)
    return Verdict(
        "partial" if right else "incorrect",
        t("organising.roles_some_right", right=right, total=total),
        tuple(details),
        right / total,
    )


# --------------------------------------------------------------------------- reward


def read_reward(answer: Any) -> tuple[organising.RewardMix, str]:
    """The mix and the learner's "what it encourages" text from an answer mapping."""
    if not isinstance(answer, Mapping):
        raise InputError(t("organising.reward_not_mapping", value=type(answer).__name__))
    why = answer.get("why") or ""
    if not isinstance(why, str):
        raise InputError(t("organising.reward_why_not_text", value=short_repr(why, 60)))
    measures = answer.get("bonus_on") or ()
    mix = organising.reward_mix(answer.get("base"), answer.get("commission"), answer.get("bonus"), measures)
    return mix, " ".join(why.split())


def reward(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A reward mix: ``{"base": %, "commission": %, "bonus": %, "bonus_on": [measure ids], "why": text}``.

    Judged against Capon's guidance for a team-sold, multi-year account (limits in
    ``content/organising.yaml``): limited commission on yearly revenue, a large fixed base, a bonus
    paid on something long-term and controllable, a handful of measures, and a sentence on what the
    mix encourages. A salary only is defensible but incomplete (partial).
    """
    mix, why = read_reward(answer)
    guide = load("organising")["reward"]
    measures = organising.reward_measures()
    problems: list[str] = []
    if mix.commission > float(guide["commission_max"]):
        problems.append(
            t("organising.reward_commission_high", share=f"{mix.commission:g}", limit=guide["commission_max"])
        )
    if mix.base < float(guide["base_min"]):
        problems.append(t("organising.reward_base_low", share=f"{mix.base:g}", limit=guide["base_min"]))
    kinds = {measures[m]["kind"] for m in mix.bonus_on}
    if mix.bonus > 0 and not mix.bonus_on:
        problems.append(t("organising.reward_bonus_no_measure", share=f"{mix.bonus:g}"))
    elif mix.bonus == 0 and mix.bonus_on:
        problems.append(t("organising.reward_measures_without_bonus"))
    elif mix.bonus > 0:
        if kinds == {"short"}:
            problems.append(t("organising.reward_bonus_revenue_only"))
        elif kinds == {"company"}:
            problems.append(t("organising.reward_bonus_company_only"))
        elif not kinds & {"long", "team"}:
            problems.append(t("organising.reward_bonus_no_long"))
        if len(mix.bonus_on) > int(guide["bonus_max_measures"]):
            problems.append(
                t("organising.reward_too_many_measures", count=len(mix.bonus_on), limit=guide["bonus_max_measures"])
            )
    details = tuple(problems) + tuple(mix.encourages())
    if problems:
        if reveal_answer(attempts):
            details += (t("organising.reward_reveal"),)
        return Verdict("incorrect", t("organising.reward_problems", count=len(problems)), details, 0.0)
    if mix.base == 100:
        return Verdict("partial", t("organising.reward_all_base"), details, 0.5)
    words = len(why.split())
    if words < int(guide["min_words"]):
        return Verdict(
            "partial", t("organising.reward_why_short", words=words, minimum=guide["min_words"]), details, 0.5
        )
    return Verdict(
        "correct",
        t("organising.reward_right", base=f"{mix.base:g}", commission=f"{mix.commission:g}", bonus=f"{mix.bonus:g}"),
        details,
        1.0,
    )


# --------------------------------------------------------------------------- scorecard


def read_scorecard(answer: Any) -> organising.ScorecardAssessment:
    """Assess a scorecard answer (``{perspective: [metrics]}``)."""
    if not isinstance(answer, (Mapping, list, tuple)):
        raise InputError(t("organising.scorecard_not_mapping", value=type(answer).__name__))
    return organising.assess_scorecard(answer)


def scorecard(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A balanced scorecard: ``{perspective: [metric, ...]}``. Every metric gets a line saying
    whether it is aligned, controllable, trackable and focused, and why; the scorecard as a whole
    must be balanced and focused. Nonsense ("be the best") fails on trackable and aligned."""
    result = read_scorecard(answer)
    if not result.metrics:
        return Verdict("not_answered", t("checks.not_answered", title=exercise.title), (), 0.0)
    details = list(result.problems) + [m.summary() for m in result.metrics]
    passing = sum(m.ok for m in result.metrics)
    count = len(result.metrics)
    if result.ok:
        return Verdict("correct", t("organising.scorecard_right"), tuple(details), 1.0)
    if reveal_answer(attempts):
        example = organising.example_scorecard()
        names = {p["id"]: p["name"] for p in organising.perspectives()}
        details.append(
            t(
                "organising.scorecard_reveal",
                example="; ".join(f"{names[p]}: {', '.join(ms)}" for p, ms in example.items()),
            )
        )
    if passing == 0:
        return Verdict("incorrect", t("organising.scorecard_none_pass", count=count), tuple(details), 0.0)
    return Verdict(
        "partial", t("organising.scorecard_some", passing=passing, count=count), tuple(details), passing / count
    )
