"""The key account plan: data, case, priorities, completeness, pitfalls audit, saving, export.

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

The topic ``planning`` of lessons ``notebooks/06_situational_analysis.ipynb``,
``notebooks/07_strategy_formulation.ipynb`` and ``notebooks/08_key_account_plan.ipynb``::

    import kamcourse as kam
    plan = kam.planning.case_plan("Orvale Foods")     # what the case knows
    print(kam.planning.completeness(plan))            # what is filled, missing, inconsistent
    kam.planning.audit(plan)                          # Cranfield's ten pitfalls, answered
    kam.planning.export(plan, "orvale_plan.docx")     # also .xlsx and .html

Modules: :mod:`~kamcourse.planning.model` and :mod:`~kamcourse.planning.parts` (the plan as
validated dataclasses), :mod:`~kamcourse.planning.case` (Vellmar's accounts, the position
from the learner's lesson work), :mod:`~kamcourse.planning.priority` (ranking
opportunities), :mod:`~kamcourse.planning.completeness`, :mod:`~kamcourse.planning.audit`,
:mod:`~kamcourse.planning.store` (workbook) and :mod:`~kamcourse.planning.export`.
No module here imports ipywidgets or matplotlib at import time.
"""

from __future__ import annotations

from ._base import (
    ACTION_KINDS,
    ATTITUDES,
    CATEGORIES,
    INFLUENCE,
    LEVELS,
    PLAN_REVIEWS,
    ROLES,
    STAGES,
    STATUSES,
    TRACKING,
)
from ._fields import label_key
from .audit import PITFALLS, Pitfall, audit
from .case import ACCOUNT, accounts, case_account, case_plan, position, position_table, worked_plan
from .completeness import Completeness, Finding, completeness, objective_gaps
from .export import FORMATS, export, export_folder
from .model import Plan
from .parts import (
    Action,
    Analysis,
    ConditionalStrategy,
    Objective,
    Opportunity,
    Position,
    PriorityRule,
    Profile,
    Review,
    Stakeholder,
    Strategy,
    Team,
    Uncertainty,
)
from .priority import PRIORITIES, Ranked, rank
from .store import load, save, saved, state_key

__all__ = [
    "ACCOUNT",
    "ACTION_KINDS",
    "ATTITUDES",
    "CATEGORIES",
    "FORMATS",
    "INFLUENCE",
    "LEVELS",
    "PITFALLS",
    "PLAN_REVIEWS",
    "PRIORITIES",
    "ROLES",
    "STAGES",
    "STATUSES",
    "TRACKING",
    "Action",
    "Analysis",
    "Completeness",
    "ConditionalStrategy",
    "Finding",
    "Objective",
    "Opportunity",
    "Pitfall",
    "Plan",
    "Position",
    "PriorityRule",
    "Profile",
    "Ranked",
    "Review",
    "Stakeholder",
    "Strategy",
    "Team",
    "Uncertainty",
    "accounts",
    "audit",
    "case_account",
    "case_plan",
    "completeness",
    "export",
    "export_folder",
    "label_key",
    "load",
    "objective_gaps",
    "position",
    "position_table",
    "rank",
    "save",
    "saved",
    "state_key",
    "worked_plan",
]
