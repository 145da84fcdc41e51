"""Rewarding key account managers: the pay mix and the balanced scorecard that measures them.

Taught in notebooks/09_organising_for_kam.ipynb (part of :mod:`kamcourse.organising`).

* :func:`reward_mix` -- pay split into base, commission and bonus (after Capon), and what the
  mix encourages (:class:`RewardMix`); :func:`case_reward` is how Vellmar pays today;
* :func:`assess_metric` and :func:`assess_scorecard` -- a balanced scorecard (financial, growth,
  customer, internal) whose metrics are checked against Capon's four objectives: aligned,
  controllable, trackable and focused, each with a reason (:class:`ScorecardAssessment`).

The scorecard check reads words (lists in ``content/organising.yaml``): it can tell that "be the
best" names no measure or that a share price is beyond a key account manager's control, and
that a metric serves the perspective it is filed under; whether it serves a given account's
objectives stays a judgement for the key account manager and the director.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..content import load, t
from ..errors import ContentError, InputError
from ..inputs import number
from ._content import clean as _clean
from ._content import section as _section
from ._content import short as _short

__all__ = [
    "Criterion",
    "MetricAssessment",
    "RewardMix",
    "ScorecardAssessment",
    "assess_metric",
    "assess_scorecard",
    "case_reward",
    "example_scorecard",
    "perspectives",
    "reward_measures",
    "reward_mix",
    "shares_total",
]

#: Longest metric text accepted (characters): a metric is a phrase, not a paragraph.
MAX_METRIC_CHARS = 300
#: Most metrics accepted in one scorecard.
MAX_METRICS = 40
_CRITERIA = ("aligned", "controllable", "trackable", "focused")


def reward_measures() -> dict[str, dict[str, str]]:
    """What a bonus can be paid on, by id: ``{text, kind, encourages}``."""
    return {
        str(m["id"]): {"text": _clean(m["text"]), "kind": str(m["kind"]), "encourages": _clean(m["encourages"])}
        for m in _section("reward")["measures"]
    }


#: The three parts of a reward mix, in the order they are shown.
SHARE_PARTS = ("base", "commission", "bonus")


def _share(value: Any, part: str) -> float:
    """A share of pay in percent, 0 to 100: a number or text ("60", "60 %", "12,5"); blank is 0."""
    item = t("organising.share_item", part=t(f"organising.part_{part}"))
    return number(value, item, blank=0.0, low=0.0, high=100.0, percent=True)


def shares_total(shares: Mapping[str, Any]) -> float:
    """The total of a mix's shares (``{"base", "commission", "bonus"}`` -> number or text, a blank or
    missing part is 0), for an editor to show while the learner types. Raises :class:`InputError`
    naming the first part that is not a share from 0 to 100; the total need not be 100 here
    (:func:`reward_mix` requires it)."""
    if not isinstance(shares, Mapping):
        raise InputError(t("organising.reward_not_mapping", value=type(shares).__name__))
    return math.fsum(_share(shares.get(part), part) for part in SHARE_PARTS)


@dataclass(frozen=True)
class RewardMix:
    """A key account manager's pay: shares (percent, summing to 100) and what the bonus is paid on."""

    base: float
    commission: float
    bonus: float
    bonus_on: tuple[str, ...]

    def encourages(self) -> list[str]:
        """What the mix encourages, one sentence per part (course's reading, after Capon)."""
        lines = [t("organising.reward_base", share=f"{self.base:g}")]
        if self.commission:
            lines.append(t("organising.reward_commission", share=f"{self.commission:g}"))
        measures = reward_measures()
        for i, mid in enumerate(self.bonus_on):
            lines.append(
                t(
                    "organising.reward_bonus_on" if i == 0 else "organising.reward_bonus_also",
                    share=f"{self.bonus:g}",
                    measure=measures[mid]["text"],
                    encourages=measures[mid]["encourages"],
                )
            )
        return lines


def reward_mix(base: Any, commission: Any, bonus: Any, bonus_on: Iterable[Any] = ()) -> RewardMix:
    """Read a reward mix: three shares in percent that sum to 100, and the bonus's measures (ids).

    Raises :class:`InputError` naming the part for a share that is not a number from 0 to 100,
    a total other than 100, or a measure that is not offered.
    """
    shares = {
        "base": _share(base, "base"),
        "commission": _share(commission, "commission"),
        "bonus": _share(bonus, "bonus"),
    }
    total = math.fsum(shares.values())
    if abs(total - 100) > 1e-6:
        gap = t("organising.total_missing" if total < 100 else "organising.total_extra", points=f"{abs(100 - total):g}")
        raise InputError(t("organising.err_total", total=f"{total:g}", gap=gap))
    measures = reward_measures()
    if isinstance(bonus_on, (str, bytes)) or not isinstance(bonus_on, Iterable):
        raise InputError(t("organising.err_measures", value=_short(bonus_on), allowed=", ".join(measures)))
    chosen: list[str] = []
    for item in bonus_on:
        key = _clean(item).casefold() if isinstance(item, str) else None
        found = next((mid for mid, m in measures.items() if key in (mid, m["text"].casefold())), None)
        if found is None:
            raise InputError(t("organising.err_measures", value=_short(item), allowed=", ".join(measures)))
        if found not in chosen:
            chosen.append(found)
    return RewardMix(
        base=shares["base"], commission=shares["commission"], bonus=shares["bonus"], bonus_on=tuple(chosen)
    )


def case_reward() -> RewardMix:
    """How Vellmar pays its key account managers today: 60% base, 35% commission on yearly revenue,
    5% bonus on the company's result (organisation.yaml)."""
    data = load("case/organisation").get("reward_today")
    if not isinstance(data, dict):
        raise ContentError(t("organising.err_content", key="reward_today"))
    return reward_mix(
        data["base_salary_share"],
        data["commission_share"],
        data["bonus_share"],
        load("case/organisation").get("reward_bonus_on", ["company"]),
    )


# --------------------------------------------------------------------------- balanced scorecard


def perspectives() -> tuple[dict[str, str], ...]:
    """The four perspectives, each ``{id, name, example}`` (Capon's examples of metrics)."""
    return tuple({k: _clean(p[k]) for k in ("id", "name", "example")} for p in _section("scorecard")["perspectives"])


def example_scorecard() -> dict[str, list[str]]:
    """A worked scorecard for Vellmar's key account programme, by perspective id."""
    return {str(k): [_clean(m) for m in v] for k, v in _section("scorecard")["example"].items()}


def _find(text: str, words: Iterable[Any]) -> list[str]:
    """The words of ``words`` found in ``text`` (case ignored; a word matches at a word start)."""
    low = text.casefold()
    found = []
    for word in words:
        w = str(word).casefold()
        pattern = (r"(?<![a-z0-9])" if w[:1].isalnum() else "") + re.escape(w)
        if re.search(pattern, low):
            found.append(str(word))
    return found


def _concepts(text: str) -> dict[str, str]:
    """Concept id -> the first word that named it, for the concepts ``text`` mentions."""
    out: dict[str, str] = {}
    for concept in _section("scorecard")["concepts"]:
        hits = _find(text, concept["words"])
        if hits:
            out[str(concept["id"])] = hits[0]
    return out


def _perspective(value: Any) -> dict[str, str]:
    key = _clean(value).casefold() if isinstance(value, str) else None
    for p in perspectives():
        if key in (p["id"], p["name"].casefold()):
            return p
    raise InputError(
        t("organising.err_perspective", value=_short(value), allowed=", ".join(p["id"] for p in perspectives()))
    )


@dataclass(frozen=True)
class Criterion:
    """One of the four tests of a metric: passed or not, and why."""

    ok: bool
    reason: str


@dataclass(frozen=True)
class MetricAssessment:
    """One metric of a scorecard and its four tests."""

    perspective: str
    metric: str
    concepts: tuple[str, ...]
    aligned: Criterion
    controllable: Criterion
    trackable: Criterion
    focused: Criterion

    @property
    def ok(self) -> bool:
        """True when the metric passes all four tests."""
        return all(c.ok for c in self.criteria().values())

    def criteria(self) -> dict[str, Criterion]:
        """The four tests by name: aligned, controllable, trackable, focused."""
        return {name: getattr(self, name) for name in _CRITERIA}

    def summary(self) -> str:
        """One line: the metric, then each test as yes/no with its reason."""
        tests = "; ".join(
            t(
                "organising.sc_test",
                test=t(f"organising.sc_{n}"),
                verdict=t("organising.sc_yes" if c.ok else "organising.sc_no"),
                reason=c.reason,
            )
            for n, c in self.criteria().items()
        )
        name = _perspective(self.perspective)["name"]
        return t("organising.sc_metric_line", perspective=name, metric=self.metric, tests=tests)


def assess_metric(metric: Any, perspective: Any) -> MetricAssessment:
    """Check one metric, filed under ``perspective`` (an id or name), against the four tests.

    Raises :class:`InputError` for a metric that is not text, is blank or longer than
    :data:`MAX_METRIC_CHARS`, or an unknown perspective.
    """
    p = _perspective(perspective)
    if not isinstance(metric, str) or not metric.strip():
        raise InputError(t("organising.err_metric", perspective=p["name"], value=_short(metric)))
    text = _clean(metric)
    if len(text) > MAX_METRIC_CHARS:
        raise InputError(
            t("organising.err_metric_long", perspective=p["name"], count=len(text), limit=MAX_METRIC_CHARS)
        )
    config = _section("scorecard")
    concepts = _concepts(text)
    names = {q["id"]: q["name"] for q in perspectives()}
    kinds = {str(c["id"]): c for c in config["concepts"]}
    words = ", ".join(f"'{w}'" for w in concepts.values())
    # aligned
    against = _find(text, config["against_strategy"])
    served = {q for c in concepts for q in kinds[c]["perspectives"]}
    if against:
        aligned = Criterion(False, t("organising.sc_aligned_against", word=against[0]))
    elif not concepts:
        aligned = Criterion(False, t("organising.sc_aligned_unclear"))
    elif p["id"] not in served:
        where = ", ".join(names[q] for q in names if q in served)
        aligned = Criterion(
            False,
            t("organising.sc_aligned_elsewhere", words=words, where=where, perspective=p["name"], example=p["example"]),
        )
    else:
        aligned = Criterion(True, t("organising.sc_aligned_yes", words=words, perspective=p["name"]))
    # controllable
    outside = _find(text, config["outside_control"])
    controllable = (
        Criterion(False, t("organising.sc_controllable_no", word=outside[0]))
        if outside
        else Criterion(True, t("organising.sc_controllable_yes"))
    )
    # trackable
    has_number = re.search(r"\d", text) is not None
    units = _find(text, config["units"])
    measurable = any(kinds[c]["measurable"] for c in concepts)
    vague = _find(text, config["vague"])
    if has_number:
        trackable = Criterion(True, t("organising.sc_trackable_target"))
    elif units or measurable:
        trackable = Criterion(True, t("organising.sc_trackable_no_target"))
    elif vague:
        trackable = Criterion(False, t("organising.sc_trackable_vague", word=vague[0]))
    else:
        trackable = Criterion(False, t("organising.sc_trackable_none"))
    # focused: one measure, not several joined together
    pattern = "|".join(re.escape(str(c)) for c in config["conjunctions"])
    parts = [set(_concepts(part)) for part in re.split(pattern, f" {text} ", flags=re.IGNORECASE)]
    parts = [s for s in parts if s]
    joined = set().union(*parts) if parts else set()
    disjoint = any(a.isdisjoint(b) for i, a in enumerate(parts) for b in parts[i + 1 :])
    if len(parts) >= 2 and disjoint and len(joined) >= 2:
        focused = Criterion(False, t("organising.sc_focused_no", words=words))
    else:
        focused = Criterion(True, t("organising.sc_focused_yes"))
    return MetricAssessment(
        perspective=p["id"],
        metric=text,
        concepts=tuple(concepts),
        aligned=aligned,
        controllable=controllable,
        trackable=trackable,
        focused=focused,
    )


@dataclass(frozen=True)
class ScorecardAssessment:
    """Every metric's four tests, and the problems of the scorecard as a whole (balance, focus)."""

    metrics: tuple[MetricAssessment, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the scorecard is balanced and focused and every metric passes its four tests."""
        return not self.problems and bool(self.metrics) and all(m.ok for m in self.metrics)

    def table(self) -> pd.DataFrame:
        """One row per metric: perspective, metric, and each test as yes/no with its reason."""
        names = {p["id"]: p["name"] for p in perspectives()}
        rows = []
        for m in self.metrics:
            row = {t("organising.col_perspective"): names[m.perspective], t("organising.col_metric"): m.metric}
            for name, c in m.criteria().items():
                verdict = t("organising.sc_yes" if c.ok else "organising.sc_no")
                row[t(f"organising.sc_{name}").capitalize()] = f"{verdict}: {c.reason}"
            rows.append(row)
        return pd.DataFrame(rows)

    def reading(self) -> str:
        """The verdict in words: how many metrics pass, and what the scorecard as a whole lacks."""
        passing = sum(m.ok for m in self.metrics)
        parts = [t("organising.sc_reading", passing=passing, count=len(self.metrics))]
        parts += list(self.problems)
        return " ".join(parts)


def _entries(metrics: Any) -> list[tuple[Any, Any]]:
    if isinstance(metrics, Mapping):
        out: list[tuple[Any, Any]] = []
        for perspective, items in metrics.items():
            if isinstance(items, str) or items is None:
                items = [items]
            if not isinstance(items, Iterable):
                raise InputError(t("organising.err_scorecard", value=_short(items)))
            out += [(perspective, m) for m in items]
        return out
    if isinstance(metrics, (list, tuple)):
        out = []
        for item in metrics:
            if isinstance(item, Mapping):
                out.append((item.get("perspective"), item.get("metric")))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                out.append((item[0], item[1]))
            else:
                raise InputError(t("organising.err_scorecard", value=_short(item)))
        return out
    raise InputError(t("organising.err_scorecard", value=type(metrics).__name__))


def assess_scorecard(metrics: Any) -> ScorecardAssessment:
    """Check a whole scorecard: ``{perspective: [metric, ...]}`` or a list of
    ``(perspective, metric)`` pairs. Blank metrics are skipped.

    Besides each metric's four tests, the scorecard is *balanced* (at least one metric per
    perspective) and *focused* (between the minimum and maximum number of metrics, at most a
    few per perspective, no metric twice). Raises :class:`InputError` for a shape that cannot
    be read, an unknown perspective, a metric that is not text, or more than :data:`MAX_METRICS`.
    """
    entries = [(p, m) for p, m in _entries(metrics) if not (m is None or (isinstance(m, str) and not m.strip()))]
    if len(entries) > MAX_METRICS:
        raise InputError(t("organising.err_too_many", count=len(entries), limit=MAX_METRICS))
    order = {p["id"]: i for i, p in enumerate(perspectives())}
    assessed = tuple(sorted((assess_metric(m, p) for p, m in entries), key=lambda a: order[a.perspective]))
    config = _section("scorecard")
    names = {p["id"]: p["name"] for p in perspectives()}
    counts = {pid: sum(m.perspective == pid for m in assessed) for pid in names}
    problems = []
    missing = [names[p] for p, n in counts.items() if n == 0]
    if missing:
        problems.append(t("organising.sc_missing", perspectives=", ".join(missing)))
    if len(assessed) < int(config["min_metrics"]):
        problems.append(t("organising.sc_too_few", count=len(assessed), minimum=config["min_metrics"]))
    if len(assessed) > int(config["max_metrics"]):
        problems.append(t("organising.sc_too_many", count=len(assessed), maximum=config["max_metrics"]))
    for pid, n in counts.items():
        if n > int(config["max_per_perspective"]):
            problems.append(
                t("organising.sc_too_many_in", count=n, perspective=names[pid], maximum=config["max_per_perspective"])
            )
    seen: set[str] = set()
    for m in assessed:
        key = m.metric.casefold()
        if key in seen:
            problems.append(t("organising.sc_duplicate", metric=m.metric))
        seen.add(key)
    return ScorecardAssessment(metrics=assessed, problems=tuple(problems))
