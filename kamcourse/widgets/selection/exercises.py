"""The exercise widgets of lesson 03: kinds ``selection.weights`` (sliders, total, rescale,
justification) and ``selection.ranking`` (top accounts in dropdowns), registered on import.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from ... import checks, inputs, selection
from ...checkers.selection import candidate_criteria
from ...content import t
from ...errors import InputError
from ...values import short_repr
from .._common import (
    ChoiceDropdown,
    answer_text,
    show_error,
)
from ..exercises import ExerciseWidget, NumberExercise, register


class WeightsExercise(ExerciseWidget):
    """Exercise ``sel.weights``: one slider per candidate criterion, the total, a text box."""

    def _build_controls(self) -> W.Widget:
        self.criteria = candidate_criteria(self.exercise)
        self.sliders: dict[str, W.IntSlider] = {}
        rows: list[W.Widget] = []
        for c in self.criteria:
            slider = W.IntSlider(
                value=0,
                min=0,
                max=100,
                step=1,
                continuous_update=False,
                description=c["name"],
                style={"description_width": "22em"},
                layout=W.Layout(width="42em"),
            )
            slider.observe(self._moved, names="value")
            self.sliders[c["name"]] = slider
            rows.append(slider)
        self.total = W.HTML(selection.weight_total({}).label)
        self._last: str | None = None
        self.rescale_button = W.Button(
            description=t("selection.rescale"), icon="balance-scale", tooltip=t("selection.rescale_tooltip")
        )
        self.rescale_button.on_click(lambda _b: self.rescale())
        self.text = answer_text(
            placeholder=t("selection.justify_placeholder"),
            layout=W.Layout(width="100%", max_width="900px", height="6em"),
        )
        self.text.observe(self._changed, names="value")
        return W.VBox(rows + [W.HBox([self.total, self.rescale_button]), self.text])

    def _moved(self, change: dict[str, Any]) -> None:
        owner = change.get("owner")
        self._last = next((k for k, s in self.sliders.items() if s is owner), self._last)
        self.total.value = selection.weight_total({k: s.value for k, s in self.sliders.items()}).label
        self._changed()

    def rescale(self) -> None:
        """Bring the total back to 100, keeping the weight moved last."""
        try:
            new = selection.rescale_to_100(self.get_answer()["weights"], keep=self._last, integers=True)
        except InputError as exc:
            show_error(self.feedback, str(exc))
            return
        self.set_answer({"weights": new.to_dict(), "justification": self.text.value})
        self._changed()

    def get_answer(self) -> dict[str, Any]:
        return {"weights": {k: int(s.value) for k, s in self.sliders.items()}, "justification": str(self.text.value)}

    def set_answer(self, answer: Any) -> None:
        if checks.is_unanswered(answer):
            return  # nothing to show (e.g. ``fill(...)`` in the learner's copy)
        if not isinstance(answer, dict):
            raise InputError(
                t("selection.answer_not_mapping", value=type(answer).__name__, keys="weights, justification")
            )
        weights = answer.get("weights") or {}
        if not isinstance(weights, dict):
            raise InputError(t("selection.weights_not_mapping", value=type(weights).__name__))
        values = {}
        for name, value in weights.items():  # every value read first: a bad one moves no slider
            if not isinstance(name, str) or name not in self.sliders:
                raise InputError(
                    t("selection.weights_unknown_criterion", value=short_repr(name), allowed=", ".join(self.sliders))
                )
            values[name] = _slider_number(value, name)
        quiet, self._quiet = self._quiet, True
        try:
            for name, number in values.items():
                self.sliders[name].value = number
            self.text.value = str(answer.get("justification") or "")
        finally:
            self._quiet = quiet
        self.total.value = selection.weight_total({k: s.value for k, s in self.sliders.items()}).label


def _slider_number(value: Any, criterion: str) -> int:
    """A weight as a learner may have saved it (30, 30.0, "30", "12,5", blank = 0) as a slider's
    whole number from 0 to 100; refused with a message naming the criterion otherwise."""
    number = inputs.number(
        value, t("selection.weight_item", criterion=criterion), blank=0.0, low=0.0, high=selection.WEIGHT_TOTAL
    )
    return int(round(number))


class RankingExercise(ExerciseWidget):
    """Exercise ``sel.ranking``: five dropdowns of accounts; the case weights or the learner's."""

    def _build_controls(self) -> W.Widget:
        accounts = sorted(selection.case_portfolio().ratings.index)
        top = int(self.exercise.key.get("top", 5))
        self.dropdowns = [
            ChoiceDropdown([(a, a) for a in accounts], description=f"{i + 1}.", layout=W.Layout(width="28em"))
            for i in range(top)
        ]
        for dropdown in self.dropdowns:
            dropdown.observe(self._changed, names="value")
        self.source = W.ToggleButtons(
            options=[(t("selection.source_case"), "case"), (t("selection.source_mine"), "mine")],
            value="case",
            description=t("selection.source_label"),
            style={"description_width": "8em", "button_width": "16em"},
        )
        self.source.observe(self._changed, names="value")
        return W.VBox([self.source, *self.dropdowns])

    def _my_weights(self) -> dict[str, Any] | None:
        saved = self.workbook.answer("sel.weights")
        weights = saved.get("weights") if isinstance(saved, dict) else None
        return {str(k): v for k, v in weights.items()} if isinstance(weights, dict) else None

    def get_answer(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"top": [d.answer for d in self.dropdowns], "source": self.source.value}
        if self.source.value == "mine":
            mine = self._my_weights()
            if mine is None:
                raise InputError(t("selection.no_own_weights"))
            answer["weights"] = mine
        return answer

    def set_answer(self, answer: Any) -> None:
        if checks.is_unanswered(answer):
            return  # nothing to show (e.g. ``fill(...)`` in the learner's copy)
        if isinstance(answer, (list, tuple)):
            answer = {"top": list(answer)}
        if not isinstance(answer, dict):
            raise InputError(t("selection.ranking_not_list", value=type(answer).__name__))
        top = answer.get("top") or []
        if not isinstance(top, (list, tuple)) or not all(n is None or isinstance(n, str) for n in top):
            raise InputError(t("selection.ranking_not_list", value=type(top).__name__))
        names = list(top)
        quiet, self._quiet = self._quiet, True
        try:
            self.source.value = "mine" if answer.get("source") == "mine" or answer.get("weights") else "case"
            allowed = {v for _l, v in self.dropdowns[0].options}
            for dropdown, name in zip(self.dropdowns, names + [None] * len(self.dropdowns), strict=False):
                if name is not None and name not in allowed:
                    raise InputError(
                        t(
                            "selection.ranking_unknown_account",
                            value=short_repr(name),
                            position=self.dropdowns.index(dropdown) + 1,
                            allowed=", ".join(sorted(a for a in allowed if a)),
                        )
                    )
                dropdown.answer = name
        finally:
            self._quiet = quiet


register("selection.weights", WeightsExercise)
register("selection.ranking", RankingExercise)
register("selection.weighted_sum", NumberExercise)
register("selection.score_change", NumberExercise)
