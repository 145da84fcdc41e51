"""Lessons 02 and 05's modules read no content at import, and their core results keep stable column names."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import kamcourse.content as content

assert not {"kamcourse.framework", "kamcourse.relationships"} & set(sys.modules), "imported before the probe"
def refuse(*args, **kwargs):
    raise AssertionError(f"content read at import: {args}")

content.load = content.t = refuse
import kamcourse.framework, kamcourse.relationships, kamcourse.checkers.framework, kamcourse.checkers.relationships
import kamcourse.plots.relationships, kamcourse.widgets.framework, kamcourse.widgets.relationships
"""


def test_importing_the_modules_of_lessons_02_and_05_reads_no_content() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_core_results_have_stable_column_names() -> None:
    from kamcourse import relationships as rel

    fit = rel.portfolio_fit(rel.case_portfolio())
    assert list(fit.columns) == [
        "account",
        "category",
        "stage",
        "fit_low",
        "fit_high",
        "gap",
        "verdict",
        "selective",
        "verdict_text",
    ]
    assert list(rel.case_portfolio().columns) == ["account", "category", "stage", "note"]
    assert list(rel.stage_model_mapping().columns) == ["course_stage", "mmr", "millman_wilson", "note"]
