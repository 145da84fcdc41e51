"""Charts of lesson 05, relationship stages, drawn from the results of :mod:`kamcourse.relationships`.

Taught in notebooks/05_relationship_stages.ipynb.

* :func:`quick_check` and :func:`view_comparison` -- the answers of a quick relationship check,
  and two views of one relationship side by side (:mod:`.answers`);
* :func:`contact_structure` -- who talks to whom, drawn as a bow-tie or a diamond (:mod:`.structure`);
* :func:`fit_grid` and :func:`portfolio_stage_fit` -- the stage-by-category guidance with the
  accounts in it, and lesson 04's portfolio matrix with each account's stage (:mod:`.fit`).

Every function returns a :class:`matplotlib.figure.Figure` built with the object-oriented API
(no pyplot, no global state). Every label comes from ``strings/relationships.en.yaml`` or the
content file, learner text is drawn literally, and meaning is never carried by colour alone:
weak answers, gaps and over/under-investing are also written as text.
"""

from __future__ import annotations

from .answers import quick_check, view_comparison
from .fit import fit_grid, portfolio_stage_fit
from .structure import contact_structure

__all__ = ["quick_check", "view_comparison", "contact_structure", "fit_grid", "portfolio_stage_fit"]
