"""Other ways to read the stages: the six-stage models and the layers of a relationship (ARA).

Taught in notebooks/05_relationship_stages.ipynb.

:func:`stage_model_mapping` maps the course's four stages, approximately, to the six-stage
models of McDonald, Millman & Rogers and of Millman & Wilson (a reading aid, not an
equivalence); :func:`ara_layers` gives the three layers of a multi-layered relationship in the
ARA model of Håkansson and Snehota. Both are content (``relationships.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .stages import data

__all__ = ["stage_model_mapping", "AraLayer", "ara_layers"]


def stage_model_mapping() -> Any:
    """Approximate mapping from the course's four stages to the two six-stage models.

    Returns
    -------
    pandas.DataFrame
        Columns ``course_stage`` (a stage id, or missing (NA) where the course has no
        equivalent: before business starts, and the break-up), ``mmr`` (McDonald,
        Millman & Rogers: exploratory, basic, co-operative, interdependent, integrated,
        disintegrating KAM), ``millman_wilson`` (Millman & Wilson: pre-, early-, mid-,
        partnership-, synergistic-, uncoupling-KAM) and ``note``. ``frame.attrs``
        holds ``approximate`` (True), ``note`` and ``credit``: the mapping is a reading
        aid, not an equivalence.
    """
    import pandas as pd

    models = data()["six_stage_models"]
    frame = pd.DataFrame(
        [
            {
                "course_stage": r["course_stage"],
                "mmr": r["mmr"],
                "millman_wilson": r["millman_wilson"],
                "note": r["note"],
            }
            for r in models["rows"]
        ],
        columns=["course_stage", "mmr", "millman_wilson", "note"],
    )
    frame.attrs.update(
        approximate=bool(models["approximate"]),
        note=" ".join(str(models["note"]).split()),
        credit=" ".join(str(models["credit"]).split()),
    )
    return frame


@dataclass(frozen=True)
class AraLayer:
    """One layer of a multi-layered relationship (ARA model)."""

    id: str
    name: str
    text: str


def ara_layers() -> tuple[AraLayer, ...]:
    """The three layers of the ARA model (Håkansson & Snehota; Gadde & Snehota):
    activity links, resource ties, actor bonds. Credit in ``load("relationships")["ara"]["credit"]``."""
    return tuple(
        AraLayer(str(r["id"]), str(r["name"]), " ".join(str(r["text"]).split())) for r in data()["ara"]["layers"]
    )
