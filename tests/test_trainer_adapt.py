"""Adapting the case: the data files listed from themselves, and one call that checks them all."""

from __future__ import annotations

import pytest

from kamcourse import selection
from kamcourse.errors import ContentError
from kamcourse.trainer import adapt


def test_case_files_describe_themselves() -> None:
    files = adapt.case_files()
    names = [f.rsplit("/", 1)[1] for f in files["File"]]
    assert {"accounts.csv", "company.yaml", "csf_ratings.csv"} <= set(names)
    holds = dict(zip(names, files["What it holds"], strict=False))
    assert holds["accounts.csv"].startswith("columns: account, segment, spend")
    assert "fictional supplier" in holds["company.yaml"]


def test_the_course_case_passes_every_check() -> None:
    report = adapt.check_case()
    assert (report["Result"] == "OK").all(), report.to_string()
    assert len(report) == 7


def test_a_broken_edit_is_reported_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ContentError("Content file company.yaml is not valid YAML at line 12, column 3: bad indentation.")

    monkeypatch.setattr(selection, "case_portfolio", broken)
    monkeypatch.setattr(selection, "case_team_ratings", lambda: (_ for _ in ()).throw(KeyError("rater")))
    report = adapt.check_case().set_index("What is checked (used in)")["Result"]
    assert any("line 12, column 3" in r for r in report)
    assert any("the loader failed on this data (KeyError" in r for r in report)
    assert (report == "OK").sum() >= 3, "the other loaders still run"
