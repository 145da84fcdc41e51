"""Browser tests: one JupyterLab server and one Chromium for the session, a fresh page per test.

The server runs from this project's environment on a free loopback port with a random
token; its runtime, workspace, settings and config folders and the learner's workbook
(``KAMCOURSE_WORKBOOK``) all live in a temporary folder, so the tests never touch the
learner's work or settings. Autosave is off, so running notebooks never writes their
outputs back to the repository.

Without Chromium (``/usr/bin/chromium``, or ``$KAMCOURSE_CHROMIUM``) or Playwright, the whole
suite is skipped with one line saying how to enable it; with ``KAMCOURSE_REQUIRE_BROWSER=1``
(set by ``.ci/run``) a missing browser is a failure instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from labpage import CHROMIUM, CHROMIUM_ARGS, Lab, screenshot, shutdown_kernels, start_lab, stop_lab

REQUIRED = os.environ.get("KAMCOURSE_REQUIRE_BROWSER", "").strip() not in ("", "0")
HERE = Path(__file__).resolve().parent


def _why_unavailable() -> str | None:
    """Checked once, when this folder is collected: why the browser tests cannot run, or None."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"browser tests skipped: Chromium not found at {CHROMIUM}; install it with "
            "`sudo apt-get install chromium` to run them"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "browser tests skipped: the Playwright Python package is not installed; install it with "
            "`.venv/bin/python -m pip install -e '.[dev]'` to run them"
        )
    return None


UNAVAILABLE = _why_unavailable()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the browser tests so that setup can skip (or fail) them all with one reason."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives JupyterLab in Chromium (tests/browser)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Raised from this one line for every browser test, so pytest's summary folds the skips
    # into a single "SKIPPED [n] ...: browser tests skipped: ..." line.
    if UNAVAILABLE is not None and item.get_closest_marker("browser") is not None:
        if REQUIRED:
            pytest.fail(
                UNAVAILABLE.replace("browser tests skipped", "browser tests required")
                + " (KAMCOURSE_REQUIRE_BROWSER=1)",
                pytrace=False,
            )
        pytest.skip(UNAVAILABLE + " (set KAMCOURSE_REQUIRE_BROWSER=1 to make this a failure)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def lab() -> Iterator[Lab]:
    """The session's JupyterLab server (started once, stopped at the end)."""
    tmp = Path(tempfile.mkdtemp(prefix="kamcourse-browser-"))
    server, proc = start_lab(tmp)
    try:
        yield server
    finally:
        stop_lab(server, proc)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The session's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def fresh_workbook(lab: Lab) -> Path:
    """Start the test with no saved answers and no hints seen (the kernel reads it at run-all)."""
    lab.workbook.unlink(missing_ok=True)
    return lab.workbook


@pytest.fixture()
def page(request: pytest.FixtureRequest, browser: Any, lab: Lab, fresh_workbook: Path) -> Iterator[Any]:
    """A new browser context and page for one test; a screenshot is saved if the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        if request.node.stash.get(_FAILED, False):
            try:
                screenshot(tab, f"failed-{request.node.name}")
            except Exception:  # noqa: BLE001 - a screenshot must not hide the failure
                pass
        context.close()
        shutdown_kernels(lab)
