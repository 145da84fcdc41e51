"""Exercise widgets of lessons 06-08 (``exercises/06_situational_analysis.ipynb``,
``exercises/07_strategy_formulation.ipynb``, ``exercises/08_key_account_plan.ipynb``).

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

* ``planning.sort`` -- one dropdown of boxes per item (:class:`SortExercise`);
* ``planning.objectives``, ``planning.conditional``, ``planning.stakeholders``,
  ``planning.actions`` -- an editable table (:class:`~._table.TableEditor`) whose rows are the
  answer; a value the plan would refuse is refused in the table, naming the row and field.

Answers are saved to the workbook as soon as they change and restored when the widget is
built again; **Check** gives the feedback of :mod:`kamcourse.checkers.planning`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as W

from ... import planning as P
from ...checkers import planning as checkers
from ...content import t
from ...errors import InputError
from .._common import ChoiceDropdown
from ..exercises import ExerciseWidget, register
from ._table import Col, TableEditor

__all__ = [
    "ActionsExercise",
    "ConditionalExercise",
    "ObjectivesExercise",
    "RowsExercise",
    "SortExercise",
    "StakeholdersExercise",
]


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _label(key: str) -> str:
    return t(f"planning.f_{key}")


class SortExercise(ExerciseWidget):
    """One dropdown of the exercise's boxes per item."""

    def _build_controls(self) -> W.Widget:
        self.items = checkers.sort_items(self.exercise)
        boxes = [(str(b), str(b)) for b in self.exercise.key["boxes"]]
        self.dropdowns: dict[str, ChoiceDropdown] = {}
        rows = []
        for number, item in enumerate(self.items, start=1):
            dropdown = ChoiceDropdown(boxes, layout=W.Layout(width="230px"))
            dropdown.observe(self._changed, names="value")
            self.dropdowns[item["id"]] = dropdown
            rows.append(
                W.HBox(
                    [W.HTML(f"<b>{number}.</b> {_esc(item['text'])}", layout=W.Layout(width="100%")), dropdown],
                    layout=W.Layout(justify_content="space-between", width="100%"),
                )
            )
        return W.VBox(rows, layout=W.Layout(max_width="1000px"))

    def get_answer(self) -> dict[str, str | None]:
        return {key: d.answer for key, d in self.dropdowns.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            raise InputError(t("planning.ck_sort_not_mapping", value=type(answer).__name__))
        boxes = [str(b) for b in self.exercise.key["boxes"]]
        chosen: dict[str, str | None] = {}
        for key, value in answer.items():
            item = next(
                (
                    i
                    for i in self.items
                    if " ".join(str(key).split()).casefold()
                    in (i["id"].casefold(), " ".join(i["text"].split()).casefold())
                ),
                None,
            )
            if item is None:
                raise InputError(
                    t("planning.ck_sort_unknown_item", value=repr(key), allowed=", ".join(i["id"] for i in self.items))
                )
            if value is None:
                chosen[item["id"]] = None
                continue
            box = next((b for b in boxes if b.casefold() == " ".join(str(value).split()).casefold()), None)
            if box is None:
                raise InputError(
                    t("planning.ck_sort_unknown_box", item=item["id"], value=repr(value), allowed=", ".join(boxes))
                )
            chosen[item["id"]] = box
        for key, value in chosen.items():
            self.dropdowns[key].answer = value


class RowsExercise(ExerciseWidget):
    """An exercise answered with the rows of a table (subclasses set columns and starting rows)."""

    part = "objectives"
    required: tuple[str, ...] = ()

    def columns(self) -> list[Col]:
        raise NotImplementedError

    def start_rows(self) -> list[dict[str, Any]]:
        return [{}]

    def intro(self) -> W.Widget | None:
        return None

    def _check_rows(self, rows: list[dict[str, Any]]) -> None:
        if self.part == "conditional":
            P.Plan.from_dict({"account": P.ACCOUNT, "strategy": {"conditional": rows}})
        else:
            P.Plan.from_dict({"account": P.ACCOUNT, self.part: rows})

    def _build_controls(self) -> W.Widget:
        self.table = TableEditor(
            self.columns(),
            self.start_rows(),
            validate=self._check_rows,
            on_change=lambda _rows: self._changed(),
            required=self.required,
            live_text=True,
        )
        intro = self.intro()
        return W.VBox(([intro] if intro is not None else []) + [self.table])

    def get_answer(self) -> list[dict[str, Any]]:
        return self.table.rows()

    def set_answer(self, answer: Any) -> None:
        if isinstance(answer, Mapping):
            answer = [answer]
        if not isinstance(answer, (list, tuple)) or not all(isinstance(r, Mapping) for r in answer):
            raise InputError(
                t("planning.ck_not_rows", what=t(f"planning.part_{self.part}"), value=type(answer).__name__)
            )
        self.table.set_rows([dict(r) for r in answer])


def _choice(key: str, options: Any, width: str = "130px") -> Col:
    return Col(key, _label(key), "choice", tuple(options), width)


class ObjectivesExercise(RowsExercise):
    """Objectives as rows: level, objective, metric, unit, baseline, target, date."""

    part = "objectives"
    required = ("text",)

    def columns(self) -> list[Col]:
        return [
            _choice("level", P.LEVELS, "110px"),
            Col("text", _label("objective_text"), "long", width="230px"),
            Col("metric", _label("metric"), width="190px"),
            Col("unit", _label("unit"), width="80px"),
            Col("baseline", _label("baseline"), "number", width="90px"),
            Col("target", _label("target"), "number", width="90px"),
            Col("due", _label("due"), "date", width="120px"),
        ]

    def start_rows(self) -> list[dict[str, Any]]:
        return [{"level": "strategic"}, {"level": "operational"}]


class ConditionalExercise(RowsExercise):
    """Conditional strategies as rows, each tied to one of the account's uncertainties."""

    part = "conditional"
    required = ("uncertainty",)

    def _uncertainties(self) -> list[dict[str, Any]]:
        return [dict(u) for u in P.case_account(self.exercise.key.get("account", P.ACCOUNT))["uncertainties"]]

    def columns(self) -> list[Col]:
        ids = [""] + [u["id"] for u in self._uncertainties()]
        return [
            _choice("uncertainty", ids, "170px"),
            Col("condition", _label("condition"), "long", width="240px"),
            Col("then", _label("then"), "long", width="260px"),
            Col("otherwise", _label("otherwise"), "long", width="260px"),
        ]

    def start_rows(self) -> list[dict[str, Any]]:
        return [{}, {}]

    def intro(self) -> W.Widget:
        items = "".join(
            f"<li><b>{_esc(u['id'])}</b>: {_esc(' '.join(str(u['what']).split()))}</li>" for u in self._uncertainties()
        )
        return W.HTML(f"<p><b>{_esc(t('planning.x_uncertainties'))}</b></p><ul>{items}</ul>")


class StakeholdersExercise(RowsExercise):
    """The stakeholder map as rows, starting from the case's people."""

    part = "stakeholders"
    required = ("name",)

    def columns(self) -> list[Col]:
        return [
            Col("name", _label("name"), width="140px"),
            Col("title", _label("title"), width="180px"),
            _choice("role", P.ROLES),
            _choice("attitude", P.ATTITUDES, "120px"),
            _choice("influence", P.INFLUENCE, "90px"),
            Col("reports_to", _label("reports_to"), width="130px"),
            Col("covered_by", _label("covered_by"), width="130px"),
            Col("frequency", _label("frequency"), width="120px"),
        ]

    def start_rows(self) -> list[dict[str, Any]]:
        people = P.case_account(P.ACCOUNT)["people"]
        return [
            {
                "name": p["name"],
                "title": p.get("title", ""),
                "role": p["buying_role"],
                "attitude": p["attitude"],
                "influence": p["influence"],
                "reports_to": p.get("reports_to"),
                "covered_by": p.get("covered_by"),
                "frequency": p.get("contact_frequency"),
            }
            for p in people
        ]

    def intro(self) -> W.Widget:
        return W.HTML(f"<p>{_esc(t('planning.w_people_hint', names=', '.join(checkers.vellmar_people())))}</p>")


class ActionsExercise(RowsExercise):
    """The action plan as rows, for the objectives listed in the exercise."""

    part = "actions"
    required = ("what",)

    def columns(self) -> list[Col]:
        ids = [""] + [str(k) for k in self.exercise.key["objectives"]]
        return [
            Col("what", _label("action_what"), "long", width="300px"),
            _choice("kind", P.ACTION_KINDS, "110px"),
            Col("owner", _label("owner"), width="130px"),
            Col("due", _label("due"), "date", width="120px"),
            _choice("objective", ids, "90px"),
        ]

    def start_rows(self) -> list[dict[str, Any]]:
        return [{}, {}, {}]

    def intro(self) -> W.Widget:
        items = "".join(f"<li><b>{_esc(k)}</b>: {_esc(v)}</li>" for k, v in self.exercise.key["objectives"].items())
        people = _esc(t("planning.w_people_hint", names=", ".join(checkers.vellmar_people())))
        return W.HTML(f"<p><b>{_esc(t('planning.part_objectives'))}</b></p><ul>{items}</ul><p>{people}</p>")


register("planning.sort", SortExercise)
register("planning.objectives", ObjectivesExercise)
register("planning.conditional", ConditionalExercise)
register("planning.stakeholders", StakeholdersExercise)
register("planning.actions", ActionsExercise)
