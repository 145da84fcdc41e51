"""Checkers for the key account plan exercises (``exercises/06_situational_analysis.ipynb``,
``exercises/07_strategy_formulation.ipynb``, ``exercises/08_key_account_plan.ipynb``).

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

Each checker first reads the answer with the plan's own validation (a value it cannot read is
named and refused), then diagnoses: an item sorted into the wrong box gets the reason from the
case; an objective that is not measurable says which part is missing, one whose baseline
contradicts the case quotes the case; a strategy with no condition is called an action plan;
a stakeholder map with only friends asks whether it is honest, and an influential person
nobody covers is named; an action with no owner is named, and so is an objective no action
serves. After :data:`REVEAL_AFTER` tries, the expected answer is given as well.
"""

from __future__ import annotations

import datetime as _dt
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from .. import planning as P
from ..checks import Exercise, Verdict, is_unanswered
from ..content import load, t
from ..errors import InputError
from ..inputs import REVEAL_AFTER, reveal_answer
from ..values import short_repr

__all__ = [
    "REVEAL_AFTER",
    "actions",
    "conditional",
    "objectives",
    "sort",
    "sort_items",
    "stakeholders",
    "vellmar_people",
]

_MIN_WORDS = 3


def _status(problems: int, total: int, right: int) -> str:
    if problems == 0:
        return "correct"
    return "partial" if right else "incorrect"


def _rows(answer: Any, what: str) -> list[dict[str, Any]]:
    if isinstance(answer, Mapping):
        answer = [answer]
    if not isinstance(answer, (list, tuple)) or not all(isinstance(r, Mapping) for r in answer):
        raise InputError(t("planning.ck_not_rows", what=what, value=type(answer).__name__))
    return [dict(r) for r in answer if not is_unanswered(dict(r))]


def _cut(text: str, width: int = 60) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026") or text[:width] or "-"


def _or(items: Any) -> str:
    return t("planning.or_join").join(str(i) for i in items)


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def vellmar_people() -> tuple[str, ...]:
    """The names of Vellmar's people (``content/case/organisation.yaml``)."""
    return tuple(str(p["name"]) for p in load("case/organisation")["people"])


# --------------------------------------------------------------------------- sorting
def sort_items(exercise: Exercise) -> list[dict[str, Any]]:
    """The items of a sorting exercise: ``{id, text, accept: [...], why}``."""
    return [dict(item) for item in exercise.key["items"]]


def sort(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Each item in a box (``key.boxes``); an item may accept more than one box (``accept``).

    Answer: ``{item id or text: box}``. A wrong box is explained with the item's ``why``.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("planning.ck_sort_not_mapping", value=type(answer).__name__))
    boxes = [str(b) for b in exercise.key["boxes"]]
    items = sort_items(exercise)
    by_key = {P.label_key(i["id"]): i for i in items} | {P.label_key(i["text"]): i for i in items}
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        item = by_key.get(P.label_key(key))
        if item is None:
            raise InputError(
                t("planning.ck_sort_unknown_item", value=short_repr(key, 60), allowed=", ".join(i["id"] for i in items))
            )
        if is_unanswered(value):
            continue
        box = next((b for b in boxes if P.label_key(b) == P.label_key(value)), None)
        if box is None:
            raise InputError(
                t(
                    "planning.ck_sort_unknown_box",
                    item=item["id"],
                    value=short_repr(value, 60),
                    allowed=", ".join(boxes),
                )
            )
        chosen[item["id"]] = box
    reveal = reveal_answer(attempts)
    details, right = [], 0
    for item in items:
        got = chosen.get(item["id"])
        if got is None:
            details.append(t("planning.ck_sort_missing", text=item["text"]))
        elif got in item["accept"]:
            right += 1
        else:
            text = t("planning.ck_sort_wrong", text=item["text"], box=got, why=" ".join(str(item["why"]).split()))
            if reveal:
                text += " " + t("planning.ck_sort_reveal", boxes=_or(item["accept"]))
            details.append(text)
    total = len(items)
    status = _status(total - right, total, right)
    if status == "correct":
        return Verdict("correct", t("planning.ck_sort_right", total=total), score=1.0)
    return Verdict(status, t("planning.ck_sort_some", right=right, total=total), tuple(details), right / total)


# --------------------------------------------------------------------------- objectives
def _topic(objective: P.Objective, topics: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    for text in (P.label_key(objective.metric), P.label_key(objective.text)):  # what is measured decides first
        for topic in topics:
            for measure in topic["measures"]:
                if text and any(k in text for k in measure["keywords"]):
                    return topic, measure
    return None


def _baseline_ok(value: float, measure: Mapping[str, Any], unit: str) -> bool:
    for accepted in measure["baselines"]:
        if abs(value - float(accepted)) <= float(measure.get("tolerance", 0.01)) * max(1.0, abs(float(accepted))):
            return True
        millions = "million" in unit.casefold() or P.label_key(unit) in ("m", "eur m", "meur", "m eur")
        if millions and abs(value * 1e6 - float(accepted)) <= 0.05 * abs(float(accepted)):
            return True
    return False


def objectives(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Objectives as rows (``text, level, metric, unit, baseline, target, due``).

    Each must be measurable (metric, baseline, target, date within the plan) and change
    something; the ``key.topics`` must each be covered by one objective of the right level,
    whose baseline agrees with the case and whose target moves the right way.
    """
    rows = _rows(answer, t("planning.part_objectives"))
    items = P.Plan.from_dict({"account": P.ACCOUNT, "objectives": rows}).objectives
    start, end = _dt.date.fromisoformat(exercise.key["start"]), _dt.date.fromisoformat(exercise.key["end"])
    topics = [dict(x) for x in exercise.key["topics"]]
    reveal = reveal_answer(attempts)
    details: list[str] = []
    covered: dict[str, bool] = {}
    if not items:
        return Verdict("incorrect", t("planning.ck_obj_none"), (), 0.0)
    for number, objective in enumerate(items, start=1):
        name = t("planning.ck_obj_name", number=number, text=_cut(objective.text or objective.metric))
        problems = []
        gaps = P.objective_gaps(objective)
        if gaps:
            problems.append(t("planning.ck_obj_not_measurable", parts=", ".join(gaps)))
        if objective.due is not None and not start < objective.due <= end:
            problems.append(
                t("planning.ck_obj_due", due=objective.due.isoformat(), start=start.isoformat(), end=end.isoformat())
            )
        match = _topic(objective, topics)
        if match is None and _words(objective.metric) < 2:  # an extra objective is welcome if it says what it measures
            problems.append(
                t(
                    "planning.ck_obj_no_topic",
                    metric=objective.metric or objective.text or "-",
                    topics=", ".join(x["name"] for x in topics),
                )
            )
        if match is not None:
            topic, measure = match
            if objective.baseline is not None and not _baseline_ok(objective.baseline, measure, objective.unit):
                text = t("planning.ck_obj_baseline", value=f"{objective.baseline:g}", fact=measure["fact"])
                problems.append(text)
            if objective.baseline is not None and objective.target is not None:
                up = measure.get("direction", "up") == "up"
                if objective.target == objective.baseline:
                    problems.append(t("planning.ck_obj_no_change", value=f"{objective.target:g}"))
                elif (objective.target > objective.baseline) != up:
                    problems.append(
                        t(
                            "planning.ck_obj_direction",
                            target=f"{objective.target:g}",
                            baseline=f"{objective.baseline:g}",
                            way=t("planning.ck_up" if up else "planning.ck_down"),
                        )
                    )
            if objective.level != topic["level"]:
                problems.append(t(f"planning.ck_obj_level_{topic['level']}", name=topic["name"]))
            covered[topic["id"]] = covered.get(topic["id"], False) or not problems
        details += [f"{name}: {p}" for p in problems]
    for topic in topics:
        if topic["id"] not in covered:
            details.append(t("planning.ck_obj_topic_missing", name=topic["name"]))
            if reveal:
                details.append(t("planning.ck_obj_reveal", example=topic["example"]))
    right = sum(covered.values())
    status = "correct" if not details else ("partial" if right else "incorrect")
    if status == "correct":
        return Verdict("correct", t("planning.ck_obj_right", count=len(items)), score=1.0)
    return Verdict(
        status, t("planning.ck_obj_some", right=right, total=len(topics)), tuple(details), right / len(topics)
    )


# --------------------------------------------------------------------------- conditional strategies
def conditional(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Strategies as rows (``uncertainty, condition, then, otherwise``): at least ``key.minimum``,
    each tied to one of the account's uncertainties, with a condition about it and two different
    courses of action."""
    rows = _rows(answer, t("planning.part_conditional"))
    uncertainties = [
        P.Uncertainty.from_dict({"id": u["id"], "what": " ".join(str(u["what"]).split())})
        for u in P.case_account(exercise.key.get("account", P.ACCOUNT))["uncertainties"]
    ]
    items = P.Plan.from_dict({"account": P.ACCOUNT, "strategy": {"conditional": rows}}).strategy.conditional
    keywords = {k: [str(w) for w in v] for k, v in exercise.key["keywords"].items()}
    ids = {u.id.casefold(): u for u in uncertainties}
    minimum = int(exercise.key.get("minimum", 2))
    details: list[str] = []
    good = 0
    for number, item in enumerate(items, start=1):
        name = t("planning.ck_cs_name", number=number, then=_cut(item.then or item.condition))
        problems = []
        if not item.condition:
            problems.append(t("planning.ck_cs_no_condition"))
        if _words(item.then) < _MIN_WORDS:
            problems.append(t("planning.ck_cs_then_short"))
        if _words(item.otherwise) < _MIN_WORDS:
            problems.append(t("planning.ck_cs_otherwise_short"))
        if item.then and item.otherwise and P.label_key(item.then) == P.label_key(item.otherwise):
            problems.append(t("planning.ck_cs_same"))
        uncertainty = ids.get(item.uncertainty.casefold()) if item.uncertainty else None
        if uncertainty is None:
            problems.append(
                t(
                    "planning.ck_cs_no_uncertainty",
                    value=item.uncertainty or "-",
                    allowed=", ".join(u.id for u in uncertainties),
                )
            )
        elif item.condition and not any(k in P.label_key(item.condition) for k in keywords.get(uncertainty.id, [])):
            problems.append(t("planning.ck_cs_off_topic", id=uncertainty.id, what=uncertainty.what))
        if problems:
            details += [f"{name}: {p}" for p in problems]
        else:
            good += 1
    used = [i.uncertainty.casefold() for i in items if i.uncertainty]
    if len(set(used)) < len(used):
        details.append(t("planning.ck_cs_repeated"))
    if good < minimum:
        details.append(t("planning.ck_cs_too_few", good=good, minimum=minimum))
        if reveal_answer(attempts):
            details.append(t("planning.ck_cs_reveal", example=exercise.key["example"]))
    if not details:
        return Verdict("correct", t("planning.ck_cs_right", count=good), score=1.0)
    return Verdict(
        "partial" if good else "incorrect",
        t("planning.ck_cs_some", good=good, minimum=minimum),
        tuple(details),
        min(1.0, good / minimum),
    )


# --------------------------------------------------------------------------- stakeholder map
def stakeholders(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """The stakeholder map as rows. Every person of the case stays on it; every person of high
    influence is covered by one of Vellmar's people; the case's evidence bounds some attitudes
    (``key.attitudes``); a map with no neutral and no one against us is questioned; the top of
    the customer is covered by our top management (``key.senior``)."""
    rows = _rows(answer, t("planning.part_stakeholders"))
    people = P.Plan.from_dict({"account": P.ACCOUNT, "stakeholders": rows}).stakeholders
    ours = {n.casefold(): n for n in vellmar_people()}
    expected = [str(n) for n in exercise.key["people"]]
    by_name = {p.name.casefold(): p for p in people}
    reveal = reveal_answer(attempts)
    details: list[str] = []
    for name in expected:
        if name.casefold() not in by_name:
            details.append(t("planning.ck_sh_missing", name=name))
    for person in people:
        if person.influence == "high" and not person.covered_by:
            details.append(t("planning.ck_sh_uncovered", name=person.name, title=person.title or person.role))
        if person.covered_by and person.covered_by.casefold() not in ours:
            details.append(
                t(
                    "planning.ck_sh_not_ours",
                    name=person.name,
                    who=person.covered_by,
                    allowed=", ".join(vellmar_people()),
                )
            )
    for name, rule in exercise.key["attitudes"].items():
        found = by_name.get(str(name).casefold())
        if found is not None and found.attitude not in rule["accept"]:
            text = t(
                "planning.ck_sh_attitude", name=found.name, attitude=found.attitude, why=" ".join(rule["why"].split())
            )
            if reveal:
                text += " " + t("planning.ck_sh_attitude_reveal", accept=_or(rule["accept"]))
            details.append(text)
    for name, rule in exercise.key.get("senior", {}).items():
        found = by_name.get(str(name).casefold())
        if found is not None and found.covered_by and found.covered_by not in rule["accept"]:
            details.append(
                t("planning.ck_sh_senior", name=found.name, who=found.covered_by, accept=_or(rule["accept"]))
            )
    only_friends = bool(people) and not {p.attitude for p in people} & {"neutral", "non-supporter", "opponent"}
    if only_friends:
        details.insert(0, t("planning.cv_only_friends"))
    if not details:
        return Verdict("correct", t("planning.ck_sh_right", count=len(people)), score=1.0)
    covered = sum(1 for p in people if p.influence != "high" or p.covered_by)
    score = covered / max(1, len(people))
    return Verdict(
        "partial" if score > 0.5 and not only_friends else "incorrect",
        t("planning.ck_sh_some", count=len(details)),
        tuple(details),
        round(score, 2),
    )


# --------------------------------------------------------------------------- action plan
def actions(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Actions as rows (``what, kind, owner, due, status, objective``) for the worked plan's
    objectives: each action says what, has an owner among Vellmar's people and a due date in the
    plan's period, serves a known objective; every objective is served; both kinds appear; some
    action falls due in the first three months."""
    rows = _rows(answer, t("planning.part_actions"))
    items = P.Plan.from_dict({"account": P.ACCOUNT, "actions": rows}).actions
    start, end = _dt.date.fromisoformat(exercise.key["start"]), _dt.date.fromisoformat(exercise.key["end"])
    objectives_ = {str(k): str(v) for k, v in exercise.key["objectives"].items()}
    ids = {k.casefold(): k for k in objectives_}
    ours = {n.casefold() for n in vellmar_people()}
    details: list[str] = []
    if not items:
        return Verdict("incorrect", t("planning.ck_ac_none"), (), 0.0)
    good = 0
    for number, action in enumerate(items, start=1):
        name = t("planning.cv_action_label", number=number, what=_cut(action.what))
        problems = []
        if _words(action.what) < _MIN_WORDS:
            problems.append(t("planning.ck_ac_what"))
        if not action.owner:
            problems.append(t("planning.ck_ac_no_owner"))
        elif action.owner.casefold() not in ours:
            problems.append(t("planning.ck_ac_owner_unknown", owner=action.owner, allowed=", ".join(vellmar_people())))
        if action.due is None:
            problems.append(t("planning.ck_ac_no_due"))
        elif not start <= action.due <= end:
            problems.append(
                t("planning.ck_ac_due", due=action.due.isoformat(), start=start.isoformat(), end=end.isoformat())
            )
        if not action.objective:
            problems.append(t("planning.ck_ac_no_objective", allowed=", ".join(objectives_)))
        elif action.objective.casefold() not in ids:
            problems.append(
                t("planning.ck_ac_unknown_objective", value=action.objective, allowed=", ".join(objectives_))
            )
        if problems:
            details += [f"{name}: {p}" for p in problems]
        else:
            good += 1
    served = {ids[a.objective.casefold()] for a in items if a.objective.casefold() in ids}
    for key, text in objectives_.items():
        if key not in served:
            details.append(t("planning.ck_ac_objective_unserved", id=key, text=text))
    kinds = {a.kind for a in items}
    for kind in ("contractual", "relational"):
        if kind not in kinds:
            details.append(t(f"planning.cv_no_{kind}"))
    if not any(a.due is not None and 0 <= (a.due - start).days <= 92 for a in items):
        details.append(t("planning.ck_ac_nothing_soon"))
    if not details:
        return Verdict("correct", t("planning.ck_ac_right", count=len(items)), score=1.0)
    return Verdict(
        "partial" if good else "incorrect",
        t("planning.ck_ac_some", good=good, count=len(items)),
        tuple(details),
        round(good / len(items), 2),
    )
