"""A practice room: generated workbooks of imaginary groups, to rehearse the compare view.

Taught in trainer/guide.ipynb; also used by the tests and ``bench/bench_compare.py``.
:func:`room` returns a mapping *group name -> workbook dict* in the format of
:mod:`kamcourse.workbook`, with answers drawn around the worked answers of the course's
exercises (a share ``skill`` of the items right), statuses given by the course's own
checkers, a few hints and tries, and some changed ratings in lesson 03's grid.
:func:`write_room` writes such a room as files into a folder, optionally with damaged,
foreign and newer-format files among them, as a real exchange folder may hold.

The answers are the course's inventions about its fictional case; they do not come from
people.
"""

from __future__ import annotations

import importlib
import json
import os
import random
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .. import checks, content
from ..content import t
from ..errors import InputError

__all__ = ["KNOWN_KINDS", "answer_for", "room", "write_room"]

FORMAT = "kamcourse-workbook"
VERSION = 1
MAX_GROUPS = 5000
POOL = 12  # answers drawn per exercise; groups pick among them
_START = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


def _texts(name: str) -> list[str]:
    data = content.load("trainer/sample")
    items = data.get(name) if isinstance(data, dict) else None
    return [str(i) for i in items] if isinstance(items, list) and items else ["-"]


# --------------------------------------------------------------------------- one answer per kind


_Ctx = dict[Any, Any]


def _once(ctx: _Ctx, key: Any, make: Callable[[], Any]) -> Any:
    """``make()`` computed once per room (the case's tables are slow to rebuild)."""
    if key not in ctx:
        ctx[key] = make()
    return ctx[key]


def _placement(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    items = ex.key.get("items", [])
    elements = sorted({str(i["element"]) for i in items})
    answer = {}
    for item in items:
        right = str(item["element"])
        answer[str(item["id"])] = (
            right if rng.random() < skill else rng.choice([e for e in elements if e != right] or [right])
        )
    return answer


def _strategy(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    texts = _texts("strategy")
    return texts[0] if rng.random() < skill * 0.6 else rng.choice(texts)


def _choice(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    ids = [str(o["id"]) for o in ex.key.get("options", [])]
    right = str(ex.key.get("answer"))
    return right if rng.random() < skill or len(ids) < 2 else rng.choice([i for i in ids if i != right])


def _number(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    right = float(ex.key["answer"])
    if rng.random() < skill:
        return int(right) if right.is_integer() else right
    return int(right + rng.choice([-1, 1]) * rng.randint(2, 12) * 5)


def _weights(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    criteria = ex.key.get("criteria", [])
    good = [c["name"] for c in criteria if c.get("kind") == "attractiveness"]
    strength = [c["name"] for c in criteria if c.get("kind") != "attractiveness"]
    used = rng.sample(good, k=min(len(good), rng.randint(4, 7)))
    if rng.random() > skill and strength:
        used.append(rng.choice(strength))
    raw = [rng.randint(1, 6) for _ in used]
    weights = [5 * round(20 * r / sum(raw)) for r in raw]
    weights[0] += 100 - sum(weights)
    if weights[0] < 0:  # rounding pushed the first below zero: start again with equal shares
        weights = [100 // len(used)] * len(used)
        weights[0] += 100 - sum(weights)
    answer = {c["name"]: 0 for c in criteria}
    answer.update(dict(zip(used, weights, strict=False)))
    why = _texts("weights_why")
    return {"weights": answer, "justification": why[0] if rng.random() < skill else rng.choice(why)}


def _ranking(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from .. import selection

    def top() -> list[str]:
        case = selection.case_portfolio()
        return [
            str(a) for a in selection.weighted_scores(case.weights, case.ratings).sort_values(ascending=False).index[:8]
        ]

    order = list(_once(ctx, "ranking", top))
    for i in range(len(order) - 1):
        if rng.random() > skill:
            order[i], order[i + 1] = order[i + 1], order[i]
    return {"source": "case", "top": [str(a) for a in order[: int(ex.key.get("top", 5))]]}


def _strength(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from ..checkers import portfolio as port

    variants = _once(ctx, ("strength", ex.id), lambda: port.strength_variants(ex))
    value = variants["strength"] if rng.random() < skill else rng.choice(list(variants["wrong"].values()))
    return f"{value:.2f}"


def _classify(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from .. import portfolio
    from ..checkers import portfolio as port

    answer = {}
    for item in _once(ctx, ("classify", ex.id), lambda: port.classify_items(ex)):
        right = str(item["category"])
        answer[str(item["account"])] = (
            right if rng.random() < skill else rng.choice([c for c in portfolio.CATEGORIES if c != right])
        )
    return answer


def _allocation(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    budget = int(ex.key.get("budget", 400))
    shares = {"Strategic": 45, "Star": 30, "Status": 18, "Streamline": 7}
    days = {}
    for category, share in shares.items():
        noise = 1 + rng.uniform(-0.3, 0.3) if rng.random() < skill else rng.uniform(0.3, 1.8)
        days[category] = max(0, int(5 * round(budget * share / 100 * noise / 5)))
    days["Strategic"] = max(0, days["Strategic"] + budget - sum(days.values()))
    why = _texts("allocation_why")
    return {"days": {k: str(v) for k, v in days.items()}, "why": why[0] if rng.random() < skill else rng.choice(why)}


def _diagnose(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from .. import relationships
    from ..checkers import relationships as rel

    stages = [s.id for s in relationships.STAGES]
    return {
        c.id: c.stage if rng.random() < skill else rng.choice([s for s in stages if s != c.stage])
        for c in _once(ctx, ("diagnose", ex.id), lambda: rel.diagnose_cases(ex))
    }


def _quick_check(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from .. import relationships
    from ..checkers import relationships as rel

    labels = relationships.scale_labels()  # strongly agree ... strongly disagree
    points = {label: relationships.parse_answer(label) for label in labels}
    key = rel.quick_check_key(ex)
    answer = {}
    for statement, want in key.items():
        fitting = [label for label, p in points.items() if want["min"] <= p <= want["max"]]
        answer[statement] = rng.choice(fitting) if fitting and rng.random() < skill else rng.choice(list(labels))
    return answer


def _contacts(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    texts = _texts("contacts")
    return texts[0] if rng.random() < skill else rng.choice(texts)


def _portfolio(ex: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx) -> Any:
    from ..checkers import relationships as rel

    frame = _once(ctx, "portfolio", rel.portfolio_key)
    decisions = [str(d) for d in ex.key.get("decisions", ["invest more", "hold", "invest less"])]
    return {
        str(row["account"]): str(row["decision"]) if rng.random() < skill else rng.choice(decisions)
        for _, row in frame.iterrows()
    }


_MAKERS: dict[str, Callable[[checks.Exercise, random.Random, float, _Ctx], Any]] = {
    "framework.placement": _placement,
    "framework.conditional_strategy": _strategy,
    "generic.choice": _choice,
    "generic.number": _number,
    "selection.weights": _weights,
    "selection.ranking": _ranking,
    "portfolio.strength": _strength,
    "portfolio.classify": _classify,
    "portfolio.allocation": _allocation,
    "relationships.diagnose": _diagnose,
    "relationships.quick_check": _quick_check,
    "relationships.contacts": _contacts,
    "relationships.portfolio": _portfolio,
}
#: The exercise kinds the practice room can answer (other exercises are left unanswered).
KNOWN_KINDS = tuple(_MAKERS)


def answer_for(exercise: checks.Exercise, rng: random.Random, skill: float = 0.7, ctx: _Ctx | None = None) -> Any:
    """A generated answer to ``exercise`` (None when its kind is not one of :data:`KNOWN_KINDS`)."""
    maker = _MAKERS.get(exercise.kind)
    return maker(exercise, rng, skill, ctx if ctx is not None else {}) if maker is not None else None


def _course_exercises() -> list[checks.Exercise]:
    folder = content.CONTENT_DIR / "exercises"
    items: list[checks.Exercise] = []
    for path in sorted(folder.glob("*.yaml")):
        items += checks.exercises(path.stem)
    return items


class _Checker:
    """The course's checkers, each verdict computed once per distinct answer."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], str] = {}

    def status(self, exercise: checks.Exercise, answer: Any) -> str:
        key = (exercise.id, json.dumps(answer, sort_keys=True))
        if key not in self._cache:
            module_name, _, func_name = exercise.kind.rpartition(".")
            func = getattr(importlib.import_module(f"kamcourse.checkers.{module_name}"), func_name)
            try:
                self._cache[key] = str(func(answer, exercise, 0).status)
            except InputError:
                self._cache[key] = "invalid"
        return self._cache[key]


def _check_count(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(t("trainer.sample_bad_count", name=name, value=repr(value)[:40], low=low, high=high))
    return value


def room(
    groups: int = 12,
    *,
    seed: int = 0,
    skill: float = 0.7,
    participation: float = 0.9,
    exercises: Iterable[str] | None = None,
    names: str = "group-{n:02d}",
) -> dict[str, dict[str, Any]]:
    """``groups`` generated workbooks: name -> workbook dict (see the module's docstring).

    ``skill`` is the chance of each item being right, ``participation`` the chance that a
    group answered a given exercise; ``exercises`` limits the room to these ids (default:
    every exercise the course has); ``names`` formats each group's name from ``n`` (1, 2, ...).
    The same ``seed`` gives the same room.
    """
    _check_count(groups, "groups", 0, MAX_GROUPS)
    for name, value in (("skill", skill), ("participation", participation)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise InputError(t("trainer.sample_bad_share", name=name, value=repr(value)[:40]))
    if not isinstance(names, str):
        raise InputError(t("trainer.sample_bad_names", value=repr(names)[:60]))
    try:
        names.format(n=1)
    except (KeyError, IndexError, ValueError):
        raise InputError(t("trainer.sample_bad_names", value=repr(names)[:60])) from None
    rng = random.Random(seed)
    chosen = _course_exercises()
    if exercises is not None:
        wanted = [str(e) for e in exercises]
        known = {e.id: e for e in chosen}
        missing = [e for e in wanted if e not in known]
        if missing:
            raise InputError(t("trainer.sample_unknown", value=", ".join(missing)[:200]))
        chosen = [known[e] for e in wanted]
    checker = _Checker()
    ctx: _Ctx = {}
    pools = {e.id: _pool(e, rng, skill, ctx, checker) for e in chosen}
    weights = [1 / (i + 1) for i in range(POOL)]
    base = _once(ctx, "ratings", _case_ratings)
    result: dict[str, dict[str, Any]] = {}
    for n in range(1, groups + 1):
        name = names.format(n=n)
        book: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exercises": {}, "state": {}}
        clock = _START + timedelta(minutes=rng.randint(0, 30))
        for exercise in chosen:
            pool = pools[exercise.id]
            if not pool or rng.random() > participation:
                continue
            answer, status = rng.choices(pool, weights=weights[: len(pool)])[0]
            clock += timedelta(minutes=rng.randint(1, 9), seconds=rng.randint(0, 59))
            stamp = clock.isoformat(timespec="seconds")
            record: dict[str, Any] = {"answer": answer, "updated": stamp, "hints_shown": rng.choice([0, 0, 0, 1, 2])}
            if rng.random() < 0.85:
                tries = [{"time": stamp, "status": status, "answer": answer}]
                if status == "correct" and rng.random() < 0.3:
                    tries.insert(0, {"time": stamp, "status": "incorrect", "answer": answer})
                record["attempts"] = tries
            book["exercises"][exercise.id] = record
        edits = _rating_edits(rng, base)
        if edits:
            book["state"]["sel.ratings_grid"] = edits
        result[name] = book
    return result


def _pool(
    exercise: checks.Exercise, rng: random.Random, skill: float, ctx: _Ctx, checker: _Checker
) -> list[tuple[Any, str]]:
    """:data:`POOL` distinct-ish answers to ``exercise`` with their checkers' statuses, the best first.

    Groups draw from the pool, the first answers more often (real rooms repeat answers too),
    so the checkers run a few times per exercise instead of once per group.
    """
    if exercise.kind not in _MAKERS:
        return []
    pool = []
    for index in range(POOL):
        answer = answer_for(exercise, rng, 1.0 if index == 0 else skill, ctx)
        pool.append((answer, checker.status(exercise, answer)))
    return pool


def _case_ratings() -> Any:
    from .. import selection

    return selection.case_portfolio().ratings


def _rating_edits(rng: random.Random, ratings: Any) -> dict[str, dict[str, float]]:
    """A few changed ratings in lesson 03's grid (soft criteria move most, as in real teams)."""
    edits: dict[str, dict[str, float]] = {}
    accounts = list(ratings.index[:6])
    soft = [c for c in ratings.columns if "fit" in c.lower() or "relationship" in c.lower()] or list(ratings.columns)
    for _ in range(rng.randint(0, 5)):
        account = rng.choice(accounts)
        criterion = rng.choice(soft if rng.random() < 0.7 else list(ratings.columns))
        base = float(ratings.loc[account, criterion])
        value = min(10.0, max(0.0, base + rng.choice([-3, -2, -1, 1, 2, 3])))
        edits.setdefault(str(account), {})[str(criterion)] = value
    return edits


def write_room(
    folder: str | os.PathLike[str],
    groups: int = 12,
    *,
    seed: int = 0,
    damaged: int = 0,
    foreign: int = 0,
    future: int = 0,
    **options: Any,
) -> list[Path]:
    """Write :func:`room` into ``folder`` as ``<name>.json`` files, plus bad files if asked.

    ``damaged`` files are cut-off JSON, ``foreign`` files are other programs' JSON and a text
    file, ``future`` files are workbooks of a newer format version. Returns the paths written.
    The folder is created; existing files of the same names are replaced.
    """
    for name, value in (("damaged", damaged), ("foreign", foreign), ("future", future)):
        _check_count(value, name, 0, MAX_GROUPS)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, book in room(groups, seed=seed, **options).items():
        path = target / f"{name}.json"
        path.write_text(json.dumps(book, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    for n in range(1, damaged + 1):
        path = target / f"damaged-{n}.json"
        path.write_text(
            '{"format": "kamcourse-workbook", "version": 1, "exercises": {"sel.weights": {"ans', encoding="utf-8"
        )
        written.append(path)
    for n in range(1, foreign + 1):
        path = target / f"foreign-{n}.json"
        path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4}), encoding="utf-8")
        written.append(path)
        note = target / f"notes-{n}.txt"
        note.write_text("Bring the flip chart to room 2.\n", encoding="utf-8")
        written.append(note)
    for n in range(1, future + 1):
        path = target / f"future-{n}.json"
        path.write_text(
            json.dumps({"format": FORMAT, "version": VERSION + 1, "exercises": {}, "state": {}}), encoding="utf-8"
        )
        written.append(path)
    return written
