"""Checkers for the exercises of lesson 03, selecting key accounts
(``exercises/03_selecting_key_accounts.ipynb``).

* :func:`weights` -- the learner's weights for the case criteria, with a justification that
  must give reasons tied to the criteria it weights;
* :func:`ranking` -- the five most attractive case accounts, in order;
* :func:`weighted_sum` and :func:`score_change` -- hand calculations on the DHL example: a
  wrong number is first diagnosed (which term is missing, which weight or rating was
  misread), the worked answer comes after the second wrong try or as the last hint.

What the checks can and cannot judge: they see whether a justification refers to the criteria
it weights and gives a reason, not whether the reasons are good -- that is for the team and
the trainer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .. import inputs, selection
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError
from .generic import typed_number


def _number(value: Any, criterion: str) -> float:
    """A weight typed as a number or as text ("20", "12,5", "1 234,5"); blank counts as 0."""
    return inputs.number(value, t("selection.weight_item", criterion=criterion), blank=0.0, low=0.0)


def candidate_criteria(exercise: Exercise) -> tuple[dict[str, Any], ...]:
    """The criteria offered in the weights exercise, each ``{name, kind, why, terms}``
    (``terms``: words a justification may use for what the criterion measures)."""
    return tuple(
        {
            "name": str(c["name"]),
            "kind": str(c.get("kind", "attractiveness")),
            "why": " ".join(str(c.get("why", "")).split()),
            "terms": tuple(str(term).casefold() for term in c.get("terms", ())),
        }
        for c in exercise.key["criteria"]
    )


def refers_to(text: str, criterion: Mapping[str, Any]) -> bool:
    """True when ``text`` names ``criterion`` or uses one of its ``terms`` (a term matches the
    start of a word, so "grow" matches "growing"; a term of several words matches as a phrase)."""
    words = inputs.words(text)
    joined = " " + " ".join(words) + " "
    if " " + " ".join(inputs.words(criterion["name"])) + " " in joined:
        return True
    for term in criterion["terms"]:
        parts = inputs.words(term)
        if len(parts) == 1:
            if any(w.startswith(parts[0]) for w in words):
                return True
        elif " " + " ".join(parts) in joined:
            return True
    return False


def reasoning_gaps(
    text: str,
    criteria: Sequence[Mapping[str, Any]],
    weights: Mapping[str, float],
    *,
    min_words: int,
    cues: tuple[str, ...],
) -> list[str]:
    """What a justification of ``weights`` lacks, one sentence each (empty when nothing).

    A justification must have ``min_words`` words, not repeat the same few words, give a
    reason (one of ``cues``: "because", "so", "three years"...; a cue ending in ``*`` matches
    the start of a word) and refer to the criteria it weights: the heaviest one, and at least
    two of them (by name or by what they measure).
    """
    words = inputs.words(text)
    gaps: list[str] = []
    if len(words) < min_words:
        gaps.append(t("selection.justify_short", words=len(words), minimum=min_words))
    elif len(set(words)) < 0.5 * len(words):
        gaps.append(t("selection.justify_repeats", distinct=len(set(words)), words=len(words)))
    used = [c for c in criteria if weights.get(c["name"], 0.0) > 0]
    if not used:
        return gaps
    mentioned = [c["name"] for c in used if refers_to(text, c)]
    top = max(weights.get(c["name"], 0.0) for c in used)
    heaviest = [c for c in used if weights.get(c["name"], 0.0) == top]
    if not any(c["name"] in mentioned for c in heaviest):
        gaps.append(
            t(
                "selection.justify_heaviest",
                criteria=" / ".join(repr(c["name"]) for c in heaviest),
                weight=f"{top:g}",
                terms=", ".join(heaviest[0]["terms"][:3]) or "-",
            )
        )
    needed = min(2, len(used))
    if len(mentioned) < needed:
        gaps.append(
            t(
                "selection.justify_criteria",
                count=len(mentioned),
                needed=needed,
                mentioned=", ".join(repr(m) for m in mentioned) or t("selection.justify_none"),
            )
        )
    if cues and not any(inputs.has_cue(words, cue) for cue in cues):
        gaps.append(t("selection.justify_no_reason"))
    return gaps


def read_weights(raw: Any, names: list[str]) -> dict[str, float]:
    """Learner weights as ``{criterion: number}``, names matched to ``names`` (case and
    spaces ignored). Unknown names and non-numbers raise :class:`InputError`."""
    if not isinstance(raw, Mapping):
        raise InputError(t("selection.weights_not_mapping", value=type(raw).__name__))
    lookup = {inputs.norm(n): n for n in names}
    out: dict[str, float] = {}
    for key, value in raw.items():
        name = lookup.get(inputs.norm(key))
        if name is None:
            raise InputError(t("selection.weights_unknown_criterion", value=repr(key), allowed=", ".join(names)))
        out[name] = _number(value, name)
    return out


def weights(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Weights for the case criteria (sum 100) and a written justification.

    Answer: ``{"weights": {criterion: weight}, "justification": text}``. A criterion left
    blank counts as 0. Every problem gets its own explanation: a total that is not 100, a
    weight on a criterion that measures our own strength rather than the account's
    attractiveness, one weight above ``key.max_weight`` (default 50), fewer than
    ``key.min_criteria`` criteria used, a justification shorter than ``key.min_words``.
    """
    if not isinstance(answer, Mapping):
        raise InputError(t("selection.answer_not_mapping", value=type(answer).__name__, keys="weights, justification"))
    criteria = candidate_criteria(exercise)
    names = [c["name"] for c in criteria]
    given = read_weights(answer.get("weights") or {}, names)
    justification = " ".join(str(answer.get("justification") or "").split())
    max_weight = float(exercise.key.get("max_weight", 50))
    min_criteria = int(exercise.key.get("min_criteria", 3))
    min_words = int(exercise.key.get("min_words", 15))
    cues = tuple(str(c) for c in exercise.key.get("reason_cues", ()))
    details: list[str] = []
    total = math.fsum(given.values())
    if abs(total - selection.WEIGHT_TOTAL) > 1e-9:
        details.append(t("selection.weights_total", total=f"{total:g}", move=selection.weight_total(given).move))
    for c in criteria:
        if c["kind"] == "strength" and given.get(c["name"], 0.0) > 0:
            details.append(
                t("selection.weights_strength", criterion=c["name"], weight=f"{given[c['name']]:g}", why=c["why"])
            )
    for name, value in given.items():
        if value > max_weight:
            details.append(
                t("selection.weights_dominant", criterion=name, weight=f"{value:g}", limit=f"{max_weight:g}")
            )
    used = [n for n, v in given.items() if v > 0]
    if len(used) < min_criteria:
        details.append(t("selection.weights_too_few", count=len(used), minimum=min_criteria))
    attractive = [c for c in criteria if c["kind"] != "strength"]
    gaps = reasoning_gaps(justification, attractive, given, min_words=min_words, cues=cues)
    if not details and not gaps:
        return Verdict("correct", t("selection.weights_ok", count=len(used)), (t("selection.weights_trainer"),), 1.0)
    if not details:
        return Verdict("partial", t("selection.weights_justify"), tuple(gaps), 0.5)
    details += gaps
    if inputs.reveal_answer(attempts):
        case = selection.case_portfolio().weights
        details.append(t("selection.weights_reveal", weights=", ".join(f"{k} {v:g}" for k, v in case.items())))
    return Verdict("incorrect", t("selection.weights_not_yet", count=len(details)), tuple(details), 0.0)


# --------------------------------------------------------------------------- ranking
def _ranking_weights(raw: Any, case: selection.CasePortfolio) -> pd.Series:
    """The weights the learner ranked with: the case's when none are given."""
    if is_unanswered(raw):
        return case.weights
    criteria = list(case.weights.index)
    if not isinstance(raw, Mapping):
        raise InputError(t("selection.weights_not_mapping", value=type(raw).__name__))
    cleaned: dict[str, float] = {}
    lookup = {inputs.norm(n): n for n in criteria}
    for key, value in raw.items():
        value = _number(value, str(key))
        name = lookup.get(inputs.norm(key))
        if name is None:
            if value > 0:
                raise InputError(t("selection.ranking_weight_unrated", criterion=key, weight=f"{value:g}"))
            continue
        cleaned[name] = value
    for name in criteria:
        cleaned.setdefault(name, 0.0)
    try:
        return selection.validate_weights(cleaned)
    except InputError as exc:
        raise InputError(t("selection.ranking_weights_bad", reason=str(exc))) from None


def ranking(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """The ``key.top`` (default 5) most attractive case accounts, most attractive first.

    Answer: a list of account names, or ``{"top": [names], "weights": {criterion: weight}}``
    to be checked against the learner's own weights (default: the case weights). Names are
    matched ignoring case and spaces. Accounts with equal scores may come in either order.
    Each misplaced account is explained: its score and true rank, and the criterion that
    costs it most against the account that belongs in its place; a list in order of spend
    or of the unweighted sum of ratings is recognised and named.
    """
    case = selection.case_portfolio()
    if isinstance(answer, Mapping):
        names_raw = answer.get("top")
        raw_weights = answer.get("weights")
    else:
        names_raw, raw_weights = answer, None
    if isinstance(names_raw, str) or not isinstance(names_raw, (list, tuple)):
        raise InputError(t("selection.ranking_not_list", value=type(names_raw).__name__))
    top = int(exercise.key.get("top", 5))
    w = _ranking_weights(raw_weights, case)
    scores = selection.weighted_scores(w, case.ratings)
    contrib = selection.contributions(w, case.ratings)
    lookup = {inputs.norm(a): a for a in case.ratings.index}
    chosen: list[str | None] = []
    for position, name in enumerate(list(names_raw)[:top], start=1):
        if is_unanswered(name):
            chosen.append(None)
            continue
        account = lookup.get(inputs.norm(name))
        if account is None:
            raise InputError(
                t(
                    "selection.ranking_unknown_account",
                    value=repr(name),
                    position=position,
                    allowed=", ".join(case.ratings.index),
                )
            )
        if account in chosen:
            raise InputError(t("selection.ranking_duplicate", account=account))
        chosen.append(account)
    if len(names_raw) > top:
        raise InputError(t("selection.ranking_too_many", count=len(names_raw), top=top))
    chosen += [None] * (top - len(chosen))
    order = scores.sort_values(ascending=False, kind="stable")
    ranks = scores.rank(ascending=False, method="min").astype(int)
    expected = order.iloc[:top]
    details: list[str] = []
    right = 0
    reveal = inputs.reveal_answer(attempts)
    for i, account in enumerate(chosen):
        position = i + 1
        target_score = float(expected.iloc[i])
        if account is None:
            details.append(t("selection.ranking_missing", position=position))
            continue
        score = float(scores[account])
        if abs(score - target_score) < 1e-9:
            right += 1
            continue
        if account in expected.index:
            text = t(
                "selection.ranking_wrong_place",
                account=account,
                top=top,
                position=position,
                rank=int(ranks[account]),
                score=f"{score:g}",
            )
        else:
            belongs = next(a for a in expected.index if abs(float(expected[a]) - target_score) < 1e-9)
            gap = (contrib.loc[belongs] - contrib.loc[account]).sort_values(ascending=False)
            criterion = str(gap.index[0])
            text = t(
                "selection.ranking_not_top",
                account=account,
                rank=int(ranks[account]),
                score=f"{score:g}",
                top=top,
                cut=f"{float(expected.iloc[-1]):g}",
                criterion=criterion,
                weight=f"{float(w[criterion]):g}",
                mine=f"{float(case.ratings[criterion][account]):g}",
                other=belongs,
                theirs=f"{float(case.ratings[criterion][belongs]):g}",
            )
        if reveal:
            text += " " + t(
                "selection.ranking_reveal", position=position, account=str(expected.index[i]), score=f"{target_score:g}"
            )
        details.append(text)
    filled = [a for a in chosen if a is not None]
    if len(filled) == top and right < top:
        by_spend = list(case.accounts["spend"].sort_values(ascending=False, kind="stable").index[:top])
        plain = case.ratings.sum(axis=1)
        if filled == by_spend:
            details.insert(0, t("selection.ranking_by_spend"))
        elif all(plain[a] >= plain[b] for a, b in zip(filled, filled[1:], strict=False)) and set(filled) == set(
            plain.sort_values(ascending=False).index[:top]
        ):
            details.insert(0, t("selection.ranking_unweighted"))
    source = t("selection.ranking_with_case") if is_unanswered(raw_weights) else t("selection.ranking_with_yours")
    if right == top:
        return Verdict(
            "correct",
            t(
                "selection.ranking_all_right",
                top=top,
                source=source,
                accounts=", ".join(f"{a} ({scores[a]:g})" for a in filled),
            ),
            (),
            1.0,
        )
    if not filled:
        return Verdict("not_answered", t("selection.ranking_none"), (), 0.0)
    status = "partial" if right else "incorrect"
    return Verdict(
        status, t("selection.ranking_some_right", right=right, top=top, source=source), tuple(details), right / top
    )


# --------------------------------------------------------------------------- hand calculations
def _terms(exercise: Exercise) -> list[tuple[str, float, float]]:
    return [(str(term["criterion"]), float(term["weight"]), float(term["rating"])) for term in exercise.key["terms"]]


def _near(value: float, wrong: float, tolerance: float) -> bool:
    """``value`` is the known wrong result ``wrong`` (closer than the tolerance, and than 0.5% of it)."""
    return abs(value - wrong) <= min(tolerance, 0.005 * max(1.0, abs(wrong)))


def sum_mistakes(terms: list[tuple[str, float, float]]) -> list[tuple[float, str]]:
    """The usual wrong results of a weighted sum, each with the sentence that names the mistake:
    a term left out or counted twice, a weight or a rating read from another criterion, the
    plain sum or the average of the ratings."""
    total = math.fsum(w * r for _c, w, r in terms)
    out: list[tuple[float, str]] = []
    for name, w, r in terms:
        out.append((total - w * r, t("selection.sum_left_out", criterion=name, weight=f"{w:g}", rating=f"{r:g}")))
        out.append((total + w * r, t("selection.sum_twice", criterion=name)))
    for name, w, r in terms:
        for other, w2, r2 in terms:
            if other == name:
                continue
            if w2 != w:
                out.append(
                    (
                        total + (w2 - w) * r,
                        t("selection.sum_weight_misread", criterion=name, used=f"{w2:g}", other=other, weight=f"{w:g}"),
                    )
                )
            if r2 != r:
                out.append(
                    (
                        total + w * (r2 - r),
                        t("selection.sum_rating_misread", criterion=name, used=f"{r2:g}", other=other, rating=f"{r:g}"),
                    )
                )
    ratings = [r for _c, _w, r in terms]
    out.append((math.fsum(ratings), t("selection.sum_unweighted")))
    out.append((math.fsum(ratings) / len(ratings), t("selection.sum_average")))
    out.append((total / 100, t("selection.sum_scaled")))
    return out


def weighted_sum(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """An attractiveness score computed by hand: sum of weight x rating over ``key.terms``
    (each ``{criterion, weight, rating}``), within ``key.tolerance`` (default 0.5).

    A wrong number is diagnosed first (the term left out, the weight or rating read from
    another criterion, the ratings added without weights); the worked answer comes with the
    second wrong try (or as the exercise's last hint, on request).
    """
    value = typed_number(answer, exercise)
    terms = _terms(exercise)
    total = math.fsum(w * r for _c, w, r in terms)
    tolerance = float(exercise.key.get("tolerance", 0.5))
    products = " + ".join(f"{w:g} x {r:g}" for _c, w, r in terms)
    worked = t(
        "selection.sum_worked",
        products=products,
        values=" + ".join(f"{w * r:g}" for _c, w, r in terms),
        total=f"{total:g}",
        context=" ".join(str(exercise.key.get("context", "")).split()),
    )
    shown = str(answer).strip()
    if abs(value - total) <= tolerance:
        return Verdict("correct", t("selection.sum_right", value=shown, worked=worked), score=1.0)
    diagnosis = next((text for wrong, text in sum_mistakes(terms) if _near(value, wrong, tolerance)), None)
    if diagnosis is None:
        diagnosis = t("selection.sum_unknown", count=len(terms))
    details = (worked,) if inputs.reveal_answer(attempts) else ()
    return Verdict("incorrect", t("selection.sum_wrong", value=shown, diagnosis=diagnosis), details, 0.0)


def score_change(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A score after one rating changes: ``key.base`` + ``key.weight`` x (``key.after`` -
    ``key.before``) for ``key.criterion``; ``key.other_weights`` are the weights a learner may
    misread. Diagnoses first, reveals the worked answer with the second wrong try."""
    value = typed_number(answer, exercise)
    key = exercise.key
    base, weight = float(key["base"]), float(key["weight"])
    before, after = float(key["before"]), float(key["after"])
    name = str(key["criterion"])
    change = after - before
    right = base + weight * change
    tolerance = float(key.get("tolerance", 0.5))
    fmt = {
        "base": f"{base:g}",
        "weight": f"{weight:g}",
        "before": f"{before:g}",
        "after": f"{after:g}",
        "change": f"{change:g}",
        "criterion": name,
        "delta": f"{weight * change:g}",
        "right": f"{right:g}",
    }
    worked = t("selection.change_worked", **fmt, context=" ".join(str(key.get("context", "")).split()))
    shown = str(answer).strip()
    if abs(value - right) <= tolerance:
        return Verdict("correct", t("selection.sum_right", value=shown, worked=worked), score=1.0)
    mistakes = [
        (base + change, t("selection.change_no_weight", **fmt)),
        (base + weight * after, t("selection.change_new_rating", **fmt, new=f"{weight * after:g}")),
        (weight * change, t("selection.change_only_delta", **fmt)),
        (weight * after, t("selection.change_only_delta", **fmt)),
        (base - weight * change, t("selection.change_sign", **fmt)),
    ]
    mistakes += [
        (base + float(w) * change, t("selection.change_weight_misread", **fmt, used=f"{float(w):g}"))
        for w in key.get("other_weights", ())
        if float(w) != weight
    ]
    diagnosis = next((text for wrong, text in mistakes if _near(value, wrong, tolerance)), None)
    if diagnosis is None:
        diagnosis = t("selection.change_unknown", **fmt)
    details = (worked,) if inputs.reveal_answer(attempts) else ()
    return Verdict("incorrect", t("selection.sum_wrong", value=shown, diagnosis=diagnosis), details, 0.0)
