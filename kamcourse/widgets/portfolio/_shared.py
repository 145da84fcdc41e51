"""What the widgets of the portfolio matrix share: the case table, the programme's counts per
category, Markdown tables whose every cell is text.

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ... import portfolio
from .._common import (
    md,
)

DEFAULT_ACCOUNT = "Orvale Foods"


def _esc(text: Any) -> str:
    return html.escape(str(text))


def case_table() -> pd.DataFrame:
    """The case portfolio: one row per account with segment, spend, attractiveness, strength."""
    from ...selection import case_portfolio

    return case_portfolio().table()


def programme_counts() -> dict[str, int]:
    """Key accounts per category (default cuts) in Vellmar's programme today: the twelve
    accounts its three key account managers serve (``content/case/organisation.yaml``)."""
    from ...selection import case_portfolio

    case = case_portfolio()
    table = case.table().loc[list(case.programme)]
    summary = portfolio.summary(table["attractiveness"], table["strength"])
    return {str(c): int(n) for c, n in summary["accounts"].items()}


def _markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a Markdown table whose every cell is text: a name that is a Markdown image, a
    link, HTML or holds a ``|`` is shown as written, never loaded or rendered (issue 9)."""
    cols = [md(c) for c in frame.columns]
    head = "| " + " | ".join([md(frame.index.name or "")] + cols) + " |"
    rule = "|" + "---|" * (len(cols) + 1)
    rows = [
        "| " + " | ".join([md(i)] + [md(v) for v in row]) + " |"
        for i, row in zip(frame.index, frame.to_numpy(), strict=False)
    ]
    return "\n".join([head, rule, *rows])
