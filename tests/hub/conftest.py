"""Hub tests: one JupyterHub on loopback for the workshop module, three trainees and a trainer, Chromium.

The hub is ``deploy/jupyterhub_config.py`` started by ``deploy/local_hub.py`` (the same code as
``make hub``) from the environment ``deploy/hub_env.py`` builds under ``/opt/kamcourse-hub``
(reused between runs, keyed by the requirements and the course commit). The tests need root
(they create Linux accounts), Chromium with Playwright, and the hub's proxy from npm. Without
the proxy, or without root, every hub test is skipped with one line saying why; without
Chromium they are skipped too unless ``KAMCOURSE_REQUIRE_BROWSER=1`` makes that a failure.
Whatever happens, the hub, the proxy and every trainee's server are stopped by process id and
the test accounts and their homes are removed at the end of the session.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import hub_env
import local_hub
from labpage import CHROMIUM, CHROMIUM_ARGS

REQUIRED = os.environ.get("KAMCOURSE_REQUIRE_BROWSER", "").strip() not in ("", "0")
HERE = Path(__file__).resolve().parent


def _why_unavailable() -> tuple[str, bool] | None:
    """(reason, may_skip) when the hub tests cannot run; None when they can."""
    if os.geteuid() != 0:
        return "hub tests skipped: they create Linux accounts for test trainees and need root", True
    if not os.access(hub_env.SYSTEM_PYTHON, os.X_OK):
        return (
            f"hub tests skipped: no system Python at {hub_env.SYSTEM_PYTHON} to build the trainees' environment",
            True,
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"hub tests skipped: Chromium not found at {CHROMIUM}", not REQUIRED
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "hub tests skipped: the Playwright Python package is not installed", not REQUIRED
    return None


def _here(item: pytest.Item) -> bool:
    return HERE in Path(str(item.fspath)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the hub tests, and run this folder first.

    Playwright's sync API allows one instance per thread at a time, and ``tests/browser`` keeps
    its Chromium open until the session ends: the hub tests open theirs (module scope) and close
    it before the browser tests start.
    """
    for item in items:
        if _here(item) and "hub" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.hub)
    items[:] = [item for item in items if _here(item)] + [item for item in items if not _here(item)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: runs a JupyterHub with test accounts (tests/hub)")


def _skip_or_fail(reason: str, may_skip: bool) -> None:
    # Raised from the hub fixture; pytest repeats it for every hub test, and its summary
    # folds the skips into one line.
    if may_skip:
        pytest.skip(reason)
    pytest.fail(reason.replace("skipped", "required") + " (KAMCOURSE_REQUIRE_BROWSER=1)", pytrace=False)


@pytest.fixture(scope="module")
def hub() -> Iterator[local_hub.LocalHub]:
    """The module's hub: trainees A, B, C and a trainer; stopped and cleaned up at the end."""
    why = _why_unavailable()
    if why is not None:
        _skip_or_fail(*why)
    local_hub.sweep_stale_runs()
    tag = secrets.token_hex(2)
    server = local_hub.LocalHub(trainees=[f"kt{tag}-a", f"kt{tag}-b", f"kt{tag}-c"], trainer=f"kt{tag}-trainer")
    try:
        server.build()
    except hub_env.NoProxy as exc:
        _skip_or_fail(f"hub tests skipped: the hub's proxy cannot be installed ({exc})", True)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(hub: local_hub.LocalHub) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
