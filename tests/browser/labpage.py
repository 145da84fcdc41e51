"""Helpers to drive JupyterLab in Chromium the way a person does (mouse and keyboard).

Used by the browser tests in this folder and by ``bench/bench_browser_latency.py``. They
never run code in the kernel from the test: they open a notebook, use the menus, click
buttons, choose in dropdowns, type and press keys, then read what the page shows.

Adding a test for a new lesson's widget usually takes a few lines::

    page = open_notebook(page, lab, "notebooks/04_portfolio.ipynb")
    restart_and_run_all(page)
    cell = cell_with(page, ".widget-slider")            # the cell showing the slider
    move_slider(cell.locator(".widget-slider").first, +3)
    wait_for_text(widget_outputs(cell).last, "weight")   # what the callback writes

Selectors and timings were checked on JupyterLab 4.6 with ipywidgets 8.1 (see
``../shared/BROWSER.md``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # the suite is skipped (or fails, in CI) without Playwright; see conftest.py
    from playwright.sync_api import Locator, Page, expect
except ImportError:  # pragma: no cover - only when Playwright is missing
    Locator = Page = Any  # type: ignore[misc,assignment]
    expect = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

#: How long a whole restart-and-run-all may take (ms); lessons with charts need a few seconds.
RUN_ALL_TIMEOUT_MS = 90_000
#: How long a widget callback may take to show its result (ms).
CALLBACK_TIMEOUT_MS = 10_000

#: Debian's Chromium (Playwright's own browser download cannot reach its host here).
CHROMIUM = os.environ.get("KAMCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
STDERR = "application/vnd.jupyter.stderr"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@dataclass
class Lab:
    """A running JupyterLab server: where it is and how to get in."""

    url: str
    token: str
    root: Path
    workbook: Path
    pid: int
    log: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def workspace_url(self, path: str) -> str:
        """A fresh, empty workspace showing only ``path`` (repo-relative)."""
        return f"{self.url}/lab/workspaces/t{uuid.uuid4().hex[:12]}/tree/{path}?reset&token={self.token}"


# --------------------------------------------------------------------------- JupyterLab server and browser


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
    request = urllib.request.Request(f"{lab.url}{path}", method=method, headers={"Authorization": f"token {lab.token}"})
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
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = tmp / "jupyterlab.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
    lab = Lab(
        url=f"http://127.0.0.1:{port}",
        token=token,
        root=ROOT,
        workbook=tmp / "data" / "workbook.json",
        pid=proc.pid,
        log=log,
    )
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
                raise RuntimeError(f"JupyterLab did not answer within 60 s:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.2)


def shutdown_kernels(lab: Lab) -> None:
    """Shut down every kernel of the server (between tests: no idle kernels piling up)."""
    try:
        for session in _api(lab, "GET", "/api/sessions") or []:
            _api(lab, "DELETE", f"/api/sessions/{session['id']}")
    except (urllib.error.URLError, OSError, ValueError):
        pass


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


# --------------------------------------------------------------------------- opening, running


def open_notebook(page: Page, lab: Lab, path: str, *, timeout_ms: int = 60_000) -> Page:
    """Open ``path`` in a fresh workspace and wait until its cells show and its kernel is idle."""
    page.goto(lab.workspace_url(path))
    page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=timeout_ms)
    wait_kernel_idle(page, timeout_ms=timeout_ms)
    return page


_KERNEL_IDLE = """
() => {
  const panel = document.querySelector('%(panel)s');
  const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  if (!indicator || indicator.getAttribute('data-status') !== 'idle') return false;
  // Before a kernel is attached the indicator already says "idle": also require the
  // status bar to name a kernel ("Python 3 (ipykernel) | Idle", not "No Kernel").
  const bar = document.querySelector('#jp-main-statusbar');
  const text = bar ? bar.textContent : '';
  return /\\| Idle/.test(text) && !/No Kernel/.test(text);
}
""" % {"panel": PANEL}


def wait_kernel_idle(page: Page, *, timeout_ms: int = 60_000) -> None:
    """Wait until a kernel is attached to the open notebook and idle."""
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms, polling=100)


_WATCH_RUN = """
() => {
  const panel = document.querySelector('%(panel)s');
  window.__kamRunStarted = false;
  if (window.__kamObserver) window.__kamObserver.disconnect();
  const seen = () => Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'))
      .some(p => p.textContent.includes('*'));
  window.__kamObserver = new MutationObserver(() => {
    if (seen()) { window.__kamRunStarted = true; window.__kamObserver.disconnect(); }
  });
  window.__kamObserver.observe(panel, {subtree: true, childList: true, characterData: true});
}
""" % {"panel": PANEL}

_RUN_FINISHED = """
() => {
  if (!window.__kamRunStarted) return false;
  const panel = document.querySelector('%(panel)s');
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  if (!indicator || indicator.getAttribute('data-status') !== 'idle') return false;
  let allRan = true;
  for (const cell of panel.querySelectorAll('.jp-Notebook .jp-CodeCell')) {
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const text = prompt ? prompt.textContent : '';
    if (text.includes('*')) return false;
    const source = cell.querySelector('.cm-content');
    if (!/\\[\\d+\\]/.test(text) && source && source.textContent.trim()) allRan = false;
  }
  // A cell that raised stops "run all": the cells after it keep an empty prompt.
  const stopped = panel.querySelector('.jp-Notebook .jp-OutputArea-output[data-mime-type="%(stderr)s"]');
  return allRan || Boolean(stopped);
}
""" % {"panel": PANEL, "stderr": STDERR}


def restart_and_run_all(page: Page, *, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> None:
    """Kernel menu path a person takes: Run > Restart Kernel and Run All Cells..., then confirm.

    Returns when the kernel is idle again and every code cell has run (an execution count,
    no ``[*]``), or when "run all" stopped at a cell that raised; then waits for widgets to
    finish rendering.
    """
    page.evaluate(_WATCH_RUN)
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function(_RUN_FINISHED, timeout=timeout_ms, polling=100)
    wait_widgets_rendered(page)


_WIDGETS_PENDING = """
() => {
  const panel = document.querySelector('%(panel)s');
  for (const out of panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="%(widget)s"]')) {
    if (!out.querySelector('.jupyter-widgets, .lm-Widget')) return true;
    if (/Loading widget/i.test(out.textContent || '')) return true;
  }
  return false;
}
""" % {"panel": PANEL, "widget": WIDGET_VIEW}


def wait_widgets_rendered(page: Page, *, timeout_s: float = 10.0) -> None:
    """Give widget views up to ``timeout_s`` to render (an unrendered one is reported later)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not page.evaluate(_WIDGETS_PENDING):
            return
        page.wait_for_timeout(100)


# --------------------------------------------------------------------------- reading problems

_CELL_REPORT = """
() => {
  const panel = document.querySelector('%(panel)s');
  const fallback = /^(VBox|HBox|GridBox|Box|Output|Button|Dropdown|Textarea|Text|HTML|Label|IntSlider|FloatSlider|SelectionSlider|RadioButtons|Checkbox|Tab|Accordion|[A-Z][A-Za-z]*(Exercise|Grid|Editor|Widget|Quiz|Chart|Check))\\((children|value|layout|outputs|description|options|_dom_classes)=/;
  return Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell')).map((cell, index) => {
    const code = cell.classList.contains('jp-CodeCell');
    const prompt = code ? (cell.querySelector('.jp-InputArea-prompt') || {}).textContent || '' : '';
    const line = cell.querySelector('.jp-InputArea-editor .cm-line');
    const problems = [];
    if (code) {
      const source = cell.querySelector('.cm-content');
      if (source && source.textContent.trim() && !/\\[\\d+\\]/.test(prompt))
        problems.push('did not run (prompt ' + JSON.stringify(prompt.trim()) + ')');
      for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
        const mime = out.getAttribute('data-mime-type') || '';
        const text = (out.textContent || '').trim();
        const container = out.querySelector('.jp-OutputArea-output') !== null;
        if (mime === '%(stderr)s') {
          problems.push('error output: ' + text.slice(0, 600));
        } else if (!container && /Traceback|Error displaying widget|model not found/i.test(text)) {
          problems.push('error text: ' + text.slice(0, 600));
        } else if (mime === 'text/plain' && fallback.test(text)) {
          problems.push('widget shown as text, not rendered: ' + text.slice(0, 200));
        }
        if (mime === '%(widget)s') {
          if (!out.querySelector('.jupyter-widgets, .lm-Widget'))
            problems.push('widget view left empty (not rendered)');
          else if (/Loading widget/i.test(text))
            problems.push('widget still shows "Loading widget..."');
        }
      }
    }
    return {index, code, prompt: prompt.trim(), firstLine: line ? line.textContent : '',
            problems: Array.from(new Set(problems))};
  });
}
""" % {"panel": PANEL, "stderr": STDERR, "widget": WIDGET_VIEW}


def cell_reports(page: Page) -> list[dict[str, Any]]:
    """For each cell of the open notebook: index, prompt, first source line, problems seen."""
    return page.evaluate(_CELL_REPORT)  # type: ignore[no-any-return]


def source_first_lines(path: str) -> list[str]:
    """First line of each cell's source, read from the notebook file (for messages)."""
    try:
        cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []
    lines = []
    for cell in cells:
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        lines.append(text.strip().splitlines()[0] if text.strip() else "")
    return lines


def problems_message(page: Page, path: str) -> str:
    """Every problem the page shows, one line per problem naming notebook and cell; '' if none."""
    first_lines = source_first_lines(path)
    lines = []
    for cell in cell_reports(page):
        for problem in cell["problems"]:
            first = cell["firstLine"]
            if cell["index"] < len(first_lines) and first_lines[cell["index"]]:
                first = first_lines[cell["index"]]
            lines.append(f"{path}, cell {cell['index']} {cell['prompt'] or ''} `{first}`: {problem}")
    return "\n".join(lines)


def assert_no_problems(page: Page, path: str) -> None:
    """Fail, naming the notebook and the cell, on any error output or unrendered widget."""
    message = problems_message(page, path)
    assert not message, f"{path} shows problems in the browser:\n{message}"


@contextmanager
def reporting_problems(page: Page, path: str) -> Iterator[None]:
    """Around an interaction: if it fails and the page shows errors, name them (notebook, cell)."""
    try:
        yield
    except Exception as exc:
        problems = problems_message(page, path)
        if problems:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise AssertionError(
                f"{path} shows problems in the browser:\n{problems}\n(the interaction failed: {first})"
            ) from exc
        raise


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as ``test-artifacts/<name>.png`` and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + ".png")
    # JupyterLab scrolls inside the notebook, not the page: grow the window to the
    # notebook's height for the picture, then put it back.
    size = page.viewport_size
    height = page.evaluate(
        "() => { const s = document.querySelector('%s .jp-WindowedPanel-outer');"
        " return s ? s.scrollHeight - s.clientHeight : 0; }" % PANEL
    )
    if size and height > 0:
        page.set_viewport_size({"width": size["width"], "height": min(size["height"] + height + 40, 16_000)})
        page.evaluate(
            "() => { const s = document.querySelector('%s .jp-WindowedPanel-outer'); if (s) s.scrollTop = 0; }" % PANEL
        )
        page.wait_for_timeout(500)
    try:
        page.screenshot(path=str(target), full_page=True)
    finally:
        if size and height > 0:
            page.set_viewport_size(size)
    return target


# --------------------------------------------------------------------------- finding widgets


def cells(page: Page) -> Locator:
    """All cells of the open notebook."""
    return page.locator(f"{PANEL} .jp-Notebook .jp-Cell")


def cell_with(page: Page, selector: str, *, has_text: str | re.Pattern[str] | None = None) -> Locator:
    """The first cell whose outputs hold an element matching ``selector`` (and ``has_text``)."""
    inner = page.locator(selector, has_text=has_text) if has_text is not None else page.locator(selector)
    return cells(page).filter(has=inner).first


def widget_outputs(scope: Locator) -> Locator:
    """The ipywidgets ``Output`` widgets inside ``scope`` (a cell or a widget)."""
    return scope.locator(".widget-output")


def widget_output_text(scope: Locator, index: int = 0) -> str:
    """The visible text of the ``index``-th ``Output`` widget inside ``scope``."""
    return widget_outputs(scope).nth(index).text_content()


def button(scope: Locator, text: str) -> Locator:
    """The widget button inside ``scope`` whose label is exactly ``text``."""
    return scope.locator(".widget-button", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))


def wait_for_text(locator: Locator, text: str | re.Pattern[str], *, timeout_ms: int = CALLBACK_TIMEOUT_MS) -> None:
    """Wait until ``locator`` shows ``text`` (a substring or a pattern)."""
    expect(locator).to_contain_text(text, timeout=timeout_ms)


def move_slider(slider: Locator, steps: int) -> None:
    """Move an ipywidgets slider (``.widget-slider``) by ``steps`` with the keyboard."""
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    key = "ArrowRight" if steps >= 0 else "ArrowLeft"
    for _ in range(abs(steps)):
        handle.press(key)


def slider_readout(slider: Locator) -> str:
    """The value an ipywidgets slider shows next to it."""
    return slider.locator(".widget-readout").first.text_content().strip()
