"""Widgets of the course: thin views on the domain core, built with ipywidgets.

* :func:`framework_grid` -- the interactive 3x3 grid (lesson 02);
* :func:`exercise` -- an exercise with Check and Hint buttons, answers saved and restored;
* :func:`quiz` -- a lesson's self-check.

They never print: they write into ``Output`` widgets. :mod:`kamcourse.testing` drives them
from code.
"""

from .exercises import ExerciseWidget, Quiz, exercise, quiz, register
from .framework import FrameworkGrid, framework_grid

__all__ = ["ExerciseWidget", "Quiz", "FrameworkGrid", "exercise", "quiz", "register", "framework_grid"]
