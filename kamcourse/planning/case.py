"""Vellmar's case accounts as plans: the key account database, the position and the worked plan.

Taught in notebooks/06_situational_analysis.ipynb (the database and the position),
``notebooks/07_strategy_formulation.ipynb`` and ``notebooks/08_key_account_plan.ipynb``.

* :func:`case_plan` -- a plan for one of the three accounts of ``content/case/key_accounts.yaml``
  with what the case knows filled in (the database's four parts, people, uncertainties,
  opportunities, plan owner) and the rest left to the learner;
* :func:`worked_plan` -- the course's worked plan for Orvale Foods (``content/case/plans.yaml``);
* :func:`position` -- attractiveness, relative strength, cuts and stage, each taken from the
  learner's saved work in lessons 03, 04 and 06 when it exists and from the case otherwise,
  with a sentence saying where each figure came from.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..content import load, t
from ..errors import InputError
from ..workbook import Workbook
from .model import Plan
from .parts import Position

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "position_table",
    "ACCOUNT",
    "PORT_VIEW",
    "SEL_RATINGS",
    "SEL_WEIGHTS",
    "accounts",
    "case_account",
    "case_plan",
    "csf_key",
    "position",
    "quick_check_key",
    "worked_plan",
]

#: The account of lessons 06-08.
ACCOUNT = "Orvale Foods"
#: Workbook keys the lesson widgets save under (``kamcourse/widgets/selection.py`` and ``portfolio.py``).
SEL_WEIGHTS = "sel.weights_editor"
SEL_RATINGS = "sel.ratings_grid"
PORT_VIEW = "port.portfolio_view"


def csf_key(account: str) -> str:
    """Where lesson 04's CSF editor saves one account's weights and ratings."""
    return f"port.csf_editor.{account}"


def quick_check_key(account: str) -> str:
    """Where lesson 06 saves the quick relationship check of one case account."""
    return f"planning.quick_check.{account}"


def accounts() -> tuple[str, ...]:
    """The case accounts described in depth (``content/case/key_accounts.yaml``)."""
    return tuple(str(a["name"]) for a in load("case/key_accounts")["accounts"])


def case_account(account: str = ACCOUNT) -> dict[str, Any]:
    """The case record of ``account`` (profile, needs, history, competition, people...)."""
    for record in load("case/key_accounts")["accounts"]:
        if isinstance(account, str) and record["name"].casefold() == " ".join(account.split()).casefold():
            return dict(record)
    raise InputError(t("planning.err_account_unknown", account=repr(account), known=", ".join(accounts())))


def _flat(text: Any) -> str:
    return " ".join(str(text or "").split())


def _profile(record: dict[str, Any]) -> dict[str, str]:
    p, n, h = record["profile"], record["needs"], record["history"]
    events = " ".join(f"{e['year']}: {_flat(e['what'])}" for e in h.get("events", []))
    competitors = " ".join(
        t(
            "planning.case_competitor",
            supplier=c["supplier"],
            share=c["share_of_wallet_pct"],
            position=_flat(c["position"]),
            strengths=_flat(c["strengths"]),
            weaknesses=_flat(c["weaknesses"]),
            moves=_flat(c["moves"]),
        )
        for c in record["competition"]
    )
    return {
        "customer": t(
            "planning.case_customer",
            business=_flat(p["business"]),
            strategy=_flat(p["strategy"]),
            challenges=_flat(p["challenges"]),
            trends=_flat(p["industry_trends"]),
        ),
        "needs": t(
            "planning.case_needs",
            expectations=_flat(n["expectations"]),
            buying=_flat(n["buying_process"]),
            spend=f"{n['packaging_spend_eur']:,.0f}",
        ),
        "history": t(
            "planning.case_history",
            since=h["since"],
            revenue=f"{h['revenue_eur']:,.0f}",
            share=h["share_of_wallet_pct"],
            supplies=_flat(h["supplies"]),
            events=events,
        ),
        "competition": competitors,
    }


def _owner(account: str) -> str:
    for person in load("case/organisation")["people"]:
        if account in person.get("accounts", []):
            return str(person["name"])
    return ""


def case_plan(account: str = ACCOUNT, *, workbook: Workbook | None = None) -> Plan:
    """The plan of a case account as the case knows it: database, people, uncertainties, opportunities.

    Objectives, strategy, ratings, actions and review are left empty for the learner;
    :func:`kamcourse.planning.completeness` names them as missing. The position comes from
    :func:`position` (the learner's saved lesson work, or the case).
    """
    record = case_account(account)
    supplier = load("case/company")["supplier"]["name"]
    people = [
        {
            "name": p["name"],
            "title": p.get("title", ""),
            "role": p["buying_role"],
            "attitude": p["attitude"],
            "influence": p["influence"],
            "reports_to": p.get("reports_to"),
            "covered_by": p.get("covered_by"),
            "frequency": p.get("contact_frequency"),
            "notes": _flat(p.get("notes", "")),
        }
        for p in record["people"]
    ]
    return Plan.from_dict(
        {
            "account": record["name"],
            "supplier": supplier,
            "prepared": "2026-11-30",
            "horizon_years": 3,
            "team": {"owner": _owner(record["name"])},
            "profile": _profile(record),
            "position": position(record["name"], workbook=workbook),
            "uncertainties": [
                {"id": u["id"], "what": _flat(u["what"]), "signals": _flat(u.get("signals", ""))}
                for u in record["uncertainties"]
            ],
            "opportunities": [{"id": o["id"], "what": _flat(o["what"])} for o in record["opportunities"]],
            "stakeholders": people,
        }
    )


def worked_plan(account: str = ACCOUNT, *, workbook: Workbook | None = None) -> Plan:
    """The course's worked plan (``content/case/plans.yaml``) on top of :func:`case_plan`."""
    base = case_plan(account, workbook=workbook)
    known = {p["account"]: p for p in load("case/plans")["plans"]}
    if base.account not in known:
        raise InputError(t("planning.err_no_worked_plan", account=base.account, known=", ".join(known)))
    worked = dict(known[base.account])
    ratings = worked.pop("ratings", {})
    opportunities = [{**o.to_dict(), **ratings.get(o.id, {})} for o in base.opportunities]
    target = worked.pop("position", {}).get("target_stage")
    coverage = worked.pop("coverage", {})
    people = [{**p.to_dict(), **coverage.get(p.name, {})} for p in base.stakeholders]
    changes: dict[str, Any] = {k: v for k, v in worked.items() if k != "account"}
    return base.replace(
        opportunities=opportunities,
        stakeholders=people,
        position={**base.position.to_dict(), "target_stage": target or base.position.target_stage},
        **changes,
    )


# --------------------------------------------------------------------------- position
def _valid(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def _attractiveness(account: str, book: Workbook) -> tuple[float, str]:
    from ..selection import case_portfolio, weighted_scores

    case = case_portfolio()
    weights = case.weights.copy()
    ratings = case.ratings.astype(float).copy()
    yours: list[str] = []
    note = ""
    saved = book.get_state(SEL_WEIGHTS)
    if isinstance(saved, dict) and set(saved) == set(weights.index) and all(_valid(v, 0, 100) for v in saved.values()):
        total = sum(float(v) for v in saved.values())
        if abs(total - 100) < 1e-9:
            weights[:] = [float(saved[c]) for c in weights.index]
            yours.append(t("planning.src_your_weights"))
        else:
            note = t("planning.src_weights_not_100", total=f"{total:g}")
    edits = book.get_state(SEL_RATINGS)
    changed = 0
    if isinstance(edits, dict) and isinstance(edits.get(account), dict):
        for criterion, value in edits[account].items():
            if criterion in ratings.columns and _valid(value, 0, 10):
                ratings.loc[account, criterion] = float(value)
                changed += 1
    if changed:
        yours.append(t("planning.src_your_ratings", count=changed))
    score = float(weighted_scores(weights, ratings)[account])
    if yours:
        return score, t(
            "planning.src_lesson03",
            detail=t("planning.and_join", first=yours[0], second=yours[1]) if len(yours) == 2 else yours[0],
        )
    return score, t("planning.src_case_attractiveness") + (f" {note}" if note else "")


def _strength(account: str, record: dict[str, Any], book: Workbook) -> tuple[float, str]:
    import pandas as pd

    from ..portfolio import case_csf, compare_suppliers

    segment_weights, ratings, us = case_csf(account)
    saved = book.get_state(csf_key(account))
    if isinstance(saved, dict) and isinstance(saved.get("weights"), dict) and isinstance(saved.get("ratings"), dict):
        try:
            weights = {str(k): float(v) for k, v in saved["weights"].items() if _valid(v, 0, 100)}
            table = pd.DataFrame(saved["ratings"]).T.astype(float)
            if abs(sum(weights.values()) - 100) < 1e-9 and set(weights) == set(segment_weights.index):
                result = compare_suppliers(pd.Series(weights), table[list(segment_weights.index)], us)
                return result.strength, t("planning.src_lesson04", best=result.best)
        except (InputError, KeyError, TypeError, ValueError):
            pass
    verified = record.get("csf_weights", {})
    weights_used = pd.Series(verified.get("weights") or segment_weights.to_dict(), dtype=float)
    result = compare_suppliers(weights_used, ratings[list(weights_used.index)], us)
    return result.strength, t(
        "planning.src_case_strength", verified=_flat(verified.get("verified", "-")), best=result.best
    )


def _cuts(book: Workbook) -> tuple[float, float, str]:
    saved = book.get_state(PORT_VIEW)
    if isinstance(saved, dict):
        if saved.get("median") is True:
            from ..portfolio import median_cuts
            from ..selection import case_portfolio

            table = case_portfolio().table()
            a_cut, s_cut = median_cuts(table["attractiveness"], table["strength"])
            return float(a_cut), float(s_cut), t("planning.src_cuts_median")
        a_saved: Any = saved.get("attractiveness_cut")
        s_saved: Any = saved.get("strength_cut")
        if _valid(a_saved, 0, 1000) and _valid(s_saved, 0, 100) and (a_saved, s_saved) != (500.0, 1.0):
            return float(a_saved), float(s_saved), t("planning.src_cuts_yours")
    return 500.0, 1.0, t("planning.src_cuts_default")


def _stage(account: str, record: dict[str, Any], book: Workbook) -> tuple[str, str]:
    from .. import relationships as rel

    saved = book.get_state(quick_check_key(account))
    if isinstance(saved, dict) and saved and all(v is not None for v in saved.values()):
        try:
            check = rel.quick_check(saved)
            return check.stage, t("planning.src_stage_yours", total=check.total, max=rel.MAX_TOTAL)
        except InputError:
            pass
    return str(record["relationship"]["stage"]), t("planning.src_stage_case")


def position(account: str = ACCOUNT, *, workbook: Workbook | None = None) -> Position:
    """Attractiveness, relative strength, cuts and stage of ``account``, each with its source.

    Taken from the learner's saved work when it exists and is complete: lesson 03's weights
    and ratings, lesson 04's CSF editor for this account and portfolio cuts, lesson 06's quick
    relationship check of this account; otherwise from the case (the account's own CSF weights
    as verified with the customer, default cuts 500 and 1.0, the stage the case's evidence
    shows). Reading never writes to the workbook.
    """
    record = case_account(account)
    book = workbook if workbook is not None else Workbook()
    a, a_source = _attractiveness(record["name"], book)
    s, s_source = _strength(record["name"], record, book)
    a_cut, s_cut, cut_source = _cuts(book)
    stage, stage_source = _stage(record["name"], record, book)
    return Position(
        attractiveness=round(a, 1),
        attractiveness_source=a_source,
        strength=round(s, 3),
        strength_source=s_source,
        attractiveness_cut=a_cut,
        strength_cut=s_cut,
        cuts_source=cut_source,
        stage=stage,
        stage_source=stage_source,
        target_stage=record["relationship"].get("target_stage"),
    )


def position_table(account: str = ACCOUNT, *, workbook: Workbook | None = None) -> pd.DataFrame:
    """:func:`position` of ``account`` as a table to show (lesson 06): each figure, its value and where
    it comes from, in the words of the catalogue (the rows of the plan's summary). Reading never writes."""
    import pandas as pd

    rows = position(account, workbook=workbook).rows()
    return pd.DataFrame(
        [(value, source) for _, value, source in rows],
        index=pd.Index([what for what, _, _ in rows]),
        columns=[t("planning.x_value"), t("planning.x_source")],
    )
