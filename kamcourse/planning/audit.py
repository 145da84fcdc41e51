"""Cranfield's ten pitfalls of account plans, as a self-audit answered from the plan itself.

Taught in notebooks/08_key_account_plan.ipynb. The ten pitfalls come from Cranfield's
research on key account plans (as taught by M. McDonald and D. Woodburn): the plan is seen
as the key account manager's alone; it is written alone; senior managers are not
interested; it is done once and shelved; it is short-term and transactional; it is never
reviewed; it is all about the supplier; it is kept close to the chest; it is box-filling;
nobody owns it. For each, :func:`audit` looks for evidence in the plan (who contributed,
whether a review date is set, whether the customer's objectives are stated...) and returns a
verdict -- ``"ok"``, ``"at risk"`` or ``"cannot tell"`` -- with the evidence and advice, in
words. The evidence rules are the course's own.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..content import t
from ..errors import InputError
from ..inputs import norm
from . import _fields as F
from .model import Plan

__all__ = ["PITFALLS", "VERDICTS", "Pitfall", "audit", "pitfall_name"]

PITFALLS = (
    "kam_only",
    "written_alone",
    "seniors_uninterested",
    "shelved",
    "short_term",
    "never_reviewed",
    "supplier_only",
    "close_to_chest",
    "box_filling",
    "no_owner",
)
VERDICTS = ("ok", "at risk", "cannot tell")
_PLACEHOLDER = re.compile(
    r"^\s*(tbd|tbc|todo|to do|n/?a|none|-+|\.+|x+|\?+|see above|idem|etc\.?|lorem ipsum.*)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Pitfall:
    """One pitfall answered: its id and name, the verdict, the evidence and advice."""

    id: str
    name: str
    verdict: str
    evidence: str
    advice: str

    def text(self) -> str:
        return t(
            "planning.pf_line",
            name=self.name,
            verdict=t("planning.verdict_" + self.verdict.replace(" ", "_")),
            evidence=self.evidence,
        )


def pitfall_name(pitfall: str) -> str:
    """The pitfall in words."""
    return t("planning.pf_" + F.choice(pitfall, t("planning.col_pitfall"), PITFALLS) + "_name")


def _answer(pitfall: str, verdict: str, evidence_key: str, **values: object) -> Pitfall:
    advice = t(f"planning.pf_{pitfall}_advice") if verdict != "ok" else t("planning.pf_keep_it")
    return Pitfall(pitfall, pitfall_name(pitfall), verdict, t(f"planning.pf_{evidence_key}", **values), advice)


def _months_after(start: _dt.date, end: _dt.date) -> float:
    return (end - start).days / 30.44


def _long_texts(plan: Plan) -> list[str]:
    p, a, s = plan.profile, plan.analysis, plan.strategy
    return [
        p.customer,
        p.needs,
        p.history,
        p.competition,
        a.mission,
        a.external,
        a.internal,
        a.coherence,
        s.orientation,
        s.vision,
    ]


def _all_texts(plan: Plan) -> list[str]:
    a = plan.analysis
    items = _long_texts(plan) + list(a.customer_objectives + a.assumptions + a.opportunities + a.threats)
    items += [o.text for o in plan.objectives] + [x.what for x in plan.actions]
    items += [c.then for c in plan.strategy.conditional] + [c.otherwise for c in plan.strategy.conditional]
    return [x for x in items if x]


def audit(plan: Plan) -> tuple[Pitfall, ...]:
    """The ten pitfalls, each answered from the plan (see the module docstring)."""
    if not isinstance(plan, Plan):
        raise InputError(t("planning.err_not_a_plan", value=F.short(plan)))
    team, review = plan.team, plan.review
    owner = team.owner.casefold()
    others = sorted({a.owner for a in plan.actions if a.owner and a.owner.casefold() != owner})
    contributors = [c for c in team.contributors if c.casefold() != owner]
    out = []
    if not plan.actions:
        out.append(_answer("kam_only", "cannot tell", "kam_only_no_actions"))
    elif len(others) >= 2:
        out.append(_answer("kam_only", "ok", "kam_only_ok", count=len(others), names=", ".join(others)))
    else:
        out.append(
            _answer("kam_only", "at risk", "kam_only_risk", owner=team.owner or "-", names=", ".join(others) or "-")
        )
    if len(contributors) >= 2:
        out.append(
            _answer("written_alone", "ok", "written_alone_ok", count=len(contributors), names=", ".join(contributors))
        )
    else:
        out.append(_answer("written_alone", "at risk", "written_alone_risk", names=", ".join(contributors) or "-"))
    if team.sponsor:
        acts = [a for a in plan.actions if a.owner.casefold() == team.sponsor.casefold()]
        out.append(_answer("seniors_uninterested", "ok", "seniors_ok", sponsor=team.sponsor, count=len(acts)))
    else:
        out.append(_answer("seniors_uninterested", "at risk", "seniors_risk"))
    soon = [a for a in plan.actions if a.due is not None and 0 <= (a.due - plan.prepared).days <= 92]
    if review.tracking != "not set" and soon:
        out.append(_answer("shelved", "ok", "shelved_ok", tracking=review.tracking, count=len(soon)))
    else:
        out.append(_answer("shelved", "at risk", "shelved_risk", tracking=review.tracking, count=len(soon)))
    long_term = [
        o
        for o in plan.objectives
        if o.level == "strategic" and o.due is not None and _months_after(plan.prepared, o.due) >= 12
    ]
    relational = [a for a in plan.actions if a.kind == "relational"]
    if long_term and relational:
        out.append(_answer("short_term", "ok", "short_term_ok", count=len(long_term), relational=len(relational)))
    else:
        out.append(
            _answer("short_term", "at risk", "short_term_risk", count=len(long_term), relational=len(relational))
        )
    nxt = review.next_review
    if review.plan_review != "not set" and nxt is not None and 0 <= _months_after(plan.prepared, nxt) <= 6.1:
        out.append(
            _answer("never_reviewed", "ok", "never_reviewed_ok", cadence=review.plan_review, date=nxt.isoformat())
        )
    else:
        out.append(
            _answer(
                "never_reviewed",
                "at risk",
                "never_reviewed_risk",
                cadence=review.plan_review,
                date=nxt.isoformat() if nxt else t("planning.none"),
            )
        )
    goals = plan.analysis.customer_objectives
    if goals and plan.analysis.mission:
        out.append(_answer("supplier_only", "ok", "supplier_only_ok", count=len(goals)))
    else:
        out.append(_answer("supplier_only", "at risk", "supplier_only_risk", count=len(goals)))
    if team.shared_with and team.customer_reviewed:
        out.append(_answer("close_to_chest", "ok", "chest_ok", names="; ".join(team.shared_with)))
    elif team.shared_with:
        out.append(_answer("close_to_chest", "cannot tell", "chest_internal", names="; ".join(team.shared_with)))
    else:
        out.append(_answer("close_to_chest", "at risk", "chest_risk"))
    texts = _all_texts(plan)
    placeholders = [x for x in texts if _PLACEHOLDER.match(x)]
    thin = [x for x in _long_texts(plan) if x and len(x.split()) < 5]
    repeated = len(texts) - len({norm(x) for x in texts})
    if placeholders or thin or repeated:
        sample = "; ".join(repr(x[:30]) for x in (placeholders + thin)[:3]) or t("planning.none")
        out.append(
            _answer(
                "box_filling",
                "at risk",
                "box_risk",
                placeholders=len(placeholders),
                thin=len(thin),
                repeated=repeated,
                sample=sample,
            )
        )
    elif sum(1 for x in _long_texts(plan) if x) < 6:
        out.append(_answer("box_filling", "cannot tell", "box_too_little"))
    else:
        out.append(_answer("box_filling", "ok", "box_ok", count=len(texts)))
    if team.owner:
        owns = [o for o in plan.objectives if o.owner.casefold() == owner]
        out.append(_answer("no_owner", "ok", "no_owner_ok", owner=team.owner, count=len(owns)))
    else:
        out.append(_answer("no_owner", "at risk", "no_owner_risk"))
    return tuple(out)
