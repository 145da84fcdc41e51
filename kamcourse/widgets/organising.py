"""Widgets of lesson 09, organising for key account management.

Taught in notebooks/09_organising_for_kam.ipynb. Thin views on :mod:`kamcourse.organising`,
drawn with :mod:`kamcourse.plots.organising`:

* :func:`congruence_diagnostic` -- rate the twelve statements of Capon's congruence model; the
  diagnosis in words and the chart follow every change (plain function:
  :func:`kamcourse.organising.congruence`);
* :func:`success_factors` -- rate Faucher's six success factors with evidence for each; the
  chart and the advice on the weakest follow (plain function:
  :func:`kamcourse.organising.success_factors`).

Answers are saved in the workbook under ``key`` as a person changes them, and restored when the
widget is built again (they win over a pre-fill); ``key=None`` builds a widget that saves nothing.
The module also registers the exercise widgets of the kinds ``organising.roles``,
``organising.reward`` and ``organising.scorecard``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W

from .. import organising
from ..checkers import organising as checker
from ..content import t
from ..errors import InputError
from ..plots import organising as plots
from ..workbook import Workbook
from ._common import ChoiceDropdown, answer_text, output, safely, show_error, show_figure, show_text
from .exercises import ExerciseWidget, register

__all__ = [
    "CongruenceDiagnostic",
    "RewardExercise",
    "RolesExercise",
    "ScorecardExercise",
    "SuccessFactors",
    "congruence_diagnostic",
    "success_factors",
]

#: Metric boxes offered per perspective in the scorecard exercise.
METRICS_PER_PERSPECTIVE = 3


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _rating_buttons(on_change: Callable[[Any], None]) -> W.ToggleButtons:
    labels = organising.scale_labels()
    buttons = W.ToggleButtons(
        options=[(str(i), i) for i in range(1, len(labels) + 1)],
        value=None,
        tooltips=[f"{i} {lab}" for i, lab in enumerate(labels, start=1)],
        style={"button_width": "42px"},
    )
    buttons.observe(on_change, names="value")
    return buttons


class _Rated(W.VBox):
    """Shared behaviour: saved answers win over a pre-fill; only a person's change saves."""

    key: str | None
    workbook: Workbook
    result: W.Output

    def _start(self, prefill: Any) -> None:
        saved = self.workbook.get_state(self.key) if self.key is not None else None
        self._quiet = True
        try:
            if saved is not None:
                try:
                    self.set_values(saved)
                except InputError as exc:  # a damaged saved state: say so, keep it until the learner answers
                    show_error(self.result, str(exc))
                    return
            elif prefill is not None:
                self.set_values(prefill)
        finally:
            self._quiet = False
        self.update()

    @safely("result")
    def _changed(self, _change: Any = None) -> None:
        if self._quiet:
            return
        if self.key is not None:
            self.workbook.set_state(self.key, self.values())
        self.update()

    @safely("result")
    def fill(self, values: Any) -> None:
        """Set every answer from code, as a person would (saved, then redrawn); a value that cannot
        be read leaves every answer as it was and shows a message."""
        self._quiet = True
        try:
            self.set_values(values)
        finally:
            self._quiet = False
        self._changed()

    def values(self) -> Any:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def set_values(self, values: Any) -> None:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def update(self) -> None:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError


# --------------------------------------------------------------------------- congruence


class CongruenceDiagnostic(_Rated):
    """Twelve statements rated 1-5, grouped by element; the diagnosis and the chart below."""

    def __init__(
        self,
        prefill: Mapping[str, Any] | None = None,
        *,
        key: str | None = "organising.lesson.congruence",
        workbook: Workbook | None = None,
        name: str | None = None,
    ) -> None:
        self._quiet = True
        self.key = key
        self.workbook = workbook if workbook is not None else Workbook()
        self.name = name
        self.result = output()
        self.chart = output()
        self.congruence: organising.Congruence | None = None
        self.buttons: dict[str, W.ToggleButtons] = {}
        rows: list[W.Widget] = []
        for element in organising.elements():
            rows.append(W.HTML(f"<b>{_esc(element['name'])}</b> \u2014 <i>{_esc(element['capon'])}</i>"))
            for sid, text in element["statements"]:
                self.buttons[sid] = _rating_buttons(self._changed)
                rows.append(W.HBox([W.HTML(_esc(text), layout=W.Layout(width="560px")), self.buttons[sid]]))
        self.case_button = W.Button(description=t("organising.fill_case"), layout=W.Layout(width="240px"))
        self.case_button.on_click(lambda _b: self.fill(organising.case_congruence()))
        self.clear_button = W.Button(description=t("organising.clear"))
        self.clear_button.on_click(lambda _b: self.fill({}))
        super().__init__(
            [
                W.HTML(
                    f"<h4>{_esc(t('organising.cong_widget_title'))}</h4>"
                    f"<p>{_esc(t('organising.cong_widget_intro'))}</p>"
                ),
                *rows,
                W.HBox([self.case_button, self.clear_button]),
                self.result,
                self.chart,
            ],
            layout=W.Layout(max_width="980px"),
        )
        self._start(prefill)

    def values(self) -> dict[str, int | None]:
        """The ratings by statement id (None where not rated)."""
        return {sid: b.value for sid, b in self.buttons.items()}

    def set_values(self, values: Any) -> None:
        """Show ``values`` ({statement id: rating}); every rating is read before any is shown."""
        if not isinstance(values, Mapping):
            raise InputError(
                t("organising.err_mapping", what=t("organising.what_congruence"), value=type(values).__name__)
            )
        read: dict[str, int | None] = {sid: None for sid in self.buttons}
        for sid, value in values.items():
            if sid not in self.buttons:
                raise InputError(t("organising.err_statement", value=repr(sid)[:60], allowed=", ".join(self.buttons)))
            read[sid] = None if value is None else organising.rating(value, str(sid))
        for sid, value in read.items():
            self.buttons[sid].value = value

    @safely("result")
    def update(self) -> None:
        """Diagnose and draw once all twelve are rated; otherwise say how many are."""
        values = self.values()
        answered = sum(v is not None for v in values.values())
        if answered < len(values):
            self.congruence = None
            show_text(self.result, t("organising.cong_incomplete", answered=answered, count=len(values)))
            self.chart.outputs = ()
            return
        self.congruence = organising.congruence(values)
        show_text(self.result, self.congruence.reading())
        show_figure(self.chart, plots.congruence_chart(self.congruence, name=self.name or t("organising.yours_name")))


def congruence_diagnostic(
    prefill: Mapping[str, Any] | None = None,
    *,
    key: str | None = "organising.lesson.congruence",
    workbook: Workbook | None = None,
    name: str | None = None,
) -> CongruenceDiagnostic:
    """The congruence diagnostic (empty, or pre-filled with ``prefill`` until the learner answers)."""
    return CongruenceDiagnostic(prefill, key=key, workbook=workbook, name=name)


# --------------------------------------------------------------------------- success factors


class SuccessFactors(_Rated):
    """Six factors, each rated 1-5 with a line of evidence; chart and advice below."""

    def __init__(
        self,
        prefill: Mapping[str, Any] | None = None,
        *,
        key: str | None = "organising.lesson.success_factors",
        workbook: Workbook | None = None,
        name: str | None = None,
    ) -> None:
        self._quiet = True
        self.key = key
        self.workbook = workbook if workbook is not None else Workbook()
        self.name = name
        self.result = output()
        self.chart = output()
        self.assessment: organising.FactorAssessment | None = None
        self.buttons: dict[str, W.ToggleButtons] = {}
        self.evidence: dict[str, W.Text] = {}
        rows: list[W.Widget] = []
        for factor in organising.factors():
            fid = factor["id"]
            self.buttons[fid] = _rating_buttons(self._changed)
            self.evidence[fid] = W.Text(
                placeholder=t("organising.evidence_placeholder"),
                continuous_update=False,
                layout=W.Layout(width="640px"),
            )
            self.evidence[fid].observe(self._changed, names="value")
            rows.append(
                W.VBox(
                    [
                        W.HTML(f"<b>{_esc(factor['name'])}</b> \u2014 {_esc(factor['question'])}"),
                        W.HBox([self.buttons[fid], self.evidence[fid]]),
                    ],
                    layout=W.Layout(margin="0 0 6px 0"),
                )
            )
        self.case_button = W.Button(description=t("organising.fill_case"), layout=W.Layout(width="240px"))
        self.case_button.on_click(lambda _b: self.fill(organising.case_success_factors()))
        super().__init__(
            [
                W.HTML(
                    f"<h4>{_esc(t('organising.sf_widget_title'))}</h4><p>{_esc(t('organising.sf_widget_intro'))}</p>"
                ),
                *rows,
                self.case_button,
                self.result,
                self.chart,
            ],
            layout=W.Layout(max_width="980px"),
        )
        self._start(prefill)

    def values(self) -> dict[str, dict[str, Any]]:
        """``{factor id: {"rating": 1-5 or None, "evidence": text}}``."""
        return {f: {"rating": self.buttons[f].value, "evidence": str(self.evidence[f].value)} for f in self.buttons}

    def set_values(self, values: Any) -> None:
        """Show ``values``; every entry is read before any is shown."""
        if not isinstance(values, Mapping):
            raise InputError(
                t("organising.err_mapping", what=t("organising.what_factors"), value=type(values).__name__)
            )
        read: dict[str, tuple[int | None, str]] = {f: (None, "") for f in self.buttons}
        for fid, entry in values.items():
            if fid not in self.buttons:
                raise InputError(t("organising.err_factor", value=repr(fid)[:60], allowed=", ".join(self.buttons)))
            if isinstance(entry, Mapping):
                raw, text = entry.get("rating"), entry.get("evidence") or ""
            else:
                raw, text = entry, ""
            if not isinstance(text, str):
                raise InputError(t("organising.err_evidence", factor=fid, value=repr(text)[:60]))
            read[fid] = (None if raw is None else organising.rating(raw, str(fid)), text)
        for fid, (value, text) in read.items():
            self.buttons[fid].value = value
            self.evidence[fid].value = text

    @safely("result")
    def update(self) -> None:
        """Assess and draw once all six are rated; otherwise say how many are."""
        values = self.values()
        answered = sum(v["rating"] is not None for v in values.values())
        if answered < len(values):
            self.assessment = None
            show_text(self.result, t("organising.sf_incomplete", answered=answered, count=len(values)))
            self.chart.outputs = ()
            return
        self.assessment = organising.success_factors(values)
        show_text(self.result, self.assessment.reading())
        name = self.name or t("organising.yours_name")
        show_figure(self.chart, plots.success_factors_chart(self.assessment, name=name))


def success_factors(
    prefill: Mapping[str, Any] | None = None,
    *,
    key: str | None = "organising.lesson.success_factors",
    workbook: Workbook | None = None,
    name: str | None = None,
) -> SuccessFactors:
    """The six success factors' self-assessment (empty, or pre-filled until the learner answers)."""
    return SuccessFactors(prefill, key=key, workbook=workbook, name=name)


# --------------------------------------------------------------------------- exercises


class RolesExercise(ExerciseWidget):
    """One dropdown of the four roles per duty."""

    def _build_controls(self) -> W.Widget:
        self.items = checker.duty_items(self.exercise)
        self.names = checker.role_names(self.exercise)
        self.dropdowns: dict[str, ChoiceDropdown] = {}
        rows = []
        for number, item in enumerate(self.items, start=1):
            dropdown = ChoiceDropdown([(name, rid) for rid, name in self.names.items()], layout=W.Layout(width="230px"))
            dropdown.observe(self._changed, names="value")
            self.dropdowns[item["id"]] = dropdown
            rows.append(
                W.HBox(
                    [W.HTML(f"<b>{number}.</b> {_esc(item['text'])}", layout=W.Layout(width="100%")), dropdown],
                    layout=W.Layout(justify_content="space-between", width="100%"),
                )
            )
        return W.VBox(rows, layout=W.Layout(max_width="900px"))

    def get_answer(self) -> dict[str, str | None]:
        return {did: d.answer for did, d in self.dropdowns.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("organising.roles_not_mapping", value=type(answer).__name__))
        for key, value in answer.items():
            if key not in self.dropdowns:
                raise InputError(
                    t("organising.roles_unknown_duty", value=repr(key)[:60], allowed=", ".join(self.dropdowns))
                )
            self.dropdowns[key].answer = checker.role(value, str(key), self.names) if value else None


class RewardExercise(ExerciseWidget):
    """Three shares, the measures the bonus is paid on, a running total and a text."""

    def _build_controls(self) -> W.Widget:
        style = {"description_width": "120px"}
        self.shares = {
            part: answer_text(
                multiline=False,
                value="",
                placeholder="%",
                description=t(f"organising.part_{part}"),
                style=style,
                layout=W.Layout(width="240px"),
            )
            for part in ("base", "commission", "bonus")
        }
        self.measures = {
            mid: W.Checkbox(value=False, description=m["text"], indent=False, layout=W.Layout(width="100%"))
            for mid, m in organising.reward_measures().items()
        }
        self.why = answer_text(
            placeholder=t("organising.reward_why_placeholder"),
            layout=W.Layout(width="100%", max_width="800px", height="5em"),
        )
        self.total = W.HTML()
        for control in (*self.shares.values(), *self.measures.values(), self.why):
            control.observe(self._changed, names="value")
        for box in self.shares.values():
            box.observe(self._show_total, names="value")
        self._show_total()
        return W.VBox(
            [
                W.HBox(list(self.shares.values())),
                self.total,
                W.HTML(f"<b>{_esc(t('organising.reward_bonus_on_label'))}</b>"),
                *self.measures.values(),
                self.why,
            ]
        )

    def _show_total(self, _change: Any = None) -> None:
        try:
            total = organising.shares_total({part: box.value for part, box in self.shares.items()})
        except InputError as exc:
            self.total.value = _esc(str(exc))
            return
        self.total.value = _esc(t("organising.reward_total", total=f"{total:g}"))

    def get_answer(self) -> dict[str, Any]:
        answer: dict[str, Any] = {part: (box.value.strip() or None) for part, box in self.shares.items()}
        answer["bonus_on"] = [mid for mid, box in self.measures.items() if box.value]
        answer["why"] = self.why.value
        return answer

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("organising.reward_not_mapping", value=type(answer).__name__))
        chosen = set(answer.get("bonus_on") or ())
        unknown = chosen - set(self.measures)
        if unknown:
            raise InputError(
                t(
                    "organising.err_measures",
                    value=repr(sorted(map(str, unknown)))[:60],
                    allowed=", ".join(self.measures),
                )
            )
        for part, box in self.shares.items():
            value = answer.get(part)
            box.value = "" if value is None else f"{value:g}" if isinstance(value, (int, float)) else str(value)
        for mid, tick in self.measures.items():
            tick.value = mid in chosen
        self.why.value = str(answer.get("why") or "")


class ScorecardExercise(ExerciseWidget):
    """Up to three metric boxes for each of the four perspectives."""

    def _build_controls(self) -> W.Widget:
        self.boxes: dict[str, list[W.Textarea | W.Text]] = {}
        rows: list[W.Widget] = []
        for p in organising.perspectives():
            boxes = [
                answer_text(
                    multiline=False, placeholder=t("organising.metric_placeholder"), layout=W.Layout(width="700px")
                )
                for _ in range(METRICS_PER_PERSPECTIVE)
            ]
            for box in boxes:
                box.observe(self._changed, names="value")
            self.boxes[p["id"]] = boxes
            example = t("organising.capon_example", example=p["example"])
            rows.append(W.HTML(f"<b>{_esc(p['name'])}</b> \u2014 <i>{_esc(example)}</i>"))
            rows.extend(boxes)
        return W.VBox(rows, layout=W.Layout(max_width="900px"))

    def get_answer(self) -> dict[str, list[str]]:
        return {pid: [b.value for b in boxes] for pid, boxes in self.boxes.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("organising.scorecard_not_mapping", value=type(answer).__name__))
        for pid, metrics in answer.items():
            if pid not in self.boxes:
                raise InputError(t("organising.err_perspective", value=repr(pid)[:60], allowed=", ".join(self.boxes)))
            items = [metrics] if isinstance(metrics, str) else list(metrics or [])
            if len(items) > METRICS_PER_PERSPECTIVE:
                raise InputError(
                    t(
                        "organising.scorecard_too_many_boxes",
                        perspective=pid,
                        count=len(items),
                        limit=METRICS_PER_PERSPECTIVE,
                    )
                )
            for box, metric in zip(self.boxes[pid], items + [""] * METRICS_PER_PERSPECTIVE, strict=False):
                box.value = "" if metric is None else str(metric)


register("organising.roles", RolesExercise)
register("organising.reward", RewardExercise)
register("organising.scorecard", ScorecardExercise)
