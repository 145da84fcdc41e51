"""The trainer's guide (trainer/guide.ipynb) keeps the notebook rules;
`make test` also runs it (tests/test_notebook_runs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "trainer" / "guide.ipynb"


def test_guide_is_committed_clean_with_a_kernelspec() -> None:
    nb = nbformat.read(GUIDE, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == []
    assert nb.metadata["kernelspec"]["name"] == "python3"
    first = nb.cells[0].source
    assert first.startswith("# ") and "**Time:**" in first and "**Prerequisites:**" in first


def test_guide_covers_the_workshop_and_its_links_resolve() -> None:
    nb = nbformat.read(GUIDE, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    for needle in (
        'agenda.build("one_day")',
        "day.cuts()",
        "course_activities()",
        "kam.workbook.use(",
        "hand_in()",
        "compare_view(",
        "anonymised(",
        "make slides",
        "make handouts",
        "make reset-workshop",
        "adapt.check_case()",
        "## Summary",
    ):
        assert needle in text, needle
    links = re.findall(r"\]\(([^)#\s]+\.ipynb)\)", text)
    assert links and all((GUIDE.parent / link).resolve().exists() for link in links), links


def test_start_page_links_to_the_guide() -> None:
    start = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    text = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    assert "](../trainer/guide.ipynb)" in text
    assert 'kam.workbook.use("group-3")' in text
