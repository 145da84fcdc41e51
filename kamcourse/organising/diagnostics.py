"""Roles, Capon's congruence model and Faucher's six success factors, as diagnostics.

Taught in notebooks/09_organising_for_kam.ipynb (part of :mod:`kamcourse.organising`).

* :func:`roles` -- the roles at each level and what each owns in the 3x3 framework of lesson 02;
* :func:`congruence` -- Capon's congruence model as a diagnostic: twelve statements, three per
  element (strategy, organisation, human resources, systems and processes), rated 1-5; an
  element well below the strongest is a misfit (:class:`Congruence`);
* :func:`success_factors` -- Faucher's six success factors of account planning as a
  self-assessment with evidence per factor (:class:`FactorAssessment`).

The model comes from ``content/organising.yaml``, Vellmar's own ratings from
``content/case/organisation.yaml``. Nothing is read at import time; every rejected input raises
:class:`~kamcourse.errors.InputError` naming the statement or factor and the value.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..content import load, t
from ..errors import ContentError, InputError
from ..inputs import norm
from ._content import clean as _clean
from ._content import section as _section
from ._content import short as _short

__all__ = [
    "Congruence",
    "FactorAssessment",
    "case_congruence",
    "case_success_factors",
    "congruence",
    "congruence_statements",
    "elements",
    "factors",
    "rating",
    "roles",
    "scale_labels",
    "success_factors",
]

# --------------------------------------------------------------------------- roles and scale


def roles() -> pd.DataFrame:
    """The roles at each level: what each owns, and its place in the 3x3 framework (lesson 02)."""
    rows = _section("roles")
    return pd.DataFrame(
        {
            t("organising.col_owns"): [_clean(r["owns"]) for r in rows],
            t("organising.col_3x3"): [_clean(r["in_3x3"]) for r in rows],
        },
        index=pd.Index([_clean(r["name"]) for r in rows], name=t("organising.col_role")),
    )


def scale_labels() -> tuple[str, ...]:
    """The labels of the 1-5 rating scale, from 1 ("not at all") to 5 ("fully")."""
    return tuple(_clean(s["label"]) for s in sorted(_section("scale"), key=lambda s: int(s["value"])))


def rating(value: Any, item: str = "?") -> int:
    """Read one rating: a whole number from 1 to 5, or its label ("partly"); InputError otherwise."""
    labels = scale_labels()
    if isinstance(value, str):
        key = norm(value)
        for number, label in enumerate(labels, start=1):
            if key in (norm(label), str(number)):
                return number
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            real = float(value)
        except OverflowError:
            real = math.inf
        if math.isfinite(real) and real.is_integer() and 1 <= real <= len(labels):
            return int(real)
    raise InputError(
        t(
            "organising.err_rating",
            item=item,
            value=_short(value),
            labels=", ".join(f"{i} {lab}" for i, lab in enumerate(labels, start=1)),
        )
    )


# --------------------------------------------------------------------------- congruence


def elements() -> tuple[dict[str, Any], ...]:
    """The four elements of the congruence model, each ``{id, name, capon, statements, advice}``."""
    return tuple(
        {
            "id": str(e["id"]),
            "name": _clean(e["name"]),
            "capon": _clean(e["capon"]),
            "advice": _clean(e["advice"]),
            "statements": tuple((str(s["id"]), _clean(s["text"])) for s in e["statements"]),
        }
        for e in _section("congruence")["elements"]
    )


def congruence_statements() -> pd.DataFrame:
    """The twelve statements of the diagnostic, with their element (index = statement id)."""
    rows = [(sid, e["name"], text) for e in elements() for sid, text in e["statements"]]
    return pd.DataFrame(
        {t("organising.col_element"): [r[1] for r in rows], t("organising.col_statement"): [r[2] for r in rows]},
        index=pd.Index([r[0] for r in rows], name="id"),
    )


@dataclass(frozen=True)
class Congruence:
    """The result of the congruence diagnostic.

    ``scores`` holds each element's mean rating (1-5) by element id, in the model's order;
    ``misfits`` the elements more than ``gap`` points below the strongest, weakest first.
    """

    ratings: Mapping[str, int]
    scores: Mapping[str, float]
    strongest: str
    misfits: tuple[str, ...]
    gap: float

    def names(self) -> dict[str, str]:
        """Element id -> name."""
        return {e["id"]: e["name"] for e in elements()}

    def reading(self) -> str:
        """The diagnosis in words: where the misfit is, and what to do about it."""
        names = self.names()
        advice = {e["id"]: e["advice"] for e in elements()}
        best = self.scores[self.strongest]
        parts = [t("organising.cong_scores", scores="; ".join(f"{names[k]} {v:.1f}" for k, v in self.scores.items()))]
        if not self.misfits:
            parts.append(t("organising.cong_fit", gap=f"{self.gap:g}"))
            if best <= 2.5:
                parts.append(t("organising.cong_weak_everywhere"))
            return " ".join(parts)
        for element in self.misfits:
            parts.append(
                t(
                    "organising.cong_misfit",
                    element=names[element],
                    score=f"{self.scores[element]:.1f}",
                    below=f"{best - self.scores[element]:.1f}",
                    strongest=names[self.strongest],
                    advice=advice[element],
                )
            )
        if "strategy" in self.misfits:
            parts.append(t("organising.cong_strategy_behind"))
        return " ".join(parts)


def congruence(ratings: Mapping[str, Any]) -> Congruence:
    """Score the congruence diagnostic: ``{statement id: rating 1-5 or its label}`` for all twelve.

    Raises :class:`InputError` for a non-mapping, an unknown statement, a missing one or a
    rating that is not 1-5 -- naming the statement.
    """
    if not isinstance(ratings, Mapping):
        raise InputError(
            t("organising.err_mapping", what=t("organising.what_congruence"), value=type(ratings).__name__)
        )
    model = elements()
    known = {sid: text for e in model for sid, text in e["statements"]}
    read: dict[str, int] = {}
    for key, value in ratings.items():
        if not isinstance(key, str) or key.strip() not in known:
            raise InputError(t("organising.err_statement", value=_short(key), allowed=", ".join(known)))
        read[key.strip()] = rating(value, f"{key.strip()} ({known[key.strip()]})")
    missing = [sid for sid in known if sid not in read]
    if missing:
        raise InputError(t("organising.err_missing", what=t("organising.what_statements"), missing=", ".join(missing)))
    scores = {e["id"]: sum(read[s] for s, _ in e["statements"]) / len(e["statements"]) for e in model}
    gap = float(_section("congruence")["misfit_gap"])
    strongest = max(scores, key=lambda k: scores[k])
    misfits = tuple(
        sorted((k for k, v in scores.items() if scores[strongest] - v > gap + 1e-9), key=lambda k: scores[k])
    )
    return Congruence(ratings={s: read[s] for s in known}, scores=scores, strongest=strongest, misfits=misfits, gap=gap)


def case_congruence() -> dict[str, int]:
    """Vellmar's management team's own ratings of the twelve statements (organisation.yaml)."""
    data = load("case/organisation").get("congruence_case")
    if not isinstance(data, dict) or not isinstance(data.get("ratings"), dict):
        raise ContentError(t("organising.err_content", key="congruence_case"))
    return {str(k): int(v) for k, v in data["ratings"].items()}


# --------------------------------------------------------------------------- success factors


def factors() -> tuple[dict[str, str], ...]:
    """Faucher's six success factors, each ``{id, name, question, advice}``."""
    return tuple(
        {k: _clean(f[k]) for k in ("id", "name", "question", "advice")} for f in _section("success_factors")["factors"]
    )


@dataclass(frozen=True)
class FactorAssessment:
    """A self-assessment of the six success factors: ratings 1-5 and evidence per factor.

    ``weakest`` holds the factor(s) with the lowest rating; ``unsupported`` the factors rated
    high without evidence (fewer words than the course asks for).
    """

    ratings: Mapping[str, int]
    evidence: Mapping[str, str]
    weakest: tuple[str, ...]
    unsupported: tuple[str, ...]

    @property
    def mean(self) -> float:
        """The average rating (1-5)."""
        return sum(self.ratings.values()) / len(self.ratings)

    def reading(self) -> str:
        """The result in words: the weakest factor(s) with advice, and high ratings without evidence."""
        info = {f["id"]: f for f in factors()}
        low = self.ratings[self.weakest[0]]
        parts = [t("organising.sf_mean", mean=f"{self.mean:.1f}")]
        if low >= 4:
            parts.append(t("organising.sf_all_strong"))
        for fid in self.weakest if low < 4 else ():
            parts.append(t("organising.sf_weakest", factor=info[fid]["name"], rating=low, advice=info[fid]["advice"]))
        if self.unsupported:
            parts.append(t("organising.sf_unsupported", factors=", ".join(info[f]["name"] for f in self.unsupported)))
        return " ".join(parts)


def success_factors(answers: Mapping[str, Any]) -> FactorAssessment:
    """Score the self-assessment: ``{factor id: {"rating": 1-5 or label, "evidence": text}}``
    (or ``{factor id: rating}``) for all six factors.

    Raises :class:`InputError` naming the factor for an unknown or missing factor, a bad rating
    or evidence that is not text.
    """
    if not isinstance(answers, Mapping):
        raise InputError(t("organising.err_mapping", what=t("organising.what_factors"), value=type(answers).__name__))
    info = {f["id"]: f for f in factors()}
    config = _section("success_factors")
    needed_from, min_words = int(config["evidence_needed_from"]), int(config["min_words"])
    ratings: dict[str, int] = {}
    evidence: dict[str, str] = {}
    for key, entry in answers.items():
        if not isinstance(key, str) or key.strip() not in info:
            raise InputError(t("organising.err_factor", value=_short(key), allowed=", ".join(info)))
        fid = key.strip()
        if isinstance(entry, Mapping):
            raw_rating, text = entry.get("rating"), entry.get("evidence", "")
        else:
            raw_rating, text = entry, ""
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise InputError(t("organising.err_evidence", factor=info[fid]["name"], value=_short(text)))
        ratings[fid] = rating(raw_rating, info[fid]["name"])
        evidence[fid] = _clean(text)
    missing = [info[f]["name"] for f in info if f not in ratings]
    if missing:
        raise InputError(t("organising.err_missing", what=t("organising.what_factors"), missing=", ".join(missing)))
    ordered = {f: ratings[f] for f in info}
    low = min(ordered.values())
    return FactorAssessment(
        ratings=ordered,
        evidence={f: evidence[f] for f in info},
        weakest=tuple(f for f, r in ordered.items() if r == low),
        unsupported=tuple(f for f, r in ordered.items() if r >= needed_from and len(evidence[f].split()) < min_words),
    )


def case_success_factors() -> dict[str, dict[str, Any]]:
    """Vellmar's self-assessment of the six factors, with its evidence (organisation.yaml)."""
    data = load("case/organisation").get("success_factors_case")
    if not isinstance(data, dict):
        raise ContentError(t("organising.err_content", key="success_factors_case"))
    return {str(k): {"rating": int(v["rating"]), "evidence": _clean(v["evidence"])} for k, v in data.items()}
