"""Checkers for the exercises of lesson 03, selecting key accounts
(``exercises/03_selecting_key_accounts.ipynb``).

* :func:`weights` -- the learner's weights for the case criteria, with a justification;
* :func:`ranking` -- the five most attractive case accounts, in order.

The hand calculation on the DHL example uses :func:`kamcourse.checkers.generic.number`.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from .. import selection
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError

#: From this many earlier wrong tries on, the feedback also shows a worked answer.
REVEAL_AFTER = 2


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _number(value: Any, criterion: str) -> float:
    """A weight typed as a number or as text ("20", "12,5"); blank counts as 0."""
    if is_unanswered(value):
        return 0.0
    if isinstance(value, bool):
        raise InputError(t("sel.weight_not_number", criterion=criterion, value=repr(value)))
    try:
        number = float(value.replace(",", ".").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InputError(t("sel.weight_not_number", criterion=criterion, value=repr(value))) from None
    if not math.isfinite(number) or number < 0:
        raise InputError(t("sel.weight_not_number", criterion=criterion, value=repr(value)))
    return number


def candidate_criteria(exercise: Exercise) -> tuple[dict[str, str], ...]:
    """The criteria offered in the weights exercise, each ``{name, kind, why}``."""
    return tuple(
        {"name": str(c["name"]), "kind": str(c.get("kind", "attractiveness")), "why": " ".join(str(c.get("why", "")).split())}
        for c in exercise.key["criteria"]
    )


def read_weights(raw: Any, names: list[str]) -> dict[str, float]:
    """Learner weights as ``{criterion: number}``, names matched to ``names`` (case and
    spaces ignored). Unknown names and non-numbers raise :class:`InputError`."""
    if not isinstance(raw, Mapping):
        raise InputError(t("sel.weights_not_mapping", value=type(raw).__name__))
    lookup = {_norm(n): n for n in names}
    out: dict[str, float] = {}
    for key, value in raw.items():
        name = lookup.get(_norm(key))
        if name is None:
            raise InputError(t("sel.weights_unknown_criterion", value=repr(key), allowed=", ".join(names)))
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
        raise InputError(t("sel.answer_not_mapping", value=type(answer).__name__, keys="weights, justification"))
    criteria = candidate_criteria(exercise)
    names = [c["name"] for c in criteria]
    given = read_weights(answer.get("weights") or {}, names)
    justification = " ".join(str(answer.get("justification") or "").split())
    max_weight = float(exercise.key.get("max_weight", 50))
    min_criteria = int(exercise.key.get("min_criteria", 3))
    min_words = int(exercise.key.get("min_words", 15))
    details: list[str] = []
    total = math.fsum(given.values())
    if abs(total - selection.WEIGHT_TOTAL) > 1e-9:
        gap = selection.WEIGHT_TOTAL - total
        details.append(t("sel.weights_total", total=f"{total:g}", gap=f"{abs(gap):g}",
                         direction=t("sel.add") if gap > 0 else t("sel.remove")))
    for c in criteria:
        if c["kind"] == "strength" and given.get(c["name"], 0.0) > 0:
            details.append(t("sel.weights_strength", criterion=c["name"], weight=f"{given[c['name']]:g}", why=c["why"]))
    for name, value in given.items():
        if value > max_weight:
            details.append(t("sel.weights_dominant", criterion=name, weight=f"{value:g}", limit=f"{max_weight:g}"))
    used = [n for n, v in given.items() if v > 0]
    if len(used) < min_criteria:
        details.append(t("sel.weights_too_few", count=len(used), minimum=min_criteria))
    words = len(justification.split())
    short = words < min_words
    if not details and not short:
        return Verdict("correct", t("sel.weights_ok", count=len(used)), (t("sel.weights_trainer"),), 1.0)
    if not details:
        return Verdict("partial", t("sel.weights_justify", words=words, minimum=min_words), (), 0.5)
    if short:
        details.append(t("sel.weights_justify_short", words=words, minimum=min_words))
    if attempts + 1 >= REVEAL_AFTER:
        case = selection.case_portfolio().weights
        details.append(t("sel.weights_reveal", weights=", ".join(f"{k} {v:g}" for k, v in case.items())))
    return Verdict("incorrect", t("sel.weights_not_yet", count=len(details)), tuple(details), 0.0)


# --------------------------------------------------------------------------- ranking
def _ranking_weights(raw: Any, case: selection.CasePortfolio) -> pd.Series:
    """The weights the learner ranked with: the case's when none are given."""
    if is_unanswered(raw):
        return case.weights
    criteria = list(case.weights.index)
    if not isinstance(raw, Mapping):
        raise InputError(t("sel.weights_not_mapping", value=type(raw).__name__))
    cleaned: dict[str, float] = {}
    lookup = {_norm(n): n for n in criteria}
    for key, value in raw.items():
        value = _number(value, str(key))
        name = lookup.get(_norm(key))
        if name is None:
            if value > 0:
                raise InputError(t("sel.ranking_weight_unrated", criterion=key, weight=f"{value:g}"))
            continue
        cleaned[name] = value
    for name in criteria:
        cleaned.setdefault(name, 0.0)
    try:
        return selection.validate_weights(cleaned)
    except InputError as exc:
        raise InputError(t("sel.ranking_weights_bad", reason=str(exc))) from None


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
        raise InputError(t("sel.ranking_not_list", value=type(names_raw).__name__))
    top = int(exercise.key.get("top", 5))
    w = _ranking_weights(raw_weights, case)
    scores = selection.weighted_scores(w, case.ratings)
    contrib = selection.contributions(w, case.ratings)
    lookup = {_norm(a): a for a in case.ratings.index}
    chosen: list[str | None] = []
    for position, name in enumerate(list(names_raw)[:top], start=1):
        if is_unanswered(name):
            chosen.append(None)
            continue
        account = lookup.get(_norm(name))
        if account is None:
            raise InputError(t("sel.ranking_unknown_account", value=repr(name), position=position,
                               allowed=", ".join(case.ratings.index)))
        if account in chosen:
            raise InputError(t("sel.ranking_duplicate", account=account))
        chosen.append(account)
    if len(names_raw) > top:
        raise InputError(t("sel.ranking_too_many", count=len(names_raw), top=top))
    chosen += [None] * (top - len(chosen))
    order = scores.sort_values(ascending=False, kind="stable")
    ranks = scores.rank(ascending=False, method="min").astype(int)
    expected = order.iloc[:top]
    details: list[str] = []
    right = 0
    reveal = attempts + 1 >= REVEAL_AFTER
    for i, account in enumerate(chosen):
        position = i + 1
        target_score = float(expected.iloc[i])
        if account is None:
            details.append(t("sel.ranking_missing", position=position))
            continue
        score = float(scores[account])
        if abs(score - target_score) < 1e-9:
            right += 1
            continue
        if account in expected.index:
            text = t("sel.ranking_wrong_place", account=account, top=top, position=position, rank=int(ranks[account]),
                     score=f"{score:g}")
        else:
            belongs = next(a for a in expected.index if abs(float(expected[a]) - target_score) < 1e-9)
            gap = (contrib.loc[belongs] - contrib.loc[account]).sort_values(ascending=False)
            criterion = str(gap.index[0])
            text = t("sel.ranking_not_top", account=account, rank=int(ranks[account]), score=f"{score:g}",
                     top=top, cut=f"{float(expected.iloc[-1]):g}", criterion=criterion,
                     weight=f"{float(w[criterion]):g}",
                     mine=f"{float(case.ratings.loc[account, criterion]):g}",
                     other=belongs, theirs=f"{float(case.ratings.loc[belongs, criterion]):g}")
        if reveal:
            text += " " + t("sel.ranking_reveal", position=position, account=str(expected.index[i]),
                            score=f"{target_score:g}")
        details.append(text)
    filled = [a for a in chosen if a is not None]
    if len(filled) == top and right < top:
        by_spend = list(case.accounts["spend"].sort_values(ascending=False, kind="stable").index[:top])
        plain = case.ratings.sum(axis=1)
        if filled == by_spend:
            details.insert(0, t("sel.ranking_by_spend"))
        elif all(plain[a] >= plain[b] for a, b in zip(filled, filled[1:])) and \
                set(filled) == set(plain.sort_values(ascending=False).index[:top]):
            details.insert(0, t("sel.ranking_unweighted"))
    source = t("sel.ranking_with_case") if is_unanswered(raw_weights) else t("sel.ranking_with_yours")
    if right == top:
        return Verdict("correct", t("sel.ranking_all_right", top=top, source=source,
                                    accounts=", ".join(f"{a} ({scores[a]:g})" for a in filled)), (), 1.0)
    if not filled:
        return Verdict("not_answered", t("sel.ranking_none"), (), 0.0)
    status = "partial" if right else "incorrect"
    return Verdict(status, t("sel.ranking_some_right", right=right, top=top, source=source), tuple(details),
                   right / top)


