"""Checkers for the portfolio-matrix exercises (``exercises/04_portfolio_matrix.ipynb``).

* :func:`strength` -- a relative strength computed by hand; recognises the usual mistakes
  (average competitor instead of the best, the ratio upside down, our own weights instead of
  the customer's, the sum of the competitors);
* :func:`classify` -- a category for each of a few accounts; explains each wrong one by its
  pair (attractiveness vs cut, strength vs cut, "on the cut counts as high") and names the
  axis-direction trap when Star and Status are swapped;
* :func:`allocation` -- a budget of key account manager days split across the categories of
  the programme's key accounts, with a justification that must refer to the categories and
  give a reason (the check cannot judge whether the reasons are good: the trainer does).

Every checker diagnoses a mistake before it reveals the answer (from the second wrong try).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import inputs, portfolio
from ..checks import Exercise, Verdict, is_unanswered
from ..content import t
from ..errors import InputError


def number(value: Any) -> float | None:
    """A number typed by a learner ("0.87", "0,87", "1 234,5", 0.87), read by
    :func:`kamcourse.inputs.number`; None when it is blank or not a number."""
    try:
        return inputs.number(value, "")
    except InputError:
        return None


# --------------------------------------------------------------------------- strength
def strength_variants(exercise: Exercise) -> dict[str, Any]:
    """The right relative strength of the exercise's account and the usual wrong ones."""
    account = exercise.key["account"]
    weights, ratings, us = portfolio.case_csf(account)
    comparison = portfolio.compare_suppliers(weights, ratings, us)
    scores = comparison.scores
    others = scores.drop(comparison.us)
    best_score = float(others.max())
    ours = float(scores[comparison.us])
    own = pd.Series(exercise.key["our_weights"], dtype=float)
    own_scores = ratings[list(own.index)] @ own
    from ..selection import case_portfolio

    case = case_portfolio()
    segment = case.accounts.loc[account, "segment"]
    profile, _, _ = portfolio.case_csf(account, profile=True)
    profile_scores = ratings[list(profile.index)] @ profile
    others_sorted = others.sort_values(ascending=False)
    return {
        "account": account,
        "segment": segment,
        "us": ours,
        "best": comparison.best,
        "best_score": best_score,
        "strength": comparison.strength,
        "average": float(others.mean()),
        "own_csf": account in case.csf_own.index,
        "wrong": {
            "average": ours / float(others.mean()),
            "inverted": best_score / ours,
            "own_weights": float(own_scores[us]) / float(own_scores.drop(us).max()),
            "sum": ours / float(others.sum()),
            "profile": (
                float(profile_scores[us]) / float(profile_scores.drop(us).max())
                if account in case.csf_own.index
                else math.nan
            ),
            "other": (ours / float(others_sorted.iloc[1]) if len(others_sorted) > 1 else math.nan),
            "score_us": ours,
            "score_best": best_score,
        },
        "other": str(others_sorted.index[1]) if len(others_sorted) > 1 else "",
        "other_score": float(others_sorted.iloc[1]) if len(others_sorted) > 1 else math.nan,
    }


def strength(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A relative strength typed by the learner (``0.87`` or ``"0,87"``).

    Key: ``account`` (a case account), ``tolerance`` and ``our_weights`` (the supplier's
    own weighting, to recognise that mistake).
    """
    value = number(answer)
    if value is None:
        raise InputError(t("portfolio.strength_not_number", value=answer))
    v = strength_variants(exercise)
    tolerance = float(exercise.key.get("tolerance", 0.005))
    shown = str(answer).strip()
    if abs(value - v["strength"]) <= tolerance:
        return Verdict(
            "correct",
            t(
                "portfolio.strength_right",
                value=shown,
                account=v["account"],
                us=v["us"],
                best=v["best"],
                best_score=v["best_score"],
                strength=v["strength"],
            ),
            score=1.0,
        )
    message = None
    for mistake, wrong in v["wrong"].items():
        near = tolerance if mistake not in ("score_us", "score_best") else 0.5
        if math.isfinite(wrong) and abs(value - wrong) <= near:
            message = t(
                f"portfolio.strength_{mistake}",
                value=shown,
                average=v["average"],
                segment=v["segment"],
                account=v["account"],
                best=v["best"],
                other=v["other"],
                other_score=v["other_score"],
            )
            break
    if message is None and abs(value - round(v["strength"], 1)) <= 1e-9:
        message = t("portfolio.strength_rounded", value=shown)
    if message is None:
        weights_from = t(
            "portfolio.strength_weights_own" if v["own_csf"] else "portfolio.strength_weights_profile",
            segment=v["segment"],
        )
        message = t("portfolio.strength_wrong", value=shown, account=v["account"], weights=weights_from)
    details: tuple[str, ...] = ()
    if inputs.reveal_answer(attempts):
        details = (
            t(
                "portfolio.strength_reveal",
                us=v["us"],
                best_score=v["best_score"],
                strength=v["strength"],
                best=v["best"],
            ),
        )
    return Verdict("incorrect", message, details, 0.0)


# --------------------------------------------------------------------------- classify
def classify_items(exercise: Exercise) -> list[dict[str, Any]]:
    """The accounts to classify: ``{account, attractiveness, strength, category}`` each.

    Accounts named in ``key.accounts`` take their values from the case portfolio; entries
    of ``key.extra`` give their own values (e.g. a prospect exactly on a cut).
    """
    from ..selection import case_portfolio

    a_cut = float(exercise.key.get("attractiveness_cut", portfolio.DEFAULT_ATTRACTIVENESS_CUT))
    s_cut = float(exercise.key.get("strength_cut", portfolio.DEFAULT_STRENGTH_CUT))
    table = case_portfolio().table()
    items = []
    for name in exercise.key.get("accounts", []):
        row = table.loc[name]
        items.append(
            {
                "account": name,
                "attractiveness": round(float(row["attractiveness"]), 1),
                "strength": round(float(row["strength"]), 2),
            }
        )
    for extra in exercise.key.get("extra", []):
        items.append(
            {
                "account": extra["account"],
                "attractiveness": float(extra["attractiveness"]),
                "strength": float(extra["strength"]),
            }
        )
    for item in items:
        item["category"] = portfolio.classify(
            item["attractiveness"], item["strength"], attractiveness_cut=a_cut, strength_cut=s_cut
        )
    return items


def category_of(value: Any, account: str) -> str:
    """The category a learner named for ``account`` (its name or its label, any case and spacing)."""
    text = inputs.norm(value)
    for category in portfolio.CATEGORIES:
        if text in (inputs.norm(category), inputs.norm(portfolio.category_label(category))):
            return category
    raise InputError(t("portfolio.classify_unknown_category", value=value, account=account))


def classify(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """A category for each account. Answer: account -> category name."""
    if not isinstance(answer, Mapping):
        raise InputError(t("portfolio.classify_not_mapping", value=type(answer).__name__))
    items = classify_items(exercise)
    by_name = {" ".join(i["account"].split()).casefold(): i for i in items}
    chosen: dict[str, str] = {}
    for key, value in answer.items():
        item = by_name.get(" ".join(str(key).split()).casefold())
        if item is None:
            raise InputError(
                t("portfolio.classify_unknown_account", value=key, allowed=", ".join(i["account"] for i in items))
            )
        if is_unanswered(value):
            continue
        chosen[item["account"]] = category_of(value, item["account"])
    if not chosen:
        return Verdict("not_answered", t("portfolio.classify_none"), (), 0.0)
    a_cut = float(exercise.key.get("attractiveness_cut", portfolio.DEFAULT_ATTRACTIVENESS_CUT))
    s_cut = float(exercise.key.get("strength_cut", portfolio.DEFAULT_STRENGTH_CUT))
    reveal = inputs.reveal_answer(attempts)
    details: list[str] = []
    right = 0
    trap = False
    for item in items:
        pick = chosen.get(item["account"])
        if pick is None:
            details.append(t("portfolio.classify_missing", account=item["account"]))
            continue
        if pick == item["category"]:
            right += 1
            continue
        a, s = item["attractiveness"], item["strength"]
        a_level = t("portfolio.classify_high") if a >= a_cut else t("portfolio.classify_low")
        s_level = t("portfolio.classify_high") if s >= s_cut else t("portfolio.classify_low")
        pair = t(
            "portfolio.classify_pair",
            a=a,
            a_cut=a_cut,
            a_level=a_level,
            a_on=t("portfolio.classify_on_cut") if a == a_cut else "",
            s=s,
            s_cut=s_cut,
            s_level=s_level,
            s_on=t("portfolio.classify_on_cut") if s == s_cut else "",
        )
        text = t("portfolio.classify_wrong", account=item["account"], chosen=portfolio.category_label(pick), pair=pair)
        if reveal:
            text += " " + t(
                "portfolio.classify_reveal",
                a_level=a_level,
                s_level=s_level,
                right=portfolio.category_label(item["category"]),
            )
        details.append(text)
        if {pick, item["category"]} == {"Star", "Status"}:
            trap = True
    if trap:
        details.append(t("portfolio.classify_axis_trap"))
    total = len(items)
    if right == total:
        return Verdict("correct", t("portfolio.classify_all_right", total=total), score=1.0)
    status = "partial" if right else "incorrect"
    return Verdict(status, t("portfolio.classify_some_right", right=right, total=total), tuple(details), right / total)


# --------------------------------------------------------------------------- allocation
def allocation_accounts(exercise: Exercise) -> dict[str, int]:
    """Accounts per category among the key accounts of Vellmar's programme today (with
    ``key.accounts: all``, the whole case portfolio), at the default cuts unless the key says
    otherwise."""
    from ..selection import case_portfolio

    case = case_portfolio()
    table = case.table()
    if exercise.key.get("accounts", "programme") == "programme":
        table = table.loc[list(case.programme)]
    summary = portfolio.summary(
        table["attractiveness"],
        table["strength"],
        attractiveness_cut=float(exercise.key.get("attractiveness_cut", portfolio.DEFAULT_ATTRACTIVENESS_CUT)),
        strength_cut=float(exercise.key.get("strength_cut", portfolio.DEFAULT_STRENGTH_CUT)),
    )
    return {c: int(summary["accounts"][c]) for c in portfolio.CATEGORIES}


def allocation(answer: Any, exercise: Exercise, attempts: int) -> Verdict:
    """Days per category and a justification. Answer: ``{"days": {category: days}, "why": text}``.

    Rules: the days add up to the budget (``key.budget``); per account, Strategic gets the
    most and Streamline the least; the justification has at least ``key.min_words`` words.
    """
    if not isinstance(answer, Mapping) or not isinstance(answer.get("days", {}), Mapping):
        raise InputError(t("portfolio.alloc_not_mapping", value=type(answer).__name__))
    budget = float(exercise.key["budget"])
    minimum = int(exercise.key.get("min_words", 12))
    raw = answer.get("days") or {}
    unknown = [k for k in raw if k not in portfolio.CATEGORIES]
    if unknown:
        raise InputError(t("portfolio.alloc_category", category=unknown[0], allowed=", ".join(portfolio.CATEGORIES)))
    days: dict[str, float] = {}
    details: list[str] = []
    counts = allocation_accounts(exercise)
    for category in portfolio.CATEGORIES:
        value = raw.get(category)
        if is_unanswered(value) and not counts[category]:
            days[category] = 0.0  # no account in the category: blank means none
            continue
        if is_unanswered(value):
            details.append(t("portfolio.alloc_missing", category=portfolio.category_label(category)))
            continue
        given = number(value)
        if given is None:
            raise InputError(t("portfolio.alloc_days_unreadable", category=category, value=value))
        if given < 0:
            raise InputError(t("portfolio.alloc_days_negative", category=category, value=given))
        days[category] = given
    why = str(answer.get("why") or "")
    if details:
        return Verdict("incorrect", t("portfolio.alloc_wrong"), tuple(details), 0.0)
    per = {c: days[c] / counts[c] for c in portfolio.CATEGORIES if counts[c] > 0}
    label = portfolio.category_label
    total = math.fsum(days.values())
    sum_ok = abs(total - budget) <= 0.5
    if not sum_ok:
        details.append(t("portfolio.alloc_sum", total=total, budget=budget))
    strategic_ok = streamline_ok = True
    for problem in portfolio.intensity_problems(days, counts):  # the rule of days per account, in the core
        details.append(problem.text)
        if problem.code == "strategic_not_most":
            strategic_ok = False
        elif problem.code == "streamline_not_least":
            streamline_ok = False
        else:
            sum_ok = False
    gaps = _why_gaps(why, exercise, [c for c in portfolio.CATEGORIES if counts[c]], minimum)
    details += gaps
    why_ok = not gaps
    passed = [sum_ok, strategic_ok, why_ok] + ([streamline_ok] if "Streamline" in per else [])
    if all(passed):
        least = "Streamline" if "Streamline" in per else min(per, key=lambda c: per[c])
        return Verdict(
            "correct",
            t("portfolio.alloc_right", strategic=per["Strategic"], least=label(least), fewest=per[least]),
            score=1.0,
        )
    details.append(
        t(
            "portfolio.alloc_per_account",
            detail=", ".join(f"{label(c)} {v:.1f} ({counts[c]} accounts)" for c, v in per.items()),
        )
    )
    status = "partial" if sum(passed) >= 2 else "incorrect"
    message = t("portfolio.alloc_partial") if status == "partial" else t("portfolio.alloc_wrong")
    return Verdict(status, message, tuple(details), sum(passed) / len(passed))


def _why_gaps(why: str, exercise: Exercise, categories: list[str], minimum: int) -> list[str]:
    """What the justification of a split lacks: enough words, its own words, a reason, and a
    reference to at least two of the categories that have accounts (by name or strategy)."""
    words = inputs.words(why)
    gaps = []
    if len(words) < minimum:
        gaps.append(t("portfolio.alloc_why_short", words=len(words), minimum=minimum))
    elif len(set(words)) < 0.5 * len(words):
        gaps.append(t("portfolio.alloc_why_repeats", distinct=len(set(words)), words=len(words)))
    terms = exercise.key.get("category_terms", {})
    named = [
        c for c in categories if any(inputs.has_cue(words, str(term)) for term in [c.casefold(), *terms.get(c, ())])
    ]
    needed = min(2, len(categories))
    if len(named) < needed:
        gaps.append(
            t(
                "portfolio.alloc_why_categories",
                count=len(named),
                needed=needed,
                named=", ".join(portfolio.category_label(c) for c in named) or t("selection.justify_none"),
            )
        )
    cues = [str(c) for c in exercise.key.get("reason_cues", ())]
    if cues and not any(inputs.has_cue(words, cue) for cue in cues):
        gaps.append(t("portfolio.alloc_why_no_reason"))
    return gaps
