"""Vellmar Packaging's relationships: the cases to diagnose and the portfolio to decide on.

Taught in notebooks/05_relationship_stages.ipynb.

Practised in exercises/05_relationship_stages.ipynb.

The case lives in ``kamcourse/content/case/relationships.yaml``: customers described by their
evidence (who is in contact, share of spend, information, planning, exit, trust) with the
stage the evidence shows and why each other stage is ruled out, and Vellmar's accounts with
their category, stage today and the decisions the case supports. Each function reads and
validates the file when it is called, so a malformed case is named in a
:class:`~kamcourse.errors.ContentError`, never met half-way through a lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content import load, t
from ..errors import ContentError, InputError
from ..values import short_repr
from .fit import DECISIONS, defensible_decisions
from .stages import label_key, stage, stage_ids

__all__ = ["Case", "cases", "case", "case_portfolio", "CaseDecision", "case_decisions"]

_CASE_CONTENT = "case/relationships"
_EVIDENCE_KEYS = ("contacts", "share_of_spend", "information", "planning", "exit", "trust")


@dataclass(frozen=True)
class Case:
    """A fictional relationship to diagnose.

    ``evidence`` maps trait ids (contacts, share_of_spend, information, planning, exit,
    trust) to what the learner reads; ``stage`` is the correct stage id; ``ruled_out``
    maps each *other* stage id to the trait that rules it out (feedback for a wrong
    diagnosis, see :meth:`why_not`).
    """

    id: str
    customer: str
    summary: str
    evidence: dict[str, str]
    stage: str
    ruled_out: dict[str, str]

    def why_not(self, guess: str) -> str | None:
        """Why ``guess`` is the wrong stage for this case, or ``None`` if it is right.

        Raises
        ------
        InputError
            If ``guess`` is not a stage (the message names the case and the value).
        """
        chosen = stage(guess, item=self.customer).id
        return None if chosen == self.stage else self.ruled_out[chosen]


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def cases() -> tuple[Case, ...]:
    """Vellmar's relationships to diagnose (``content/case/relationships.yaml``), validated.

    Raises
    ------
    ContentError
        If a case lacks evidence for a trait, has an unknown stage, or does not explain
        why each other stage is ruled out; the message names the case and the key.
    """
    ids = stage_ids()
    out = []
    for row in load(_CASE_CONTENT)["cases"]:
        name = row.get("id", "?")
        evidence = row.get("evidence") or {}
        missing = [k for k in _EVIDENCE_KEYS if not str(evidence.get(k) or "").strip()]
        if missing:
            raise ContentError(t("relationships.err_case_evidence", case=name, missing=", ".join(missing)))
        if row.get("stage") not in ids:
            raise ContentError(t("relationships.err_case_stage", case=name, value=short_repr(row.get("stage"))))
        ruled_out = row.get("ruled_out") or {}
        expected = {s for s in ids if s != row["stage"]}
        if set(ruled_out) != expected or not all(str(v or "").strip() for v in ruled_out.values()):
            raise ContentError(
                t(
                    "relationships.err_case_ruled_out",
                    case=name,
                    expected=", ".join(sorted(expected)),
                    value=", ".join(map(str, ruled_out)),
                )
            )
        out.append(
            Case(
                id=str(name),
                customer=_text(row["customer"]),
                summary=_text(row["summary"]),
                evidence={k: _text(evidence[k]) for k in _EVIDENCE_KEYS},
                stage=str(row["stage"]),
                ruled_out={s: _text(ruled_out[s]) for s in ids if s in ruled_out},
            )
        )
    return tuple(out)


def case(case_id: str) -> Case:
    """The case ``case_id`` (e.g. ``"quintara"``, or the customer's name).

    Raises
    ------
    InputError
        If no case has that id or customer name; the message lists the known ids.
    """
    known = cases()
    for item in known:
        if isinstance(case_id, str) and label_key(case_id) in (label_key(item.id), label_key(item.customer)):
            return item
    raise InputError(
        t("relationships.err_case_unknown", value=short_repr(case_id), allowed=", ".join(c.id for c in known))
    )


def case_portfolio() -> Any:
    """Vellmar's accounts for the "invest more, hold or invest less" exercise.

    Returns
    -------
    pandas.DataFrame
        Columns ``account``, ``category``, ``stage``, ``note``; ready for
        :func:`~kamcourse.relationships.fit.portfolio_fit`.
    """
    import pandas as pd

    rows = load(_CASE_CONTENT)["portfolio"]
    return pd.DataFrame(
        [
            {"account": r["account"], "category": r["category"], "stage": r["stage"], "note": _text(r.get("note", ""))}
            for r in rows
        ],
        columns=["account", "category", "stage", "note"],
    )


@dataclass(frozen=True)
class CaseDecision:
    """What the case supports for one account of the portfolio exercise.

    ``decision`` is the case's answer; ``also`` maps other defensible decisions to the
    reason the feedback gives; ``why_not`` maps some indefensible decisions to a pointed
    reason (the others are explained from the fit range).
    """

    account: str
    decision: str
    also: dict[str, str]
    why_not: dict[str, str]

    @property
    def accepted(self) -> tuple[str, ...]:
        """The case's decision first, then the other defensible ones."""
        return (self.decision, *self.also)


def case_decisions() -> dict[str, CaseDecision]:
    """The decisions the case supports for each account of :func:`case_portfolio`, by account.

    Raises
    ------
    ContentError
        If a decision is unknown, or one the account's category and stage do not allow
        (see :func:`~kamcourse.relationships.fit.defensible_decisions`), or if the fit
        range allows a decision that the case neither accepts nor explains in
        ``why_not``; the message names the account.
    """
    out: dict[str, CaseDecision] = {}
    for row in load(_CASE_CONTENT)["portfolio"]:
        account = _text(row["account"])
        allowed = defensible_decisions(str(row["category"]), str(row["stage"]), item=account)
        decision = str(row.get("decision", ""))
        also = {str(k): _text(v) for k, v in (row.get("also") or {}).items()}
        why_not = {str(k): _text(v) for k, v in (row.get("why_not") or {}).items()}
        for value in (decision, *also):
            if value not in allowed:
                raise ContentError(
                    t("relationships.err_case_decision", account=account, value=repr(value), allowed=", ".join(allowed))
                )
        if set(why_not) & {decision, *also} or not set(why_not) <= set(DECISIONS):
            raise ContentError(t("relationships.err_case_why_not", account=account, value=", ".join(why_not)))
        unexplained = [d for d in allowed if d not in (decision, *also, *why_not)]
        if unexplained:
            raise ContentError(t("relationships.err_case_unexplained", account=account, value=", ".join(unexplained)))
        out[account] = CaseDecision(account, decision, also, why_not)
    return out
