"""Widgets of the portfolio matrix: CSF editor, matrix view, days allocation, account loader.

* :mod:`.csf` -- :func:`csf_editor`: the customer's critical success factors at one account:
  weights (total 100, refused while it is not, with a "Rescale to 100" button) and 0-10 ratings
  for us and each named competitor, giving our score, the best competitor and the relative
  strength in words (plain function: :func:`kamcourse.portfolio.compare_suppliers`);
* :mod:`.matrix` -- :func:`view`: the bubble matrix with sliders for the two cuts, a "cut at the
  portfolio medians" toggle and the summary per category
  (plain functions: :func:`kamcourse.plots.portfolio.portfolio_matrix`,
  :func:`kamcourse.portfolio.summary`);
* :mod:`.days` -- :func:`allocation`: a budget of key account manager days split across the
  categories (plain function: :func:`kamcourse.portfolio.allocate_days`), and :func:`days_table`;
* :mod:`.loader` -- :func:`account_loader`: upload a CSV or XLSX account list, see its table and
  matrix (plain function: :func:`kamcourse.io.read_accounts`);
* :mod:`.exercises` -- the exercise widgets of kinds ``portfolio.strength``,
  ``portfolio.classify`` and ``portfolio.allocation``, registered when this package is imported
  (exercise ids and workbook state keys keep their ``port.`` prefix, so saved workbooks load).

Every input a person changes is saved to the workbook
(:meth:`~kamcourse.workbook.Workbook.set_state`) and restored when the widget is built again;
building a widget writes nothing. ``demo=True`` builds a demonstration copy bound to a
throwaway workbook (:func:`kamcourse.widgets._common.bound_workbook`): it starts from the case
values and never touches what the learner saved, so a notebook cell can drive it from code.

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

from . import exercises as exercises  # registers the exercise kinds portfolio.*
from ._shared import DEFAULT_ACCOUNT, case_table, programme_counts
from .csf import CsfEditor, csf_editor
from .days import DEFAULT_WEIGHTS, AllocationControl, allocation, days_table
from .exercises import AllocationExercise, ClassifyExercise
from .loader import MAX_UPLOAD_BYTES, AccountLoader, account_loader, read_upload
from .matrix import PortfolioView, view

__all__ = [
    "CsfEditor",
    "PortfolioView",
    "AllocationControl",
    "AccountLoader",
    "csf_editor",
    "view",
    "allocation",
    "days_table",
    "account_loader",
    "case_table",
    "programme_counts",
    "ClassifyExercise",
    "AllocationExercise",
    "read_upload",
    "DEFAULT_ACCOUNT",
    "DEFAULT_WEIGHTS",
    "MAX_UPLOAD_BYTES",
]
