"""The clean room: with only the settings the course ships, JupyterLab opens without the news pop-up.

The session's server (conftest.py) writes its own user settings; this test starts a second
server and removes its user settings, so that only the environment's ``overrides.json``
(installed by ``make``, kamcourse/trainer/cleanroom.py) is in force.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from labpage import Lab, start_lab, stop_lab

OVERRIDES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


@pytest.fixture()
def bare_lab() -> Iterator[Lab]:
    if not OVERRIDES.exists():
        pytest.fail(f"the course's JupyterLab settings are not installed in {OVERRIDES}: run make")
    tmp = Path(tempfile.mkdtemp(prefix="kamcourse-cleanroom-"))
    server, proc = start_lab(tmp)
    shutil.rmtree(tmp / "settings")  # no user settings: the shipped overrides alone
    (tmp / "settings").mkdir()
    try:
        yield server
    finally:
        stop_lab(server, proc)
        shutil.rmtree(tmp, ignore_errors=True)


def test_no_news_popup_with_the_shipped_settings(browser, bare_lab: Lab) -> None:
    assert json.loads(OVERRIDES.read_text())["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{bare_lab.url}/lab?reset&token={bare_lab.token}")
        page.locator(".jp-LabShell .jp-Launcher, .jp-LabShell .jp-DirListing").first.wait_for(timeout=60_000)
        # Without the setting, JupyterLab asks "Would you like to get notified about official
        # Jupyter news?" within a second or two of starting (seen here); give it five.
        page.wait_for_timeout(5_000)
        toasts = page.locator(".Toastify__toast").all_text_contents()
        assert not any("news" in text.lower() for text in toasts), toasts
        assert page.locator(".jp-Notification-Status").first.text_content().strip() == "0"
    finally:
        context.close()
