"""Widgets of lesson 05, relationship stages (``notebooks/05_relationship_stages.ipynb``).

Views on :mod:`kamcourse.relationships`, drawn with :mod:`kamcourse.plots.relationships`:

* :func:`quick_check` -- the quick relationship check as a questionnaire (one row of
  buttons per statement), with the total, the stage by the course's illustrative bands and
  the chart, redrawn on every change; the plain function is
  :func:`kamcourse.relationships.quick_check`;
* :func:`two_views` -- two views of one relationship side by side, the comparison chart and
  the gaps in words (:func:`kamcourse.relationships.compare_views`);
* :func:`contact_editor` -- one contact per line, "Supplier function - Customer function",
  drawn and classified as bow-tie, diamond or mixed
  (:func:`kamcourse.relationships.parse_contact_lines`, :func:`~kamcourse.relationships.contact_structure`);
  a bad line is named in a message and the previous drawing stays;
* :func:`fit_grid` -- the case portfolio on the stage-by-category grid, with a category and a
  stage to change per account (:func:`kamcourse.relationships.portfolio_fit`).

Their inputs are saved in the workbook (``Workbook.set_state``) when a person changes them,
and restored when the widget is built again; building a widget never writes. ``demo=True``
builds a demonstration copy bound to a throwaway workbook
(:func:`kamcourse.widgets._common.bound_workbook`): it starts from the values it is given,
neither reads nor writes what the learner saved, so a notebook cell may drive it from code.
The module also registers the exercise widgets of the kinds ``rel.diagnose``,
``rel.quick_check``, ``rel.contacts`` and ``rel.portfolio`` (``kam.widgets.exercise("rel.…")``).
"""

from __future__ import annotations

import html
from typing import Any, Callable, Mapping

import ipywidgets as W

from .. import relationships as rel
from ..checkers import rel as rel_checks
from ..content import t
from ..errors import InputError
from ..plots import relationships as plots
from ..workbook import Workbook
from .._values import short_repr
from ._common import ChoiceDropdown, bound_workbook, md, note, output, safely, save_state, show_figure, show_markdown
from .exercises import ExerciseWidget, register

__all__ = ["Questionnaire", "QuickCheckWidget", "TwoViewsWidget", "ContactEditor", "FitGridWidget",
           "quick_check", "two_views", "contact_editor", "fit_grid",
           "DiagnoseExercise", "QuickCheckExercise", "ContactsExercise", "PortfolioExercise"]


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _label_for(points: int) -> str:
    return rel.scale_labels()[points]


# ------------------------------------------------------------------ questionnaire


class Questionnaire(W.VBox):
    """One row of four buttons per statement (strongly disagree ... strongly agree).

    ``on_change`` is called with no argument after every change a person makes (not while
    :meth:`set_values` fills the rows from code, which calls it once at the end).
    """

    def __init__(self, on_change: Callable[[], None] | None = None, *, compact: bool = False) -> None:
        self._on_change = on_change
        self._quiet = False
        labels = rel.scale_labels()
        self.buttons: dict[str, W.ToggleButtons] = {}
        rows = []
        for number, statement in enumerate(rel.STATEMENTS, start=1):
            if compact:
                control: W.Widget = ChoiceDropdown([(lab, lab) for lab in labels], layout=W.Layout(width="170px"))
            else:
                control = W.ToggleButtons(options=list(labels), value=None,
                                          tooltips=[t("rel.points", n=i) for i in range(len(labels))],
                                          style={"button_width": "125px"})
            control.observe(self._changed, names="value")
            self.buttons[statement.id] = control
            text = statement.short if compact else f"<b>{number}.</b> {_esc(statement.text)}"
            rows.append(W.VBox([W.HTML(text), control]) if not compact else W.HBox([W.HTML(text, layout=W.Layout(width="190px")), control]))
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
            items = [(rel._statement(k).id, v) for k, v in answers.items()]  # noqa: SLF001
        elif isinstance(answers, (list, tuple)) and len(answers) == len(rel.STATEMENTS):
            items = [(s.id, v) for s, v in zip(rel.STATEMENTS, answers)]
        else:
            raise InputError(t("relationships.err_answers_type", value=short_repr(answers), count=len(rel.STATEMENTS)))
        parsed = {sid: None if v is None else _label_for(rel.parse_answer(v, sid)) for sid, v in items}
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


def _quick_check_text(values: Mapping[str, str | None]) -> tuple[str, Any]:
    """Markdown describing the answers, and the QuickCheck (None until all are answered)."""
    answered = sum(v is not None for v in values.values())
    if answered < len(rel.STATEMENTS):
        return t("rel.qc_incomplete_widget", answered=answered, count=len(rel.STATEMENTS)), None
    check = rel.quick_check(dict(values))
    lines = [t("rel.qc_result", total=check.total, max=rel.MAX_TOTAL, stage=check.stage_info.name),
             "", t("rel.qc_bands_note")]
    if check.weak:
        lines += ["", t("rel.qc_weak", statements="; ".join(s.short for s in check.weak))]
    return "\n".join(lines), check


class QuickCheckWidget(W.VBox):
    """The quick relationship check: questionnaire, result in words, chart of the six answers."""

    def __init__(self, answers: Any = None, *, key: str = "rel.lesson.quick_check",
                 workbook: Workbook | None = None, demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.result = output()
        self.chart = output()
        self.questionnaire = Questionnaire(self.update)
        super().__init__([W.HTML(f"<h4>{_esc(t('rel.qc_title'))}</h4>"), self.questionnaire,
                          self.result, self.chart], layout=W.Layout(max_width="980px"))
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
        text, check = _quick_check_text(values)
        show_markdown(self.result, text)
        note(self.result, problem)
        if check is None:
            self.chart.outputs = ()
        else:
            show_figure(self.chart, plots.plot_quick_check(check))

    @property
    def check(self) -> rel.QuickCheck | None:
        """The current result, or None while a statement is unanswered."""
        return _quick_check_text(self.questionnaire.values())[1]


def quick_check(answers: Any = None, *, key: str = "rel.lesson.quick_check",
                workbook: Workbook | None = None, demo: bool = False) -> QuickCheckWidget:
    """Build the quick-check questionnaire (``answers`` pre-fill it unless answers are saved).

    ``demo=True``: a demonstration copy that starts from ``answers`` and saves nothing.
    """
    return QuickCheckWidget(answers, key=key, workbook=workbook, demo=demo)


# ----------------------------------------------------------------------- two views


class TwoViewsWidget(W.VBox):
    """Two views of one relationship: one dropdown per statement and view, chart and gaps."""

    def __init__(self, first: Any = None, second: Any = None, *, first_label: str | None = None,
                 second_label: str | None = None, key: str = "rel.lesson.two_views",
                 workbook: Workbook | None = None, demo: bool = False) -> None:
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
        heads = W.HBox([W.HTML(f"<b>{_esc(label)}</b>", layout=W.Layout(width="370px")) for label in self.labels])
        super().__init__([W.HTML(f"<h4>{_esc(t('rel.views_title'))}</h4>"), heads, W.HBox([self.first, self.second]),
                          self.result, self.chart], layout=W.Layout(max_width="980px"))
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
                return t("rel.views_incomplete", first=first, a=self.first.answered(), second=second,
                         b=self.second.answered(), count=len(rel.STATEMENTS))

            # the labels are learner text: escaped in the Markdown, as written in the plain text
            show_markdown(self.result, incomplete(md(self.labels[0]), md(self.labels[1])),
                          plain=incomplete(*self.labels))
            note(self.result, problem)
            self.chart.outputs = ()
            return
        comparison = rel.compare_views(dict(a), dict(b), first_label=self.labels[0], second_label=self.labels[1])

        def lines(first: str, second: str) -> str:
            out = [t("rel.views_totals", first=first, a=comparison.first.total,
                     a_stage=comparison.first.stage_info.name, second=second, b=comparison.second.total,
                     b_stage=comparison.second.stage_info.name, max=rel.MAX_TOTAL)]
            gaps = [g for g in comparison.largest_first if g.gap]
            if gaps:
                out += ["", t("rel.views_gaps")]
                out += [t("rel.views_gap_line", statement=g.statement.short, first=first,
                          a=_label_for(g.first), second=second, b=_label_for(g.second), gap=g.gap)
                        for g in gaps]
            else:
                out += ["", t("rel.views_no_gap")]
            return "\n".join(out)

        show_markdown(self.result, lines(md(self.labels[0]), md(self.labels[1])), plain=lines(*self.labels))
        note(self.result, problem)
        show_figure(self.chart, plots.plot_view_comparison(comparison))


def two_views(first: Any = None, second: Any = None, *, first_label: str | None = None,
              second_label: str | None = None, key: str = "rel.lesson.two_views",
              workbook: Workbook | None = None, demo: bool = False) -> TwoViewsWidget:
    """Build the two-view comparison (pre-filled with ``first`` and ``second`` unless saved).

    ``demo=True``: a demonstration copy that starts from ``first`` and ``second`` and saves nothing.
    """
    return TwoViewsWidget(first, second, first_label=first_label, second_label=second_label, key=key,
                          workbook=workbook, demo=demo)


# ------------------------------------------------------------------ contact editor


def structure_markdown(structure: rel.ContactStructure) -> str:
    """The verdict on a contact structure in words: its kind and the stage it goes with."""
    kind = t(f"relationships.structure_kind_{structure.kind}")
    return t("rel.structure_verdict", kind=kind,
             meaning=t(f"rel.structure_meaning_{structure.kind.replace('-', '_')}"),
             links=len(structure.contacts), parallel=structure.parallel_links)


class ContactEditor(W.VBox):
    """A text box, one contact per line, the drawing and the bow-tie / diamond / mixed verdict.

    A line that cannot be read is named in :attr:`message`; the previous drawing and verdict
    stay in :attr:`drawing` until the text can be read again. After a person's change the text
    is saved in the workbook under ``key``, or, with ``on_change``, handed to it instead (an
    exercise saves it as its answer); ``key=None`` and no ``on_change`` save nothing.
    """

    def __init__(self, text: str = "", *, on_change: Callable[[str], None] | None = None,
                 key: str | None = "rel.lesson.contacts", workbook: Workbook | None = None,
                 demo: bool = False) -> None:
        if not isinstance(text, str):
            raise InputError(t("relationships.err_contact_text", value=type(text).__name__))
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self._on_change = on_change
        self._building = True
        self.structure: rel.ContactStructure | None = None
        self.message = output()
        self.drawing = output()
        self.text = W.Textarea(placeholder=t("rel.contacts_placeholder"), continuous_update=False,
                               layout=W.Layout(width="100%", max_width="620px", height="9em"))
        self.text.observe(lambda _c: self.update(), names="value")
        super().__init__([W.HTML(_esc(t("rel.contacts_help"))), self.text, self.message, self.drawing],
                         layout=W.Layout(max_width="980px"))
        saved = self.workbook.get_state(key) if key else None
        start = saved if isinstance(saved, str) else text
        self._building = True  # showing the start text is not a change to save
        try:
            self.text.value = start or ""
            self.update()
        finally:
            self._building = False

    @safely("message")
    def update(self) -> None:
        """Save the text, then redraw if it can be read; otherwise name the bad line."""
        value = str(self.text.value)
        problem = ""
        if not self._building:
            if self._on_change is not None:
                self._on_change(value)
            elif self.key:
                problem = save_state(self.workbook, self.key, value)
        if not value.strip():
            show_markdown(self.message, t("rel.contacts_empty"))
            note(self.message, problem)
            return
        structure = rel.contact_structure(rel.parse_contact_lines(value))
        self.structure = structure
        show_markdown(self.message, structure_markdown(structure))
        note(self.message, problem)
        show_figure(self.drawing, plots.plot_contact_structure(structure))


def contact_editor(text: str = "", *, key: str = "rel.lesson.contacts",
                   workbook: Workbook | None = None, demo: bool = False) -> ContactEditor:
    """Build the contact-structure editor (``text`` pre-fills it unless text is saved).

    ``demo=True``: a demonstration copy that starts from ``text`` and saves nothing, so a
    notebook cell may type into it from code without touching the learner's drawing.
    """
    return ContactEditor(text, key=key, workbook=workbook, demo=demo)


# ------------------------------------------------------------------------ fit grid


class FitGridWidget(W.VBox):
    """The case portfolio on the stage-by-category grid; change an account's category or stage."""

    def __init__(self, *, key: str = "rel.lesson.fit_grid", workbook: Workbook | None = None,
                 demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self._building = True
        self.case = rel.case_portfolio()
        self.result = output()
        self.chart = output()
        self._quiet = False
        stage_options = [(s.name, s.id) for s in rel.STAGES]
        self.categories: dict[str, W.Dropdown] = {}
        self.stages: dict[str, W.Dropdown] = {}
        rows = [W.HBox([W.HTML(f"<b>{_esc(h)}</b>", layout=W.Layout(width=w)) for h, w in
                        ((t("rel.col_account"), "260px"), (t("rel.col_category"), "150px"), (t("rel.col_stage"), "170px"))])]
        for record in self.case.itertuples(index=False):
            category = W.Dropdown(options=list(rel.CATEGORIES), value=record.category, layout=W.Layout(width="150px"))
            current = W.Dropdown(options=stage_options, value=record.stage, layout=W.Layout(width="170px"))
            for control in (category, current):
                control.observe(lambda _c: self.update(), names="value")
            self.categories[record.account], self.stages[record.account] = category, current
            rows.append(W.HBox([W.HTML(_esc(record.account), layout=W.Layout(width="260px")), category, current]))
        self.reset_button = W.Button(description=t("rel.reset_case"), icon="undo")
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__([W.HTML(f"<h4>{_esc(t('relationships.grid_title'))}</h4>"), W.VBox(rows),
                          self.reset_button, self.chart, self.result], layout=W.Layout(max_width="980px"))
        saved = self.workbook.get_state(self.key)
        try:
            if isinstance(saved, Mapping):
                self._fill(saved)
            else:
                self.update()
        finally:
            self._building = False

    @safely("result")
    def _fill(self, saved: Mapping[str, Any]) -> None:
        self._quiet = True
        try:
            for account, pair in saved.items():
                if account in self.categories and isinstance(pair, (list, tuple)) and len(pair) == 2:
                    self.categories[account].value = rel._category(pair[0], account)  # noqa: SLF001
                    self.stages[account].value = rel.stage(pair[1], item=account).id
        finally:
            self._quiet = False
        self.update()

    def portfolio(self) -> dict[str, tuple[str, str]]:
        """The portfolio as shown: account -> (category, stage)."""
        return {a: (self.categories[a].value, self.stages[a].value) for a in self.categories}

    def reset(self) -> None:
        """Back to the case's categories and stages."""
        self._fill({r.account: [r.category, r.stage] for r in self.case.itertuples(index=False)})

    @safely("result")
    def update(self) -> None:
        if self._quiet:
            return
        current = self.portfolio()
        problem = (save_state(self.workbook, self.key, {a: list(v) for a, v in current.items()})
                   if not self._building else "")
        fit = rel.portfolio_fit(current)
        show_figure(self.chart, plots.plot_fit_grid(fit))
        show_markdown(self.result, "\n".join(f"- {md(line)}" for line in fit["verdict_text"]),
                      plain="\n".join(fit["verdict_text"]))
        note(self.result, problem)


def fit_grid(*, key: str = "rel.lesson.fit_grid", workbook: Workbook | None = None,
             demo: bool = False) -> FitGridWidget:
    """Build the stage-by-category grid of the case portfolio (changes saved and restored).

    ``demo=True``: a demonstration copy that starts from the case and saves nothing.
    """
    return FitGridWidget(key=key, workbook=workbook, demo=demo)


# ----------------------------------------------------------------- exercise widgets


def _evidence_html(case: rel.Case, traits: tuple[str, ...] | None = None) -> str:
    rows = "".join(
        f"<tr><td style='vertical-align:top;padding-right:8px'><i>{_esc(t(f'relationships.trait_{k}'))}</i></td>"
        f"<td>{_esc(v)}</td></tr>"
        for k, v in case.evidence.items() if traits is None or k in traits)
    return (f"<p><b>{_esc(case.customer)}</b> &mdash; {_esc(case.summary)}</p>"
            f"<table style='font-size:90%;margin-bottom:4px'>{rows}</table>")


class DiagnoseExercise(ExerciseWidget):
    """Per case: the evidence and one row of buttons with the four stages."""

    def _build_controls(self) -> W.Widget:
        self.cases = rel_checks.diagnose_cases(self.exercise)
        self.choices: dict[str, W.ToggleButtons] = {}
        boxes = []
        for item in self.cases:
            control = W.ToggleButtons(options=[(s.name, s.id) for s in rel.STAGES], value=None,
                                      style={"button_width": "120px"})
            control.observe(self._changed, names="value")
            self.choices[item.id] = control
            boxes.append(W.VBox([W.HTML(_evidence_html(item)), control],
                                layout=W.Layout(border="1px solid #ddd", padding="4px", margin="0 0 6px 0")))
        return W.VBox(boxes, layout=W.Layout(max_width="980px"))

    def get_answer(self) -> dict[str, str | None]:
        return {cid: control.value for cid, control in self.choices.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("rel.diagnose_not_mapping", value=type(answer).__name__))
        chosen = {}
        for key, value in answer.items():
            item = rel_checks._find_case(key, self.cases)  # noqa: SLF001
            chosen[item.id] = None if value is None else rel.stage(value, item=item.customer).id
        for cid, value in chosen.items():
            self.choices[cid].value = value


class QuickCheckExercise(ExerciseWidget):
    """The case evidence, the questionnaire and its live result; Check compares with the evidence."""

    def _build_controls(self) -> W.Widget:
        self.case = rel.case(self.exercise.key["case"])
        self.result = output()
        self.chart = output()
        self.questionnaire = Questionnaire(self._on_change)
        return W.VBox([W.HTML(_evidence_html(self.case)), self.questionnaire, self.result, self.chart],
                      layout=W.Layout(max_width="980px"))

    def _on_change(self) -> None:
        self._redraw()
        self._changed()

    @safely("result")
    def _redraw(self) -> None:
        text, check = _quick_check_text(self.questionnaire.values())
        show_markdown(self.result, text)
        if check is None:
            self.chart.outputs = ()
        else:
            show_figure(self.chart, plots.plot_quick_check(check))

    def _restore(self) -> None:
        super()._restore()
        self._redraw()

    def get_answer(self) -> dict[str, str | None]:
        return self.questionnaire.values()

    def set_answer(self, answer: Any) -> None:
        self.questionnaire.set_values(answer)


class ContactsExercise(ExerciseWidget):
    """The case's contacts line and the contact editor; the text is the answer."""

    def _build_controls(self) -> W.Widget:
        self.case = rel.case(self.exercise.key["case"])
        self.editor = ContactEditor(on_change=lambda _text: self._changed(), key=None, workbook=self.workbook)
        self.editor.text.continuous_update = True  # what is typed reaches the kernel before a Check click
        return W.VBox([W.HTML(_evidence_html(self.case, ("contacts",))), self.editor])

    def get_answer(self) -> str:
        return str(self.editor.text.value)

    def set_answer(self, answer: Any) -> None:
        if isinstance(answer, (list, tuple)):
            answer = "\n".join(f"{c.supplier} - {c.customer}" for c in rel.contacts(answer))
        if not isinstance(answer, str):
            raise InputError(t("rel.contacts_type", value=type(answer).__name__))
        self.editor.text.value = answer


class PortfolioExercise(ExerciseWidget):
    """One row per account of the case portfolio: category, stage, note and three decisions."""

    def _build_controls(self) -> W.Widget:
        self.portfolio = rel.case_portfolio()
        self.choices: dict[str, W.ToggleButtons] = {}
        rows = []
        for record in self.portfolio.itertuples(index=False):
            control = W.ToggleButtons(options=list(rel_checks.DECISIONS), value=None, style={"button_width": "100px"})
            control.observe(self._changed, names="value")
            self.choices[record.account] = control
            info = (f"<b>{_esc(record.account)}</b> &mdash; {_esc(record.category)}, "
                    f"{_esc(rel.stage(record.stage).name)}<br><span style='font-size:90%'>{_esc(record.note)}</span>")
            rows.append(W.HBox([W.HTML(info, layout=W.Layout(width="560px")), control]))
        return W.VBox(rows, layout=W.Layout(max_width="980px"))

    def get_answer(self) -> dict[str, str | None]:
        return {account: control.value for account, control in self.choices.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("rel.portfolio_not_mapping", value=type(answer).__name__))
        names = {" ".join(a.split()).casefold(): a for a in self.choices}
        chosen = {}
        for account, value in answer.items():
            name = names.get(" ".join(str(account).split()).casefold())
            if name is None:
                raise InputError(t("rel.unknown_account", value=short_repr(account), allowed=", ".join(self.choices)))
            chosen[name] = None if value is None else rel_checks.decision(value, name)
        for name, value in chosen.items():
            self.choices[name].value = value


register("rel.diagnose", DiagnoseExercise)
register("rel.quick_check", QuickCheckExercise)
register("rel.contacts", ContactsExercise)
register("rel.portfolio", PortfolioExercise)
