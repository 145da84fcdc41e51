"""Tables to read in lesson 05: the stages, the fit guidance and the six-stage mapping, in words.

Taught in notebooks/05_relationship_stages.ipynb.

The results these tables show keep stable ids and column names (:func:`~.fit.fit_table`,
:func:`~.models.stage_model_mapping`, the :class:`~.stages.Stage` records); this module is
where they are put into words for a person to read: headings from
``strings/relationships.en.yaml``, stage names instead of ids, a word where a value is
missing. Use the functions it draws on to compute; use these to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..content import t
from .fit import fit_table
from .models import stage_model_mapping
from .stages import all_stages, data, stage_name

__all__ = ["stages_table", "fit_summary", "stage_model_table"]


def stages_table() -> Any:
    """The four stages and their traits as a table (traits as rows, stages as columns).

    Returns
    -------
    pandas.DataFrame
        Index: the trait headings (``strings/relationships.en.yaml``, ``trait_*``) preceded
        by the summary and the source; columns: the stage names, basic to integrated.
    """
    import pandas as pd

    stages = all_stages()
    rows: dict[str, list[str]] = {
        t("relationships.trait_summary"): [s.summary for s in stages],
        t("relationships.trait_source"): [s.source for s in stages],
    }
    for trait in data()["traits"]:
        rows[t(f"relationships.trait_{trait}")] = [getattr(s, trait) for s in stages]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=[s.name for s in stages])
    frame.index.name = t("relationships.trait_heading")
    return frame


def fit_summary() -> Any:
    """The course's guidance as a table to read: one row per category, stages in words.

    Columns: the strategy, the fit range ("Co-operative to Interdependent"), the stages
    aimed at by default, and those acceptable only selectively (a word where there are none).
    """
    import pandas as pd

    def names(ids: Iterable[str]) -> str:
        listed = [stage_name(i) for i in ids]
        return ", ".join(listed) if listed else t("relationships.none_word")

    rows = [
        {
            t("relationships.col_category"): fit.category,
            t("relationships.col_strategy"): fit.strategy,
            t("relationships.col_range"): t(
                "relationships.range_text", low=stage_name(fit.low), high=stage_name(fit.high)
            ),
            t("relationships.col_core"): names(fit.core),
            t("relationships.col_selective"): names(fit.selective),
        }
        for fit in fit_table().values()
    ]
    return pd.DataFrame(rows).set_index(t("relationships.col_category"))


def stage_model_table() -> Any:
    """The six-stage mapping as a table to read: headings in words, a word where the course
    has no equivalent stage (never a missing value).

    Same rows as :func:`~.models.stage_model_mapping`; ``frame.attrs`` carries its ``note``
    and ``credit``.
    """
    frame = stage_model_mapping()
    names = {s.id: s.name for s in all_stages()}
    course = [
        names[str(v)] if isinstance(v, str) and v in names else t("relationships.no_course_stage")
        for v in frame["course_stage"]
    ]
    table = frame.assign(course_stage=course).rename(
        columns={
            "course_stage": t("relationships.col_course_stage"),
            "mmr": t("relationships.col_mmr"),
            "millman_wilson": t("relationships.col_millman_wilson"),
            "note": t("relationships.col_note"),
        }
    )
    table.attrs.update(frame.attrs)
    return table
