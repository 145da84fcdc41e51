"""kamcourse.testing: the helpers the notebook tests use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import nbformat
import pytest

from kamcourse import testing


def test_run_notebook_passes_the_environment_to_the_kernel_not_to_os_environ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: the workbook path goes to the kernel's environment; this process's os.environ is untouched."""
    import nbclient

    seen: dict[str, Any] = {}

    class FakeClient:
        def __init__(self, nb: Any, **kwargs: Any) -> None:
            seen["path"] = kwargs["resources"]["metadata"]["path"]

        def execute(self, **kwargs: Any) -> None:
            seen["env"] = kwargs["env"]
            seen["os"] = dict(os.environ)

    monkeypatch.setattr(nbclient, "NotebookClient", FakeClient)
    monkeypatch.delenv("KAMCOURSE_WORKBOOK", raising=False)
    path = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), path)
    before = dict(os.environ)
    testing.run_notebook(path, workbook=tmp_path / "wb.json", env={"EXTRA": "1"})
    assert seen["env"]["KAMCOURSE_WORKBOOK"] == str(tmp_path / "wb.json") and seen["env"]["EXTRA"] == "1"
    assert "KAMCOURSE_WORKBOOK" not in seen["os"] and "EXTRA" not in seen["os"]  # not even while it runs
    assert dict(os.environ) == before and seen["path"] == str(tmp_path)
