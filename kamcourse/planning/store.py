"""Saving a plan in the learner's workbook and reading it back (it survives a kernel restart).

Taught in notebooks/08_key_account_plan.ipynb. A plan is saved as JSON under the state key
``planning.plan.<account>`` of :class:`~kamcourse.workbook.Workbook`. :func:`load` returns the
saved plan with its position read afresh from the learner's lesson work (so a change in
lesson 03 or 04 shows up in the plan; the target stage stays the learner's), or the case's
starting plan when nothing is saved yet. Reading never writes.
"""

from __future__ import annotations

from ..content import t
from ..errors import InputError
from ..workbook import Workbook
from . import _fields as F
from .case import ACCOUNT, case_account, case_plan, position, worked_plan
from .model import Plan

__all__ = ["STATE_PREFIX", "load", "save", "saved", "state_key"]

STATE_PREFIX = "planning.plan."


def state_key(account: str = ACCOUNT) -> str:
    """The workbook key of one account's plan."""
    return STATE_PREFIX + str(case_account(account)["name"])


def save(plan: Plan, *, workbook: Workbook | None = None) -> str:
    """Save ``plan`` in the workbook (replacing the saved plan of the same account); return the key."""
    if not isinstance(plan, Plan):
        raise InputError(t("planning.err_not_a_plan", value=F.short(plan)))
    book = workbook if workbook is not None else Workbook()
    key = STATE_PREFIX + plan.account
    book.set_state(key, plan.to_dict())
    return key


def saved(account: str = ACCOUNT, *, workbook: Workbook | None = None) -> Plan | None:
    """The plan saved for ``account`` exactly as saved, or None. A saved plan that can no longer
    be read raises :class:`InputError` saying so (it is left in the workbook untouched)."""
    book = workbook if workbook is not None else Workbook()
    data = book.get_state(state_key(account))
    if data is None:
        return None
    try:
        return Plan.from_dict(data)
    except InputError as exc:
        raise InputError(t("planning.err_saved_unreadable", account=account, reason=str(exc))) from None


def load(account: str = ACCOUNT, *, workbook: Workbook | None = None, start: str = "case") -> Plan:
    """The learner's plan for ``account`` with a fresh position, or a starting plan.

    ``start`` chooses the starting plan when nothing is saved: ``"case"`` (what the case
    knows, :func:`~kamcourse.planning.case_plan`) or ``"worked"`` (the course's worked plan).
    """
    book = workbook if workbook is not None else Workbook()
    plan = saved(account, workbook=book)
    if plan is None:
        kind = F.choice(start, "start", ("case", "worked"))
        return case_plan(account, workbook=book) if kind == "case" else worked_plan(account, workbook=book)
    fresh = position(plan.account, workbook=book)
    target = plan.position.target_stage or fresh.target_stage
    return plan.replace(position={**fresh.to_dict(), "target_stage": target})
