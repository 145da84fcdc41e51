"""The contact-structure editor: one contact per line, drawn and classified as bow-tie, diamond or mixed.

Taught in notebooks/05_relationship_stages.ipynb.

The plain functions are :func:`kamcourse.relationships.parse_contact_lines` and
:func:`kamcourse.relationships.contact_structure`; a bad line is named in a message and the
previous drawing stays.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W

from ... import relationships as rel
from ...content import t
from ...errors import InputError
from ...plots import relationships as plots
from ...workbook import Workbook
from .._common import bound_workbook, note, output, safely, save_state, show_figure, show_markdown
from .questionnaire import esc

__all__ = ["ContactEditor", "contact_editor", "structure_markdown"]


def structure_markdown(structure: rel.ContactStructure) -> str:
    """The verdict on a contact structure in words: its kind and the stage it goes with."""
    kind = t(f"relationships.structure_kind_{structure.kind}")
    return t(
        "relationships.structure_verdict",
        kind=kind,
        meaning=t(f"relationships.structure_meaning_{structure.kind.replace('-', '_')}"),
        links=len(structure.contacts),
        parallel=structure.parallel_links,
    )


class ContactEditor(W.VBox):
    """A text box, one contact per line, the drawing and the bow-tie / diamond / mixed verdict.

    A line that cannot be read is named in :attr:`message`; the previous drawing and verdict
    stay in :attr:`drawing` until the text can be read again. After a person's change the text
    is saved in the workbook under ``key``, or, with ``on_change``, handed to it instead (an
    exercise saves it as its answer); ``key=None`` and no ``on_change`` save nothing.
    """

    def __init__(
        self,
        text: str = "",
        *,
        on_change: Callable[[str], None] | None = None,
        key: str | None = "rel.lesson.contacts",
        workbook: Workbook | None = None,
        demo: bool = False,
    ) -> None:
        if not isinstance(text, str):
            raise InputError(t("relationships.err_contact_text", value=type(text).__name__))
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self._on_change = on_change
        self._building = True
        self.structure: rel.ContactStructure | None = None
        self.message = output()
        self.drawing = output()
        self.text = W.Textarea(
            placeholder=t("relationships.contacts_placeholder"),
            continuous_update=False,
            layout=W.Layout(width="100%", max_width="620px", height="9em"),
        )
        self.text.observe(lambda _c: self.update(), names="value")
        super().__init__(
            [W.HTML(esc(t("relationships.contacts_help"))), self.text, self.message, self.drawing],
            layout=W.Layout(max_width="980px"),
        )
        saved = self.workbook.get_state(key) if key else None
        start = saved if isinstance(saved, str) else text
        self._building = True  # showing the start text is not a change to save
        try:
            self.text.value = start or ""
            self.update()
        finally:
            self._building = False

    @safely("message")
    def update(self) -> None:
        """Save the text, then redraw if it can be read; otherwise name the bad line."""
        value = str(self.text.value)
        problem = ""
        if not self._building:
            if self._on_change is not None:
                self._on_change(value)
            elif self.key:
                problem = save_state(self.workbook, self.key, value)
        if not value.strip():
            show_markdown(self.message, t("relationships.contacts_empty"))
            note(self.message, problem)
            return
        structure = rel.contact_structure(rel.parse_contact_lines(value))
        self.structure = structure
        show_markdown(self.message, structure_markdown(structure))
        note(self.message, problem)
        show_figure(self.drawing, plots.contact_structure(structure))


def contact_editor(
    text: str = "", *, key: str = "rel.lesson.contacts", workbook: Workbook | None = None, demo: bool = False
) -> ContactEditor:
    """Build the contact-structure editor (``text`` pre-fills it unless text is saved).

    ``demo=True``: a demonstration copy that starts from ``text`` and saves nothing, so a
    notebook cell may type into it from code without touching the learner's drawing.
    """
    return ContactEditor(text, key=key, workbook=workbook, demo=demo)
