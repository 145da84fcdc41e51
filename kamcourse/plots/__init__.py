"""Charts drawn with matplotlib from the results of the domain core.

Each topic has its own module (``kamcourse.plots.selection``,
``kamcourse.plots.relationships``, ...). Plot functions take core results and return a
:class:`matplotlib.figure.Figure` built with the object-oriented API (no ``pyplot``
global state), so widgets can render them into an ``Output`` and tests can inspect them.
"""
