"""Widgets of lesson 02: the interactive 3x3 grid, and the widgets of its two exercises.

Taught in notebooks/02_kap_framework.ipynb.

* :func:`grid` -- the 3x3 grid as buttons; choosing a box shows what it means (the plain
  function is :func:`kamcourse.framework.element`);
* :class:`PlacementExercise` and :class:`StrategyExercise` -- the exercises of
  ``exercises/02_kap_framework.ipynb`` (``kam.widgets.exercise("kap.placement")``), checked by
  :mod:`kamcourse.checkers.framework`. Importing this module registers them for the exercise
  kinds ``framework.placement`` and ``framework.conditional_strategy``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as W

from .. import framework
from ..checkers import framework as framework_checks
from ..content import t
from ..errors import InputError
from ..values import short_repr
from ._common import ChoiceDropdown, answer_text, output, safely, show_markdown
from .exercises import ExerciseWidget, register

__all__ = ["FrameworkGrid", "grid", "PlacementExercise", "StrategyExercise", "element_markdown"]


def element_markdown(name: str) -> str:
    """The explanation of one box as Markdown (what the grid shows when it is chosen)."""
    return framework.element(name)._repr_markdown_()


class FrameworkGrid(W.VBox):
    """Three columns of buttons, one per dimension; choosing one shows its explanation."""

    def __init__(self) -> None:
        self.output = output(min_height="6em")
        self.buttons: dict[str, W.Button] = {}
        self.selected: str | None = None
        cells: list[W.Widget] = []
        for dim in framework.dimensions():
            cells.append(W.HTML(f"<b>{dim.name.capitalize()}</b>"))
        for row in range(3):
            for dim in framework.dimensions():
                elem = dim.elements[row]
                button = W.Button(
                    description=elem.name,
                    tooltip=elem.question,
                    layout=W.Layout(width="auto", height="auto"),
                )
                button.on_click(lambda _b, name=elem.name: self.select(name))
                self.buttons[elem.name] = button
                cells.append(button)
        grid = W.GridBox(cells, layout=W.Layout(grid_template_columns="repeat(3, 1fr)", grid_gap="6px"))
        show_markdown(self.output, t("framework.grid_prompt"))
        super().__init__(
            [W.HTML(f"<h4>{t('framework.grid_title')}</h4>"), grid, self.output],
            layout=W.Layout(max_width="900px"),
        )

    @safely("output")
    def select(self, name: str) -> None:
        """Choose the box ``name``: highlight it (style and icon) and show its explanation."""
        item = framework.element(name)
        for label, button in self.buttons.items():
            chosen = label == item.name
            button.button_style = "info" if chosen else ""
            button.icon = "check" if chosen else ""
        self.selected = item.name
        show_markdown(self.output, element_markdown(item.name))


def grid() -> FrameworkGrid:
    """Build the interactive 3x3 grid (``kam.widgets.framework.grid()``)."""
    return FrameworkGrid()


class PlacementExercise(ExerciseWidget):
    """One dropdown per item, listing the nine boxes of the 3x3 grid."""

    def _build_controls(self) -> W.Widget:
        self.items = framework_checks.placement_items(self.exercise)
        choices = [(f"{elem.dimension.capitalize()} \u2192 {elem.name}", elem.name) for elem in framework.elements()]
        self.dropdowns: dict[str, ChoiceDropdown] = {}
        rows = []
        for number, item in enumerate(self.items, start=1):
            dropdown = ChoiceDropdown(choices, layout=W.Layout(width="360px"))
            dropdown.observe(self._changed, names="value")
            self.dropdowns[item["id"]] = dropdown
            label = W.HTML(f"<b>{number}.</b> {html.escape(item['text'])}", layout=W.Layout(width="100%"))
            rows.append(W.HBox([label, dropdown], layout=W.Layout(justify_content="space-between", width="100%")))
        return W.VBox(rows, layout=W.Layout(max_width="980px"))

    def get_answer(self) -> dict[str, str | None]:
        return {key: dropdown.answer for key, dropdown in self.dropdowns.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            raise InputError(t("framework.placement_not_mapping", value=type(answer).__name__))
        for key, value in answer.items():
            item_id = next((i["id"] for i in self.items if key in (i["id"], i["text"])), None)
            if item_id is None:
                raise InputError(t("framework.unknown_item", value=short_repr(key)))
            self.dropdowns[item_id].answer = framework.element(value).name if value else None


class StrategyExercise(ExerciseWidget):
    """A conditional strategy in three parts: a condition the case foresees, two responses.

    The condition is chosen from the account's uncertainties (``key_accounts.yaml``); the
    answer is ``{"condition": <id>, "response": <text>, "alternative": <text>}``. A strategy
    saved as one text (an earlier form of the exercise) comes back in the first box.
    """

    def _build_controls(self) -> W.Widget:
        self.conditions = framework_checks.strategy_conditions(self.exercise)
        self.condition = ChoiceDropdown(
            [(c.what, c.id) for c in self.conditions], layout=W.Layout(width="100%", max_width="900px")
        )
        self.signals = W.HTML()
        account = str(self.exercise.key["account"])
        self.response = self._text(t("framework.strategy_response_placeholder", account=account))
        self.alternative = self._text(t("framework.strategy_alternative_placeholder"))
        self.condition.observe(self._condition_changed, names="value")
        for control in (self.response, self.alternative):
            control.observe(self._changed, names="value")

        def label(key: str) -> W.HTML:
            return W.HTML(f"<b>{html.escape(t(key, account=account))}</b>")

        return W.VBox(
            [
                label("framework.strategy_condition_label"),
                self.condition,
                self.signals,
                label("framework.strategy_response_label"),
                self.response,
                label("framework.strategy_alternative_label"),
                self.alternative,
            ],
            layout=W.Layout(max_width="900px"),
        )

    @staticmethod
    def _text(placeholder: str) -> W.Textarea | W.Text:
        return answer_text(placeholder=placeholder, layout=W.Layout(width="100%", max_width="900px", height="5em"))

    def _condition_changed(self, _change: Any = None) -> None:
        chosen = next((c for c in self.conditions if c.id == self.condition.answer), None)
        self.signals.value = (
            f"<i>{html.escape(t('framework.strategy_signals', signals=chosen.signals))}</i>"
            if chosen is not None and chosen.signals
            else ""
        )
        self._changed()

    def get_answer(self) -> dict[str, str | None]:
        return {
            "condition": self.condition.answer,
            "response": str(self.response.value),
            "alternative": str(self.alternative.value),
        }

    def set_answer(self, answer: Any) -> None:
        if isinstance(answer, str):
            answer = {"condition": None, "response": answer, "alternative": ""}
        if not isinstance(answer, Mapping):
            raise InputError(t("framework.strategy_not_text", value=type(answer).__name__))
        condition = answer.get("condition")
        chosen = None
        if condition:
            found = framework_checks.find_condition(str(condition), self.exercise)
            if found is None:
                raise InputError(
                    t(
                        "framework.strategy_condition_unknown",
                        value=repr(condition),
                        allowed=", ".join(c.id for c in self.conditions),
                    )
                )
            chosen = found.id
        texts = {k: answer.get(k) or "" for k in ("response", "alternative")}
        for key, value in texts.items():
            if not isinstance(value, str):
                raise InputError(t("framework.strategy_field_not_text", field=key, value=type(value).__name__))
        self.condition.answer = chosen
        self.response.value = texts["response"]
        self.alternative.value = texts["alternative"]


register("framework.placement", PlacementExercise)
register("framework.conditional_strategy", StrategyExercise)
