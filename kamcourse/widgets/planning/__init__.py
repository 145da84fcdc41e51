"""Widgets of the key account plan (lessons 06-08), thin over :mod:`kamcourse.planning`.

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

* :mod:`.editors` -- one editor per part: :func:`database_editor`, :func:`analysis_editor`,
  :func:`position_view` (lesson ``notebooks/06_situational_analysis.ipynb``),
  :func:`strategy_editor`, :func:`objectives_editor`, :func:`opportunities_editor` (lesson
  ``notebooks/07_strategy_formulation.ipynb``), :func:`stakeholders_editor`,
  :func:`actions_editor`, :func:`review_editor` (lesson ``notebooks/08_key_account_plan.ipynb``);
* :mod:`.views` -- :func:`completeness_view`, :func:`plan_on_a_page`, :func:`export_panel`
  and :func:`plan_editor` (all parts in tabs);
* :mod:`.exercises` -- the exercise widgets of kinds ``planning.sort``, ``planning.objectives``,
  ``planning.conditional``, ``planning.stakeholders`` and ``planning.actions``.

Editors share a :class:`PlanBinding` (the learner's plan in the workbook, or a plan in memory
with ``plan=...``, for lesson cells that show an interaction without touching saved work).
"""

from __future__ import annotations

from . import exercises as exercises  # registers the exercise kinds planning.*
from ._binding import PlanBinding, binding
from ._table import Col, TableEditor
from .editors import (
    FieldsEditor,
    PartTable,
    PositionView,
    actions_editor,
    analysis_editor,
    database_editor,
    objectives_editor,
    opportunities_editor,
    position_view,
    review_editor,
    stakeholders_editor,
    strategy_editor,
)
from .views import CompletenessView, ExportPanel, completeness_view, export_panel, plan_editor, plan_on_a_page

__all__ = [
    "Col",
    "CompletenessView",
    "ExportPanel",
    "FieldsEditor",
    "PartTable",
    "PlanBinding",
    "PositionView",
    "TableEditor",
    "actions_editor",
    "analysis_editor",
    "binding",
    "completeness_view",
    "database_editor",
    "exercises",
    "export_panel",
    "objectives_editor",
    "opportunities_editor",
    "plan_editor",
    "plan_on_a_page",
    "position_view",
    "review_editor",
    "stakeholders_editor",
    "strategy_editor",
]
