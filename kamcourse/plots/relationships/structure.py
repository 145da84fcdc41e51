"""The chart of who talks to whom: a contact structure drawn as a bow-tie or a diamond.

Taught in notebooks/05_relationship_stages.ipynb.
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ... import relationships as rel
from ...content import t
from .. import literal
from ._style import BAR, BAR_2

__all__ = ["contact_structure"]


def _rows(count: int, avoid_middle: bool) -> list[float]:
    """``count`` heights between -1 and 1, leaving the middle free for the tip-to-tip link."""
    if count == 0:
        return []
    slots = count + (1 if avoid_middle and count % 2 == 1 else 0)
    ys = [-1 + 2 * (i + 0.5) / slots for i in range(slots)]
    if slots != count:
        ys.pop(slots // 2)
    return ys


def _label(ax: Any, x: float, y: float, name: str, ha: str, edge: str) -> None:
    ax.text(
        x,
        y,
        textwrap.fill(literal(name), 22),
        ha=ha,
        va="center",
        fontsize=8.5,
        zorder=4,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": edge},
    )


def contact_structure(structure: Any) -> Figure:
    """Draw who talks to whom in the shape the lesson names.

    Parameters
    ----------
    structure:
        A :class:`~kamcourse.relationships.ContactStructure` or contacts accepted by
        :func:`~kamcourse.relationships.contacts`.

    Returns
    -------
    Figure
        A **bow-tie** is drawn as two triangles, the supplier's and the customer's, meeting
        at the knot where the two people who carry every contact sit. Any other structure
        is drawn as a **diamond**: the two people who coordinate
        (:func:`kamcourse.relationships.coordinators`: the functions with most contacts, a key
        account manager and a buyer on a tie) at the outer tips, the other functions
        in the middle linked to their counterparts, with dashed lines for the coordination
        inside each company. One solid line per contact, always from the supplier side
        (left) to the customer side (right); the title names the structure (bow-tie,
        diamond or mixed) and a caption says how to read the shape. Names are drawn as
        written (no math text).

    Raises
    ------
    InputError
        If the contacts are invalid (see :func:`~kamcourse.relationships.contacts`).
    """
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Polygon

    if not isinstance(structure, rel.ContactStructure):
        structure = rel.contact_structure(structure)
    fig = Figure(figsize=(8, 4.6), layout="constrained")
    ax = fig.add_subplot()
    left_tip, right_tip = rel.coordinators(structure)
    middle_left = [n for n in structure.supplier_functions if n.lower() != left_tip.lower()]
    middle_right = [n for n in structure.customer_functions if n.lower() != right_tip.lower()]
    # customers in the order of their first supplier partner, so that pairs face each other
    order = {n.lower(): i for i, n in enumerate(middle_left)}
    middle_right.sort(
        key=lambda n: min(
            (order.get(c.supplier.lower(), len(order)) for c in structure.contacts if c.customer.lower() == n.lower()),
            default=len(order),
        )
    )
    tip_link = any(
        c.supplier.lower() == left_tip.lower() and c.customer.lower() == right_tip.lower() for c in structure.contacts
    )
    rows = max(len(middle_left), len(middle_right))
    ys = _rows(rows, tip_link)
    height = 1.25 if rows <= 4 else 1.25 * rows / 4

    def column(names: list[str]) -> dict[str, float]:
        offset = (rows - len(names)) // 2
        return {n.lower(): -ys[offset + i] * height / 1.25 for i, n in enumerate(names)}

    if structure.kind == "bow-tie":
        pos = {("s", left_tip.lower()): (0.40, 0.0), ("c", right_tip.lower()): (0.60, 0.0)}
        shapes = [((0.02, -height), (0.02, height), (0.40, 0.0)), ((0.98, -height), (0.98, height), (0.60, 0.0))]
    else:
        pos = {("s", left_tip.lower()): (0.08, 0.0), ("c", right_tip.lower()): (0.92, 0.0)}
        pos.update({("s", k): (0.38, y) for k, y in column(middle_left).items()})
        pos.update({("c", k): (0.62, y) for k, y in column(middle_right).items()})
        shapes = [
            ((0.08, 0.0), (0.5, height * 1.15), (0.5, -height * 1.15)),
            ((0.92, 0.0), (0.5, height * 1.15), (0.5, -height * 1.15)),
        ]
    for points, colour in zip(shapes, (BAR, BAR_2), strict=True):
        ax.add_patch(Polygon(points, closed=True, facecolor=colour, alpha=0.12, edgecolor=colour, zorder=0))
    coordination = [[pos[("s", left_tip.lower())], pos[("s", n.lower())]] for n in middle_left] + [
        [pos[("c", right_tip.lower())], pos[("c", n.lower())]] for n in middle_right
    ]
    if coordination:
        ax.add_collection(LineCollection(coordination, colors="#999999", linestyles="dashed", linewidths=0.9, zorder=1))
    for contact in structure.contacts:
        (x0, y0), (x1, y1) = pos[("s", contact.supplier.lower())], pos[("c", contact.customer.lower())]
        ax.plot([x0, x1], [y0, y1], color="#333333", linewidth=1.4, zorder=2)
    for name in structure.supplier_functions:
        x, y = pos[("s", name.lower())]
        _label(ax, x, y, name, "center", BAR)
    for name in structure.customer_functions:
        x, y = pos[("c", name.lower())]
        _label(ax, x, y, name, "center", BAR_2)
    top = height * 1.3
    ax.text(0.02, top, t("relationships.supplier_side"), ha="left", va="center", fontweight="bold")
    ax.text(0.98, top, t("relationships.customer_side"), ha="right", va="center", fontweight="bold")
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-top - 0.1, top + 0.15)
    ax.axis("off")
    ax.set_title(t("relationships.structure_title", kind=t(f"relationships.structure_kind_{structure.kind}")))
    caption = t(f"relationships.structure_caption_{structure.kind.replace('-', '_')}")
    fig.text(0.01, 0.005, textwrap.fill(caption, 130), fontsize=7, ha="left", va="bottom")
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.07, 1, 0.93)))
    return fig
