"""Widgets of lesson 05, relationship stages: views on :mod:`kamcourse.relationships`.

Taught in notebooks/05_relationship_stages.ipynb.

* :func:`quick_check` -- the quick relationship check as a questionnaire (:mod:`.questionnaire`);
* :func:`two_views` -- two views of one relationship side by side (:mod:`.questionnaire`);
* :func:`contact_editor` -- who talks to whom, one contact per line, drawn and classified
  (:mod:`.contacts`);
* :func:`fit_grid` -- the case portfolio on the stage-by-category grid (:mod:`.fit`);
* the exercise widgets of ``exercises/05_relationship_stages.ipynb`` (:mod:`.exercises`),
  registered for their kinds when this package is imported.

Their inputs are saved in the workbook under stable state keys (``rel.lesson.quick_check``,
``rel.lesson.two_views``, ``rel.lesson.contacts``, ``rel.lesson.fit_grid``) when a person
changes them, and restored when the widget is built again; building a widget never writes.
``demo=True`` builds a demonstration copy bound to a throwaway workbook
(:func:`kamcourse.widgets._common.bound_workbook`): it starts from the values it is given,
neither reads nor writes what the learner saved, so a notebook cell may drive it from code.
"""

from __future__ import annotations

from .contacts import ContactEditor, contact_editor
from .exercises import ContactsExercise, DiagnoseExercise, PortfolioExercise, QuickCheckExercise
from .fit import FitGridWidget, fit_grid
from .questionnaire import Questionnaire, QuickCheckWidget, TwoViewsWidget, quick_check, two_views

__all__ = [
    "Questionnaire",
    "QuickCheckWidget",
    "TwoViewsWidget",
    "ContactEditor",
    "FitGridWidget",
    "quick_check",
    "two_views",
    "contact_editor",
    "fit_grid",
    "DiagnoseExercise",
    "QuickCheckExercise",
    "ContactsExercise",
    "PortfolioExercise",
]
