"""What the widgets of selecting key accounts share: workbook state keys, tables shown in an output.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as W
import pandas as pd

from ...content import t

STATE_WEIGHTS = "sel.weights_editor"
STATE_RATINGS = "sel.ratings_grid"
STATE_SENSITIVITY = "sel.sensitivity"
STATE_CALIBRATION = "sel.calibration"


def _table(out: W.Output, frame: pd.DataFrame, caption: str = "") -> None:
    """Show ``frame`` as an HTML table with a plain-text copy (tests read the text)."""
    plain = frame.to_string()
    html_text = frame.to_html(classes="kam-table", border=0, float_format=lambda v: f"{v:g}")
    if caption:
        plain = f"{caption}\n{plain}"
        html_text = f"<p>{html.escape(caption)}</p>{html_text}"
    out.outputs = (
        {"output_type": "display_data", "data": {"text/plain": plain, "text/html": html_text}, "metadata": {}},
    )


def _clear(out: W.Output) -> None:
    out.outputs = ()


def _weights_text(weights: pd.Series | Mapping[str, float]) -> str:
    return ", ".join(f"{k} {float(v):g}" for k, v in weights.items())


def _ranking_frame(scores: pd.Series) -> pd.DataFrame:
    order = scores.sort_values(ascending=False, kind="stable")
    ranks = order.rank(ascending=False, method="min").astype(int)
    return pd.DataFrame(
        {
            t("selection.col_rank"): ranks.to_numpy(),
            t("selection.col_account"): order.index,
            t("selection.col_score"): order.to_numpy(),
        }
    ).set_index(t("selection.col_rank"))
