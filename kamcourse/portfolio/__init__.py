"""The key account portfolio: relative strength, the matrix's four categories, and the days of
key account managers by category.

Taught in notebooks/04_portfolio_matrix.ipynb.

One idea per module; everything is importable from ``kamcourse.portfolio``:

* :mod:`.strength` -- :func:`relative_strength` on the customer's critical success factors,
  :func:`compare_suppliers`, :func:`csf_table`;
* :mod:`.matrix` -- :data:`CATEGORIES` (the one list of categories of the course),
  :func:`classify`, :func:`summary`, :func:`median_cuts`, :func:`category_changes`;
* :mod:`.allocation` -- :func:`allocate_days` and the rule of days per account
  (:func:`intensity_problems`);
* :mod:`.case` -- the case's CSFs (:func:`case_csf`, :func:`case_csf_weights`), its
  programme's categories (:func:`programme_counts`), where the lesson's widgets start.

Results keep stable column names (``score``, ``weight``, ``days``...); the widgets of
:mod:`kamcourse.widgets.portfolio` put them in the learner's words.
"""

from __future__ import annotations

from .allocation import MAX_DAYS, DaysProblem, allocate_days, days_per_account, intensity_problems
from .case import allocation_start, case_csf, case_csf_weights, csf_account, programme_counts
from .matrix import (
    CATEGORIES,
    CATEGORY_DTYPE,
    DEFAULT_ATTRACTIVENESS_CUT,
    DEFAULT_STRENGTH_CUT,
    STRATEGIES,
    category_changes,
    category_label,
    classify,
    median_cuts,
    summary,
)
from .strength import SupplierComparison, compare_suppliers, csf_table, relative_strength, relative_strengths

__all__ = [
    "CATEGORIES",
    "CATEGORY_DTYPE",
    "STRATEGIES",
    "DEFAULT_ATTRACTIVENESS_CUT",
    "DEFAULT_STRENGTH_CUT",
    "MAX_DAYS",
    "category_label",
    "classify",
    "median_cuts",
    "summary",
    "category_changes",
    "allocate_days",
    "days_per_account",
    "DaysProblem",
    "intensity_problems",
    "relative_strength",
    "relative_strengths",
    "SupplierComparison",
    "compare_suppliers",
    "csf_table",
    "case_csf",
    "case_csf_weights",
    "programme_counts",
    "csf_account",
    "allocation_start",
]
