"""The exercise widgets of lesson 04: kinds ``portfolio.classify`` (a category per account) and
``portfolio.allocation`` (days per category, running total, justification), registered on import
(``portfolio.strength`` uses the number exercise).

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as W

from ... import portfolio
from ...checkers import portfolio as portfolio_checkers
from ...content import t
from ...errors import InputError
from ...values import short_repr, to_float
from .._common import (
    ChoiceDropdown,
    answer_text,
)
from ..exercises import ExerciseWidget, NumberExercise, register
from ._shared import _esc


class ClassifyExercise(ExerciseWidget):
    """One dropdown of the four categories per account, the account's pair in its label."""

    def _build_controls(self) -> W.Widget:
        self.items = portfolio_checkers.classify_items(self.exercise)
        choices = [(portfolio.category_label(c), c) for c in portfolio.CATEGORIES]
        self.dropdowns: dict[str, ChoiceDropdown] = {}
        rows = []
        for item in self.items:
            dropdown = ChoiceDropdown(choices, layout=W.Layout(width="180px"))
            dropdown.observe(self._changed, names="value")
            self.dropdowns[item["account"]] = dropdown
            label = W.HTML(
                _esc(
                    t("portfolio.ex_account_values", **{k: item[k] for k in ("account", "attractiveness", "strength")})
                ),
                layout=W.Layout(width="100%"),
            )
            rows.append(W.HBox([label, dropdown], layout=W.Layout(justify_content="space-between", width="100%")))
        return W.VBox(rows, layout=W.Layout(max_width="760px"))

    def get_answer(self) -> dict[str, str | None]:
        return {name: d.answer for name, d in self.dropdowns.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            raise InputError(t("portfolio.classify_not_mapping", value=type(answer).__name__))
        for key, value in answer.items():
            if key not in self.dropdowns:
                raise InputError(t("portfolio.classify_unknown_account", value=key, allowed=", ".join(self.dropdowns)))
            self.dropdowns[key].answer = None if value is None else portfolio_checkers.category_of(value, key)


class AllocationExercise(ExerciseWidget):
    """One box of days per category, a running total and a justification."""

    def _build_controls(self) -> W.Widget:
        self.budget = float(self.exercise.key["budget"])
        counts = portfolio_checkers.allocation_accounts(self.exercise)
        style = {"description_width": "160px"}
        self.days = {
            c: answer_text(
                multiline=False,
                value="",
                placeholder="0",
                style=style,
                description=f"{portfolio.category_label(c)} ({counts[c]})",
                layout=W.Layout(width="280px"),
            )
            for c in portfolio.CATEGORIES
        }
        self.why = answer_text(
            placeholder=t("portfolio.ex_why"), layout=W.Layout(width="100%", max_width="760px", height="6em")
        )
        self.total = W.HTML()
        for control in (*self.days.values(), self.why):
            control.observe(self._changed, names="value")
            control.observe(self._show_total, names="value")
        self._show_total()
        return W.VBox([*self.days.values(), self.total, self.why])

    def _show_total(self, _change: Any = None) -> None:
        total = 0.0
        for box in self.days.values():
            text = box.value.strip()
            if not text:
                continue
            value = portfolio_checkers.number(text)
            if value is None:
                self.total.value = _esc(t("portfolio.ex_total_unreadable", value=text))
                return
            total += value
        self.total.value = _esc(t("portfolio.ex_total", total=total, budget=self.budget))

    def get_answer(self) -> dict[str, Any]:
        return {"days": {c: (b.value.strip() or None) for c, b in self.days.items()}, "why": self.why.value}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict) or not isinstance(answer.get("days") or {}, dict):
            raise InputError(t("portfolio.alloc_not_mapping", value=type(answer).__name__))
        texts = {}
        for category, value in (answer.get("days") or {}).items():  # every value read first
            if category not in self.days:
                raise InputError(
                    t("portfolio.alloc_category", category=category, allowed=", ".join(portfolio.CATEGORIES))
                )
            texts[category] = _days_text(value)
        for category, text in texts.items():
            self.days[category].value = text
        self.why.value = str(answer.get("why") or "")


def _days_text(value: Any) -> str:
    """A saved number of days as its box shows it; what is not a finite number is shown as it is
    (quoted), for the checker to name."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = to_float(value) if not isinstance(value, bool) else None
    return f"{number:g}" if number is not None and math.isfinite(number) else short_repr(value)


register("portfolio.strength", NumberExercise)
register("portfolio.classify", ClassifyExercise)
register("portfolio.allocation", AllocationExercise)
