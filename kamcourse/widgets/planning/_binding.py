"""The link between the plan editors and the learner's workbook.

A :class:`PlanBinding` holds one account's plan. Each editor changes only its own part with
:meth:`PlanBinding.update`, which re-reads the saved plan first, applies the change, checks the
whole plan (:class:`~kamcourse.planning.Plan` refuses bad values with a message naming the
field) and saves it -- so two editors, or two notebooks, never overwrite each other's parts.
A binding made with ``demo=True`` (the course's one name for a demonstration copy, as in the
lesson widgets' ``demo=True``) keeps its plan in memory: lesson cells that show an interaction
use one, so running a notebook never changes what the learner saved.
Taught in notebooks/08_key_account_plan.ipynb.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import planning as P
from ...content import t
from ...errors import InputError
from ...workbook import Workbook

__all__ = ["PlanBinding", "binding"]


class PlanBinding:
    """One account's plan, read from and saved to the workbook (or kept in memory)."""

    def __init__(
        self,
        account: str = P.ACCOUNT,
        *,
        workbook: Workbook | None = None,
        plan: P.Plan | None = None,
        demo: bool = False,
        start: str = "case",
    ) -> None:
        if not isinstance(demo, bool):
            raise InputError(t("widgets.demo_not_bool", value=repr(demo)))
        self.workbook = workbook if workbook is not None else Workbook()
        self.demo = demo
        self.start = start
        self.problem = ""
        self._listeners: list[Callable[[P.Plan], None]] = []
        if plan is not None:
            self.plan = plan
        else:
            try:
                self.plan = P.load(account, workbook=self.workbook, start=start)
            except InputError as exc:  # a saved plan that can no longer be read: keep it, start from the case
                self.problem = str(exc)
                self.plan = P.case_plan(account, workbook=self.workbook)
        self.account = self.plan.account

    def on_change(self, callback: Callable[[P.Plan], None]) -> None:
        """Call ``callback(plan)`` after every accepted change."""
        self._listeners.append(callback)

    def check(self, **changes: Any) -> P.Plan:
        """The plan with ``changes`` applied, checked; nothing is saved. Raises InputError."""
        return self.plan.replace(**changes)

    def update(self, **changes: Any) -> P.Plan:
        """Apply ``changes`` (whole parts of the plan) to the latest saved plan, check it, save it."""
        return self._apply(lambda base: base.replace(**changes))

    def update_field(self, part: str, key: str, value: Any) -> P.Plan:
        """Change one field of one part (``"review"``, ``"next_review"``) of the latest saved plan:
        fields another editor changed meanwhile are kept."""
        return self._apply(lambda base: base.replace(**{part: {**getattr(base, part).to_dict(), key: value}}))

    def _apply(self, change: Callable[[P.Plan], P.Plan]) -> P.Plan:
        base = self.plan
        if not self.demo:
            if self.problem:
                raw = self.workbook.get_state(P.state_key(self.account))
                if raw is not None:
                    self.workbook.set_state(P.state_key(self.account) + ".unreadable", raw)
                self.problem = ""
            else:
                try:
                    base = P.load(self.account, workbook=self.workbook, start=self.start)
                except InputError:
                    base = self.plan
        plan = change(base)
        if not self.demo:
            P.save(plan, workbook=self.workbook)
        self.plan = plan
        for callback in self._listeners:
            callback(plan)
        return plan

    def where(self) -> str:
        """Where changes go, in words."""
        if self.demo:
            return t("planning.w_where_memory")
        return t("planning.w_where_workbook", path=self.workbook.path)


def binding(
    account: str = P.ACCOUNT, *, workbook: Workbook | None = None, demo: bool = False, start: str = "case"
) -> PlanBinding:
    """A binding to the learner's plan of ``account`` (``demo=True``: in memory only)."""
    return PlanBinding(account, workbook=workbook, demo=demo, start=start)
