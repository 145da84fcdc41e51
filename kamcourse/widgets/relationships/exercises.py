"""The exercise widgets of lesson 05: diagnose, quick check, contacts and the portfolio decisions.

Taught in notebooks/05_relationship_stages.ipynb.

Practised in exercises/05_relationship_stages.ipynb (``kam.widgets.exercise("rel.diagnose")``).

Importing this module registers the widgets for the exercise kinds ``relationships.diagnose``,
``relationships.quick_check``, ``relationships.contacts`` and ``relationships.portfolio``; the
checkers are :mod:`kamcourse.checkers.relationships`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as W

from ... import relationships as rel
from ...checkers import relationships as rel_checks
from ...content import t
from ...errors import InputError
from ...inputs import match
from ...plots import relationships as plots
from ...values import short_repr
from .._common import output, safely, show_figure, show_markdown
from ..exercises import ExerciseWidget, register
from .contacts import ContactEditor
from .questionnaire import Questionnaire, esc, quick_check_text

__all__ = ["DiagnoseExercise", "QuickCheckExercise", "ContactsExercise", "PortfolioExercise", "evidence_html"]


def evidence_html(case: rel.Case, traits: tuple[str, ...] | None = None) -> str:
    """The case's customer, summary and evidence (all traits, or ``traits``) as an HTML table."""
    rows = "".join(
        f"<tr><td style='vertical-align:top;padding-right:8px'><i>{esc(t(f'relationships.trait_{k}'))}</i></td>"
        f"<td>{esc(v)}</td></tr>"
        for k, v in case.evidence.items()
        if traits is None or k in traits
    )
    return (
        f"<p><b>{esc(case.customer)}</b> &mdash; {esc(case.summary)}</p>"
        f"<table style='font-size:90%;margin-bottom:4px'>{rows}</table>"
    )


class DiagnoseExercise(ExerciseWidget):
    """Per case: the evidence and one row of buttons with the four stages."""

    def _build_controls(self) -> W.Widget:
        self.cases = rel_checks.diagnose_cases(self.exercise)
        self.choices: dict[str, W.ToggleButtons] = {}
        boxes = []
        for item in self.cases:
            control = W.ToggleButtons(
                options=[(s.name, s.id) for s in rel.all_stages()], value=None, style={"button_width": "120px"}
            )
            control.observe(self._changed, names="value")
            self.choices[item.id] = control
            boxes.append(
                W.VBox(
                    [W.HTML(evidence_html(item)), control],
                    layout=W.Layout(border="1px solid #ddd", padding="4px", margin="0 0 6px 0"),
                )
            )
        return W.VBox(boxes, layout=W.Layout(max_width="980px"))

    def get_answer(self) -> dict[str, str | None]:
        return {cid: control.value for cid, control in self.choices.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("relationships.diagnose_not_mapping", value=type(answer).__name__))
        chosen = {}
        for key, value in answer.items():
            item = rel_checks.find_case(key, self.cases)
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
        return W.VBox(
            [W.HTML(evidence_html(self.case)), self.questionnaire, self.result, self.chart],
            layout=W.Layout(max_width="980px"),
        )

    def _on_change(self) -> None:
        self._redraw()
        self._changed()

    @safely("result")
    def _redraw(self) -> None:
        text, check = quick_check_text(self.questionnaire.values())
        show_markdown(self.result, text)
        if check is None:
            self.chart.outputs = ()
        else:
            show_figure(self.chart, plots.quick_check(check))

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
        return W.VBox([W.HTML(evidence_html(self.case, ("contacts",))), self.editor])

    def get_answer(self) -> str:
        return str(self.editor.text.value)

    def set_answer(self, answer: Any) -> None:
        if isinstance(answer, (list, tuple)):
            answer = "\n".join(f"{c.supplier} - {c.customer}" for c in rel.contacts(answer))
        if not isinstance(answer, str):
            raise InputError(t("relationships.contacts_type", value=type(answer).__name__))
        self.editor.text.value = answer


class PortfolioExercise(ExerciseWidget):
    """One row per account of the case portfolio: category, stage, note and three decisions."""

    def _build_controls(self) -> W.Widget:
        self.portfolio = rel.case_portfolio()
        self.choices: dict[str, W.ToggleButtons] = {}
        rows = []
        for record in self.portfolio.itertuples(index=False):
            control = W.ToggleButtons(options=list(rel.DECISIONS), value=None, style={"button_width": "100px"})
            control.observe(self._changed, names="value")
            self.choices[record.account] = control
            info = (
                f"<b>{esc(record.account)}</b> &mdash; {esc(record.category)}, "
                f"{esc(rel.stage(record.stage).name)}<br><span style='font-size:90%'>{esc(record.note)}</span>"
            )
            rows.append(W.HBox([W.HTML(info, layout=W.Layout(width="560px")), control]))
        return W.VBox(rows, layout=W.Layout(max_width="980px"))

    def get_answer(self) -> dict[str, str | None]:
        return {account: control.value for account, control in self.choices.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("relationships.portfolio_not_mapping", value=type(answer).__name__))
        chosen = {}
        for account, value in answer.items():
            name = match(account, self.choices)
            if name is None:
                raise InputError(
                    t("relationships.unknown_account", value=short_repr(account), allowed=", ".join(self.choices))
                )
            chosen[name] = None if value is None else rel_checks.decision(value, name)
        for name, value in chosen.items():
            self.choices[name].value = value


register("relationships.diagnose", DiagnoseExercise)
register("relationships.quick_check", QuickCheckExercise)
register("relationships.contacts", ContactsExercise)
register("relationships.portfolio", PortfolioExercise)
