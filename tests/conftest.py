"""Shared fixtures: every test gets its own workbook file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamcourse.workbook import Workbook


@pytest.fixture()
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workbook:
    """A workbook in a temporary folder, also made the default for the test."""
    path = tmp_path / "work" / "workbook.json"
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(path))
    return Workbook(path)
