"""Errors raised by kamcourse.

Every input the course rejects -- a weight, a rating, a workbook answer, a content
file -- raises :class:`InputError`, a :class:`ValueError` whose message names the
offending item and value and says what is allowed. Widgets catch it and show the
message to the learner instead of a traceback.
"""

from __future__ import annotations

__all__ = ["InputError", "ContentError"]


class InputError(ValueError):
    """A value given to kamcourse that it cannot accept.

    The message is meant for the learner: it names the item (criterion, account,
    exercise, file, row...), the value received, and what is allowed.
    """


class ContentError(InputError):
    """A course content file (YAML, JSON, CSV) is missing or malformed.

    Raised by :mod:`kamcourse.content`; the message names the file and, where it
    can, the key or line at fault.
    """
