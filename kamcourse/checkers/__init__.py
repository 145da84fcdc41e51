"""Checker functions, one module per topic, named by an exercise's ``kind``.

An exercise of kind ``"framework.placement"`` is checked by
``kamcourse.checkers.framework.placement(answer, exercise, attempts) -> Verdict``.
Checkers are pure: they read the answer and the exercise's key and return a
:class:`~kamcourse.checks.Verdict`; they raise :class:`~kamcourse.errors.InputError`
for an answer they cannot read. ``attempts`` is how many times the learner already
checked this exercise: feedback may reveal more after a few tries.
"""
