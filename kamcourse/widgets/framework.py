"""The interactive 3x3 grid: choose a box, read its explanation.

Taught in ``notebooks/02_kap_framework.ipynb``; the plain-function version is
:func:`kamcourse.framework.element`.
"""

from __future__ import annotations

import ipywidgets as W

from .. import framework
from ..content import t
from ._common import output, safely, show_markdown

__all__ = ["FrameworkGrid", "framework_grid"]


def element_markdown(name: str) -> str:
    """The explanation of one box as Markdown (what the grid shows when it is chosen)."""
    return framework.element(name)._repr_markdown_()


class FrameworkGrid(W.VBox):
    """Three columns of buttons, one per dimension; choosing one shows its explanation."""

    def __init__(self) -> None:
        self.output = output(min_height="6em")
        self.buttons: dict[str, W.Button] = {}
        self.selected: str | None = None
        cells: list[W.Widget] = []
        for dim in framework.dimensions():
            cells.append(W.HTML(f"<b>{dim.name.capitalize()}</b>"))
        for row in range(3):
            for dim in framework.dimensions():
                elem = dim.elements[row]
                button = W.Button(
                    description=elem.name,
                    tooltip=elem.question,
                    layout=W.Layout(width="auto", height="auto"),
                )
                button.on_click(lambda _b, name=elem.name: self.select(name))
                self.buttons[elem.name] = button
                cells.append(button)
        grid = W.GridBox(cells, layout=W.Layout(grid_template_columns="repeat(3, 1fr)", grid_gap="6px"))
        show_markdown(self.output, t("widgets.grid_prompt"))
        super().__init__(
            [W.HTML(f"<h4>{t('widgets.grid_title')}</h4>"), grid, self.output],
            layout=W.Layout(max_width="900px"),
        )

    @safely("output")
    def select(self, name: str) -> None:
        """Choose the box ``name``: highlight it (style and icon) and show its explanation."""
        item = framework.element(name)
        for label, button in self.buttons.items():
            chosen = label == item.name
            button.button_style = "info" if chosen else ""
            button.icon = "check" if chosen else ""
        self.selected = item.name
        show_markdown(self.output, element_markdown(item.name))


def framework_grid() -> FrameworkGrid:
    """Build the interactive 3x3 grid."""
    return FrameworkGrid()
