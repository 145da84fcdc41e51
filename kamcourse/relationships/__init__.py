"""Relationship stages: the pure core of lesson 05.

Taught in notebooks/05_relationship_stages.ipynb.

The course follows Cranfield's research on key account relationships (Cranfield 1996,
Woodburn 2000; taught by Woodburn and McDonald): four stages, **basic ->
co-operative -> interdependent -> integrated**, each with recognisable traits (who is in
contact, share of spend, ease of exit, information sharing, planning, trust, contact
structure). Integrated relationships are rare and costly: the aim is the stage that
fits the account's portfolio category, not integration everywhere.

One module per idea; everything is importable from here (``kam.relationships.quick_check``):

* :mod:`~kamcourse.relationships.stages` -- the four stages, the quick check's statements and
  bands, :func:`stage`, :func:`stage_for_total` (content ``relationships.yaml``);
* :mod:`~kamcourse.relationships.scoring` -- Woodburn's quick relationship check
  (:func:`quick_check`, :func:`parse_answer`) and two views compared (:func:`compare_views`);
* :mod:`~kamcourse.relationships.fit` -- the stage range each portfolio category calls for
  (:func:`fit_for_category`), the gap view of a portfolio (:func:`portfolio_fit`) and the
  decisions a range allows (:func:`defensible_decisions`);
* :mod:`~kamcourse.relationships.structure` -- who talks to whom (:func:`contacts`,
  :func:`parse_contact_lines`) classified as bow-tie, diamond or mixed (:func:`contact_structure`);
* :mod:`~kamcourse.relationships.case_study` -- Vellmar Packaging's relationships
  (:func:`cases`, :func:`case`, :func:`case_portfolio`, :func:`case_decisions`);
* :mod:`~kamcourse.relationships.models` -- the six-stage models and the ARA layers;
* :mod:`~kamcourse.relationships.tables` -- tables to read, headings in words
  (:func:`stages_table`, :func:`fit_summary`, :func:`stage_model_table`).

No content is read at import. :data:`STAGES`, :data:`STAGE_IDS`, :data:`STATEMENTS` and
:data:`MAX_TOTAL` are read from the content file each time they are looked up (a module
``__getattr__``; the parsed file is kept by :func:`kamcourse.content.load` until it changes).
Every rejected input raises :class:`~kamcourse.errors.InputError` naming the statement,
account, stage or contact and the value received.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .case_study import Case, CaseDecision, case, case_decisions, case_portfolio, cases
from .fit import (
    CATEGORIES,
    DECISIONS,
    VERDICTS,
    CategoryFit,
    category_name,
    defensible_decisions,
    fit_for_category,
    fit_table,
    portfolio_fit,
    stage_gap,
)
from .models import AraLayer, ara_layers, stage_model_mapping
from .scoring import (
    QuickCheck,
    StatementGap,
    ViewComparison,
    compare_views,
    parse_answer,
    quick_check,
    scale_labels,
)
from .stages import (
    Stage,
    Statement,
    all_stages,
    all_statements,
    bands,
    max_total,
    stage,
    stage_for_total,
    stage_ids,
    stage_name,
    statement,
)
from .structure import Contact, ContactStructure, contact_structure, contacts, coordinators, parse_contact_lines
from .tables import fit_summary, stage_model_table, stages_table

__all__ = [
    "Stage",
    "Statement",
    "STAGES",
    "STAGE_IDS",
    "STATEMENTS",
    "CATEGORIES",
    "MAX_TOTAL",
    "VERDICTS",
    "QuickCheck",
    "StatementGap",
    "ViewComparison",
    "CategoryFit",
    "AraLayer",
    "Contact",
    "ContactStructure",
    "stage",
    "stage_name",
    "statement",
    "stage_for_total",
    "bands",
    "parse_answer",
    "scale_labels",
    "quick_check",
    "compare_views",
    "category_name",
    "fit_for_category",
    "fit_table",
    "stage_gap",
    "portfolio_fit",
    "stage_model_mapping",
    "ara_layers",
    "contacts",
    "contact_structure",
    "coordinators",
    "Case",
    "cases",
    "case_portfolio",
    "case",
    "stages_table",
    "parse_contact_lines",
    "DECISIONS",
    "defensible_decisions",
    "CaseDecision",
    "case_decisions",
    "fit_summary",
    "stage_model_table",
    "all_stages",
    "all_statements",
    "stage_ids",
    "max_total",
]

#: The four stages in order: basic, co-operative, interdependent, integrated (read on each lookup).
STAGES: tuple[Stage, ...]
#: Stage ids in order (read on each lookup).
STAGE_IDS: tuple[str, ...]
#: The six statements of the quick relationship check, in order (read on each lookup).
STATEMENTS: tuple[Statement, ...]
#: Highest possible total of the quick check (6 statements x 3 points).
MAX_TOTAL: int

_READ_ON_LOOKUP: dict[str, Callable[[], Any]] = {
    "STAGES": all_stages,
    "STAGE_IDS": stage_ids,
    "STATEMENTS": all_statements,
    "MAX_TOTAL": max_total,
}


def __getattr__(name: str) -> Any:
    """:data:`STAGES`, :data:`STAGE_IDS`, :data:`STATEMENTS` and :data:`MAX_TOTAL`, read from content now."""
    if name in _READ_ON_LOOKUP:
        return _READ_ON_LOOKUP[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
