"""The quick relationship check as a questionnaire, and two views of one relationship side by side.

Taught in notebooks/05_relationship_stages.ipynb.

* :func:`quick_check` -- one row of buttons per statement, with the total, the stage by the
  course's illustrative bands and the chart, redrawn on every change (the plain function is
  :func:`kamcourse.relationships.quick_check`);
* :func:`two_views` -- two views of one relationship, the comparison chart and the gaps in
  words (:func:`kamcourse.relationships.compare_views`).

Answers are saved in the workbook (``Workbook.set_state``) when a person changes them and
restored when the widget is built again; building a widget never writes. ``demo=True`` builds
a demonstration copy bound to a throwaway workbook that neither reads nor writes what the
learner saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W

from ... import relationships as rel
from ...content import t
from ...errors import InputError
from ...plots import relationships as plots
from ...values import short_repr
from ...workbook import Workbook
from .._common import ChoiceDropdown, bound_workbook, md, note, output, safely, save_state, show_figure, show_markdown

__all__ = [
    "Questionnaire",
    "QuickCheckWidget",
    "TwoViewsWidget",
    "quick_check",
    "two_views",
    "quick_check_text",
    "esc",
    "answer_label",
]


def esc(text: Any) -> str:
    """Text shown inside HTML, escaped."""
    return html.escape(str(text))


def answer_label(points: int) -> str:
    """The label of an answer worth ``points`` (0 strongly disagree ... 3 strongly agree)."""
    return rel.scale_labels()[points]


class Questionnaire(W.VBox):
    """One row of four buttons per statement (strongly disagree ... strongly agree).

    ``on_change`` is called with no argument after every change a person makes (not while
    :meth:`set_values` fills the rows from code, which calls it once at the end).
    """

    def __init__(self, on_change: Callable[[], None] | None = None, *, compact: bool = False) -> None:
        self._on_change = on_change
        self._quiet = False
        labels = rel.scale_labels()
        self.buttons: dict[str, W.ToggleButtons | ChoiceDropdown] = {}
        rows = []
        for number, statement in enumerate(rel.all_statements(), start=1):
            if compact:
                control: W.ToggleButtons | ChoiceDropdown = ChoiceDropdown(
                    [(lab, lab) for lab in labels], layout=W.Layout(width="170px")
                )
            else:
                control = W.ToggleButtons(
                    options=list(labels),
                    value=None,
                    tooltips=[t("relationships.points", n=i) for i in range(len(labels))],
                    style={"button_width": "125px"},
                )
            control.observe(self._changed, names="value")
            self.buttons[statement.id] = control
            text = statement.short if compact else f"<b>{number}.</b> {esc(statement.text)}"
            rows.append(
                W.HBox([W.HTML(text, layout=W.Layout(width="190px")), control])
                if compact
                else W.VBox([W.HTML(text), control])
            )
        super().__init__(rows)

    def _changed(self, _change: Any = None) -> None:
        if not self._quiet and self._on_change is not None:
            self._on_change()

    def values(self) -> dict[str, str | None]:
        """The answers as labels, by statement id (None where not answered)."""
        return {sid: control.value or None for sid, control in self.buttons.items()}

    def answered(self) -> int:
        return sum(v is not None for v in self.values().values())

    def set_values(self, answers: Any) -> None:
        """Show ``answers`` (a mapping statement id -> label or points, or a list of six).

        Every answer is read first; an :class:`InputError` naming the statement leaves the
        rows unchanged.
        """
        if isinstance(answers, Mapping):
            items = [(rel.statement(k).id, v) for k, v in answers.items()]
        elif isinstance(answers, (list, tuple)) and len(answers) == len(rel.all_statements()):
            items = [(s.id, v) for s, v in zip(rel.all_statements(), answers, strict=True)]
        else:
            raise InputError(
                t("relationships.err_answers_type", value=short_repr(answers), count=len(rel.all_statements()))
            )
        parsed = {sid: None if v is None else answer_label(rel.parse_answer(v, sid)) for sid, v in items}
        self._quiet = True
        try:
            for sid, label in parsed.items():
                control = self.buttons[sid]
                if isinstance(control, ChoiceDropdown):
                    control.answer = label
                else:
                    control.value = label
        finally:
            self._quiet = False
        self._changed()


def quick_check_text(values: Mapping[str, str | None]) -> tuple[str, rel.QuickCheck | None]:
    """Markdown describing the answers, and the QuickCheck (None until all are answered)."""
    answered = sum(v is not None for v in values.values())
    if answered < len(rel.all_statements()):
        return t("relationships.qc_incomplete_widget", answered=answered, count=len(rel.all_statements())), None
    check = rel.quick_check(dict(values))
    lines = [
        t("relationships.qc_result", total=check.total, max=rel.max_total(), stage=check.stage_info.name),
        "",
        t("relationships.qc_bands_note"),
    ]
    if check.weak:
        lines += ["", t("relationships.qc_weak", statements="; ".join(s.short for s in check.weak))]
    return "\n".join(lines), check


class QuickCheckWidget(W.VBox):
    """The quick relationship check: questionnaire, result in words, chart of the six answers."""

    def __init__(
        self,
        answers: Any = None,
        *,
        key: str = "rel.lesson.quick_check",
        workbook: Workbook | None = None,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.result = output()
        self.chart = output()
        self.questionnaire = Questionnaire(self.update)
        super().__init__(
            [W.HTML(f"<h4>{esc(t('relationships.qc_title'))}</h4>"), self.questionnaire, self.result, self.chart],
            layout=W.Layout(max_width="980px"),
        )
        saved = self.workbook.get_state(self.key)
        start = saved if saved is not None else answers
        self._building = True  # showing the saved or starting answers is not a change to save
        try:
            if start is not None:
                self._fill(start)
            else:
                self.update()
        finally:
            self._building = False

    @safely("result")
    def _fill(self, answers: Any) -> None:
        self.questionnaire.set_values(answers)

    @safely("result")
    def update(self) -> None:
        """Save the answers (after a person's change) and redraw the result and the chart."""
        values = self.questionnaire.values()
        problem = save_state(self.workbook, self.key, values) if not self._building else ""
        text, check = quick_check_text(values)
        show_markdown(self.result, text)
        note(self.result, problem)
        if check is None:
            self.chart.outputs = ()
        else:
            show_figure(self.chart, plots.quick_check(check))

    @property
    def check(self) -> rel.QuickCheck | None:
        """The current result, or None while a statement is unanswered."""
        return quick_check_text(self.questionnaire.values())[1]


def quick_check(
    answers: Any = None, *, key: str = "rel.lesson.quick_check", workbook: Workbook | None = None, demo: bool = False
) -> QuickCheckWidget:
    """Build the quick-check questionnaire (``answers`` pre-fill it unless answers are saved).

    ``demo=True``: a demonstration copy that starts from ``answers`` and saves nothing.
    """
    return QuickCheckWidget(answers, key=key, workbook=workbook, demo=demo)


class TwoViewsWidget(W.VBox):
    """Two views of one relationship: one dropdown per statement and view, chart and gaps."""

    def __init__(
        self,
        first: Any = None,
        second: Any = None,
        *,
        first_label: str | None = None,
        second_label: str | None = None,
        key: str = "rel.lesson.two_views",
        workbook: Workbook | None = None,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self._building = True
        for label in (first_label, second_label):
            if label is not None and (not isinstance(label, str) or not label.strip()):
                raise InputError(t("relationships.err_view_label", value=short_repr(label)))
        self.labels = (first_label or t("relationships.view_ours"), second_label or t("relationships.view_theirs"))
        self.result = output()
        self.chart = output()
        self.first = Questionnaire(self.update, compact=True)
        self.second = Questionnaire(self.update, compact=True)
        heads = W.HBox([W.HTML(f"<b>{esc(label)}</b>", layout=W.Layout(width="370px")) for label in self.labels])
        super().__init__(
            [
                W.HTML(f"<h4>{esc(t('relationships.views_title'))}</h4>"),
                heads,
                W.HBox([self.first, self.second]),
                self.result,
                self.chart,
            ],
            layout=W.Layout(max_width="980px"),
        )
        saved = self.workbook.get_state(self.key)
        if isinstance(saved, Mapping):
            first, second = saved.get("first"), saved.get("second")
        try:
            self._fill(first, second)
        finally:
            self._building = False

    @safely("result")
    def _fill(self, first: Any, second: Any) -> None:
        for questionnaire, answers in ((self.first, first), (self.second, second)):
            if answers is not None:
                questionnaire.set_values(answers)
        self.update()

    @safely("result")
    def update(self) -> None:
        """Save both views (after a person's change); when both are complete, draw the
        comparison and list the gaps."""
        a, b = self.first.values(), self.second.values()
        problem = save_state(self.workbook, self.key, {"first": a, "second": b}) if not self._building else ""
        if None in a.values() or None in b.values():

            def incomplete(first: str, second: str) -> str:
                return t(
                    "relationships.views_incomplete",
                    first=first,
                    a=self.first.answered(),
                    second=second,
                    b=self.second.answered(),
                    count=len(rel.all_statements()),
                )

            # the labels are learner text: escaped in the Markdown, as written in the plain text
            show_markdown(
                self.result, incomplete(md(self.labels[0]), md(self.labels[1])), plain=incomplete(*self.labels)
            )
            note(self.result, problem)
            self.chart.outputs = ()
            return
        comparison = rel.compare_views(dict(a), dict(b), first_label=self.labels[0], second_label=self.labels[1])

        def lines(first: str, second: str) -> str:
            out = [
                t(
                    "relationships.views_totals",
                    first=first,
                    a=comparison.first.total,
                    a_stage=comparison.first.stage_info.name,
                    second=second,
                    b=comparison.second.total,
                    b_stage=comparison.second.stage_info.name,
                    max=rel.max_total(),
                )
            ]
            gaps = [g for g in comparison.largest_first if g.gap]
            if gaps:
                out += ["", t("relationships.views_gaps")]
                out += [
                    t(
                        "relationships.views_gap_line",
                        statement=g.statement.short,
                        first=first,
                        a=answer_label(g.first),
                        second=second,
                        b=answer_label(g.second),
                        gap=g.gap,
                    )
                    for g in gaps
                ]
            else:
                out += ["", t("relationships.views_no_gap")]
            return "\n".join(out)

        show_markdown(self.result, lines(md(self.labels[0]), md(self.labels[1])), plain=lines(*self.labels))
        note(self.result, problem)
        show_figure(self.chart, plots.view_comparison(comparison))


def two_views(
    first: Any = None,
    second: Any = None,
    *,
    first_label: str | None = None,
    second_label: str | None = None,
    key: str = "rel.lesson.two_views",
    workbook: Workbook | None = None,
    demo: bool = False,
) -> TwoViewsWidget:
    """Build the two-view comparison (pre-filled with ``first`` and ``second`` unless saved).

    ``demo=True``: a demonstration copy that starts from ``first`` and ``second`` and saves nothing.
    """
    return TwoViewsWidget(
        first, second, first_label=first_label, second_label=second_label, key=key, workbook=workbook, demo=demo
    )
