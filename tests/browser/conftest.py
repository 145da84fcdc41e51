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

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from labpage import ROOT, Lab, screenshot

CHROMIUM = os.environ.get("KAMCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]
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
            pytest.fail(UNAVAILABLE.replace("browser tests skipped", "browser tests required") + " (KAMCOURSE_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(UNAVAILABLE + " (set KAMCOURSE_REQUIRE_BROWSER=1 to make this a failure)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()

# --------------------------------------------------------------------------- JupyterLab server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_settings(settings_dir: Path) -> None:
    """No autosave (outputs must never be written to the repo), no news or update pop-ups."""
    overrides = {
        "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


def _api(lab: Lab, method: str, path: str) -> Any:
    request = urllib.request.Request(
        f"{lab.url}{path}", method=method, headers={"Authorization": f"token {lab.token}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read()
    return json.loads(body) if body else None


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (kernels started by the server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def start_lab(tmp: Path) -> tuple[Lab, subprocess.Popen[bytes]]:
    """Start JupyterLab on a free loopback port; return once it answers."""
    for sub in ("runtime", "workspaces", "settings", "config", "ipython", "data"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    _write_settings(tmp / "settings")
    env = dict(os.environ)
    env.update(
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        IPYTHONDIR=str(tmp / "ipython"),
        KAMCOURSE_WORKBOOK=str(tmp / "data" / "workbook.json"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTHONWARNINGS", None)
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--ServerApp.token={token}", f"--ServerApp.root_dir={ROOT}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = tmp / "jupyterlab.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
    lab = Lab(url=f"http://127.0.0.1:{port}", token=token, root=ROOT,
              workbook=tmp / "data" / "workbook.json", pid=proc.pid, log=log)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            _api(lab, "GET", "/api/status")
            return lab, proc
        except (urllib.error.URLError, OSError, ValueError):
            if time.monotonic() > deadline:
                stop_lab(lab, proc)
                raise RuntimeError(f"JupyterLab did not answer within 60 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


def stop_lab(lab: Lab, proc: subprocess.Popen[bytes]) -> None:
    """Shut the kernels down, then stop the server by its id (terminate, then kill)."""
    kernels = _children(proc.pid)
    try:
        for kernel in _api(lab, "GET", "/api/kernels") or []:
            _api(lab, "DELETE", f"/api/kernels/{kernel['id']}")
    except (urllib.error.URLError, OSError, ValueError):
        pass
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    for pid in kernels:  # anything the server started and left behind
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


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
