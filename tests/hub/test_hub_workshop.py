"""A workshop on the hub, as the trainer and three trainees live it (tests/hub/conftest.py starts it).

The tests run in file order on one hub: each trainee logs in (which pulls the course and opens
its start page) and runs a lesson in Chromium; A and B answer an exercise; A cannot reach B's
server nor read B's files; A hands in from a notebook cell and the trainer collects; the course
link merges new commits and keeps a trainee's edit; a killed server comes back with the work;
at the end the hub, the servers and the accounts are gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import re
import stat
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from labpage import (
    PANEL,
    assert_no_problems,
    cell_with,
    expect,
    restart_and_run_all,
    wait_for_text,
    wait_kernel_idle,
)
from local_hub import LocalHub, children_of, processes_of

LESSON_A = "notebooks/03_selecting_key_accounts.ipynb"
LESSON_B = "exercises/02_kap_framework.ipynb"
LESSON_C = "notebooks/00_start_here.ipynb"
OPEN_TIMEOUT_MS = 120_000

_sessions: dict[str, Any] = {}


def trainee(hub: LocalHub, letter: str) -> str:
    return {"a": hub.trainees[0], "b": hub.trainees[1], "c": hub.trainees[2]}[letter]


def login(browser: Any, hub: LocalHub, user: str, password: str | None = None) -> Any:
    """A new browser context logged in as ``user`` (the login pulls the course, opens the start page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password if password is not None else hub.passwords[user])
    page.click("#login_submit")
    return page


def session(browser: Any, hub: LocalHub, user: str) -> Any:
    """The page of ``user``'s browser, logged in once for the whole module.

    The first call logs every trainee in at once, as a room does when the trainer says "go":
    the three servers start and pull the course side by side.
    """
    if not _sessions:
        for name in hub.trainees:
            _sessions[name] = login(browser, hub, name)
        for name in hub.trainees:
            page = _sessions[name]
            page.wait_for_url(re.compile(rf".*/user/{re.escape(name)}/lab.*"), timeout=OPEN_TIMEOUT_MS)
            page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    return _sessions[user]


def open_lesson(page: Any, hub: LocalHub, user: str, path: str) -> None:
    page.goto(f"{hub.url}/user/{user}/lab/workspaces/t{uuid.uuid4().hex[:10]}/tree/kamcourse/{path}?reset")
    page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    wait_kernel_idle(page, timeout_ms=OPEN_TIMEOUT_MS)


def answer_placement(page: Any) -> str:
    """Choose 'Operations' for the first item of exercise 02's placement (saved as it changes)."""
    row = cell_with(page, ".widget-dropdown").locator(".widget-hbox", has=page.locator(".widget-dropdown")).first
    select = row.locator(".widget-dropdown select").first
    label = next(t.strip() for t in select.locator("option").all_text_contents() if t.strip().endswith("Operations"))
    select.select_option(label=label)
    return label


def wait_file_contains(path: Path, text: str, timeout_s: float = 15.0) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            content = path.read_text(encoding="utf-8")
        except OSError:
            content = ""
        if text in content:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear in {path} within {timeout_s} s")


def run_cell(page: Any, code: str) -> Any:
    """Add a code cell at the end of the open notebook, type ``code`` and run it; returns the cell."""
    page.locator(f"{PANEL} .jp-Notebook .jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new code cell below, in command mode
    page.keyboard.press("Enter")  # edit it
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")  # runs it, and adds an empty cell below
    return page.locator(f"{PANEL} .jp-Notebook .jp-CodeCell").filter(has_text=code).last


def git(clone: Path, *args: str) -> str:
    """Run git as root in a trainee's clone (owned by them: declare it safe for this call)."""
    return subprocess.run(
        ["git", "-c", f"safe.directory={clone}", "-C", str(clone), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- logging in


def test_logins_refuse_wrong_passwords_other_peoples_and_bad_names(browser: Any, hub: LocalHub) -> None:
    a, b = trainee(hub, "a"), trainee(hub, "b")
    for name, password in (
        (a, "wrong-password"),
        (b, hub.passwords[a]),
        (f"{a} x", hub.passwords[a]),
        ("../" + a, hub.passwords[a]),
        ("root", hub.passwords[a]),
    ):
        page = login(browser, hub, name, password)
        expect(page.locator("#login_submit")).to_be_visible()
        assert "/hub/login" in page.url, f"{name!r} with a wrong password got in: {page.url}"
        page.context.close()
    assert pwd.getpwnam(a).pw_dir and not Path(f"/home/{a} x").exists()


# --------------------------------------------------------------------------- each trainee runs a lesson


def test_trainee_a_pulls_the_course_and_runs_lesson_03(browser: Any, hub: LocalHub) -> None:
    a = trainee(hub, "a")
    page = session(browser, hub, a)
    clone = hub.home(a) / "kamcourse"
    assert (clone / ".git").is_dir() and (clone / LESSON_A).is_file()
    head = git(clone, "rev-parse", "HEAD")
    assert head == hub.paths["commit"], "the link must pull the commit whose package is installed"
    open_lesson(page, hub, a, LESSON_A)
    restart_and_run_all(page)
    assert_no_problems(page, LESSON_A)
    # Run from the home, where the clone's folder is also called kamcourse: the installed package wins.
    found = hub.run_as(a, "import os, kamcourse; os.chdir(os.path.expanduser('~')); print(kamcourse.__file__)")
    assert found.stdout.strip() == f"{hub.paths['course']}/kamcourse/__init__.py"


def test_trainee_b_answers_exercise_02_into_a_private_workbook(browser: Any, hub: LocalHub) -> None:
    b = trainee(hub, "b")
    page = session(browser, hub, b)
    open_lesson(page, hub, b, LESSON_B)
    restart_and_run_all(page)
    assert_no_problems(page, LESSON_B)
    answer_placement(page)
    book = hub.workbook(b)
    wait_file_contains(book, "Operations")
    info = book.stat()
    assert info.st_uid == pwd.getpwnam(b).pw_uid
    assert stat.S_IMODE(info.st_mode) & 0o077 == 0, f"workbook mode {oct(info.st_mode)} lets others read it"
    assert stat.S_IMODE(hub.home(b).stat().st_mode) == 0o700


def test_trainee_c_runs_the_start_page(browser: Any, hub: LocalHub) -> None:
    c = trainee(hub, "c")
    page = session(browser, hub, c)
    open_lesson(page, hub, c, LESSON_C)
    restart_and_run_all(page)
    assert_no_problems(page, LESSON_C)


# --------------------------------------------------------------------------- isolation


def test_a_cannot_open_b_server(browser: Any, hub: LocalHub) -> None:
    a, b = trainee(hub, "a"), trainee(hub, "b")
    page = session(browser, hub, a)
    for path in (f"/user/{b}/lab", f"/user/{b}/api/contents/work", f"/hub/api/users/{b}"):
        response = page.request.get(f"{hub.url}{path}", max_redirects=10)
        assert response.status in (403, 404), f"A got {response.status} for {path}"
        assert "workbook.json" not in response.text()
    response = page.goto(f"{hub.url}/user/{b}/lab")
    assert response is not None and response.status in (403, 404), f"A's browser got {response and response.status}"


def test_a_cannot_read_b_files(hub: LocalHub) -> None:
    a, b = trainee(hub, "a"), trainee(hub, "b")
    book = hub.workbook(b)
    attempt = hub.run_as(a, f"open({str(book)!r}).read()", check=False)
    assert attempt.returncode != 0 and "PermissionError" in attempt.stderr
    listing = hub.run_as(a, f"import os; os.listdir({str(hub.home(b))!r})", check=False)
    assert listing.returncode != 0 and "PermissionError" in listing.stderr


def test_a_hands_in_from_a_notebook_cell_and_cannot_touch_b_hand_in(browser: Any, hub: LocalHub) -> None:
    a, b = trainee(hub, "a"), trainee(hub, "b")
    page = session(browser, hub, a)
    open_lesson(page, hub, a, LESSON_B)
    restart_and_run_all(page)
    answer_placement(page)
    wait_file_contains(hub.workbook(a), "Operations")
    cell = run_cell(page, "kam.exchange.submit()")
    wait_for_text(cell.locator(".jp-OutputArea-output").first, f"handed in as {a}.json", timeout_ms=30_000)
    mine = hub.exchange / f"{a}.json"
    assert mine.read_bytes() == hub.workbook(a).read_bytes()
    assert stat.S_IMODE(mine.stat().st_mode) == 0o640 and mine.stat().st_gid == hub.exchange.stat().st_gid

    hub.run_as(b, "import kamcourse.exchange as x; x.submit()")  # B hands in from a kernel too
    theirs = hub.exchange / f"{b}.json"
    before = digest(theirs)
    for code in (
        f"open({str(theirs)!r}).read()",
        f"import os; os.listdir({str(hub.exchange)!r})",
        f"import os; os.unlink({str(theirs)!r})",
        f"open({str(theirs)!r}, 'w').write('x')",
    ):
        attempt = hub.run_as(a, code, check=False)
        assert attempt.returncode != 0 and "PermissionError" in attempt.stderr, code
    # Handing in under B's name from A's account: the sticky folder keeps B's file; A's copy gets a tag.
    squat = hub.run_as(a, f"import kamcourse.exchange as x; print(x.submit(name={b!r}).path.name)")
    assert squat.stdout.strip().startswith(f"{b}~")
    assert digest(theirs) == before


def test_trainer_collects_read_only_and_trainees_cannot(hub: LocalHub) -> None:
    a, b = trainee(hub, "a"), trainee(hub, "b")
    before = {p.name: (digest(p), p.stat().st_mtime_ns) for p in hub.exchange.iterdir()}
    code = (
        "import json, kamcourse.exchange as x; c = x.collect(); "
        "print(json.dumps({'who': c.submitters, 'problems': [[p.file, p.kind] for p in c.problems], "
        "'answers': {k: v['exercises'] for k, v in c.workbooks.items()}}))"
    )
    result = json.loads(hub.run_as(hub.trainer, code).stdout)
    assert result["who"] == sorted([a, b])
    assert [kind for _, kind in result["problems"]] == ["not_owner"]  # A's hand-in under B's name
    assert result["answers"][a] == json.loads(hub.workbook(a).read_text(encoding="utf-8"))["exercises"]
    assert {p.name: (digest(p), p.stat().st_mtime_ns) for p in hub.exchange.iterdir()} == before
    refused = hub.run_as(a, "import kamcourse.exchange as x; x.collect()", check=False)
    assert "InputError" in refused.stderr and "cannot be read" in refused.stderr


# --------------------------------------------------------------------------- the course link


def _push_upstream_change(hub: LocalHub, work: Path) -> str:
    """A new commit on the workshop branch: README changed, a new notebook added."""
    subprocess.run(["git", "clone", "-q", "--branch", hub.branch, str(hub.repo), str(work)], check=True)
    (work / "README.md").write_text(
        (work / "README.md").read_text(encoding="utf-8") + "\nUpstream line.\n", encoding="utf-8"
    )
    (work / "notebooks" / "99_added_later.md").write_text("# Added after the first pull\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(work),
            "-c",
            "user.name=Trainer",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-q",
            "-m",
            "Fix after the first pull",
        ],
        check=True,
    )
    subprocess.run(["git", "-C", str(work), "push", "-q", "origin", hub.branch], check=True)
    return subprocess.run(
        ["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_course_link_merges_new_commits_and_keeps_a_trainee_edit(browser: Any, hub: LocalHub, tmp_path: Path) -> None:
    c = trainee(hub, "c")
    page = session(browser, hub, c)
    clone = hub.home(c) / "kamcourse"
    mine = "\nMy own note, written in the workshop.\n"
    hub.run_as(c, f"p = {str(clone / 'README.md')!r}; open(p, 'a').write({mine!r})")
    new_head = _push_upstream_change(hub, tmp_path / "upstream")

    page.goto(hub.link())
    page.wait_for_url(re.compile(r".*/lab/tree/kamcourse/notebooks/00_start_here\.ipynb.*"), timeout=OPEN_TIMEOUT_MS)
    readme = (clone / "README.md").read_text(encoding="utf-8")
    assert mine.strip() in readme, "the trainee's edit was lost by the update"
    assert (clone / "notebooks" / "99_added_later.md").is_file(), "the new commit was not merged"
    assert new_head in git(clone, "log", "--format=%H", "-n", "20")


def test_a_stale_course_link_says_so_and_changes_nothing(browser: Any, hub: LocalHub) -> None:
    c = trainee(hub, "c")
    page = session(browser, hub, c)
    clone = hub.home(c) / "kamcourse"
    head = git(clone, "rev-parse", "HEAD")
    page.goto(hub.link(branch="workshop-2019"))
    expect(page.locator("body")).to_contain_text(
        re.compile(r"error|fatal|not found|couldn't find", re.IGNORECASE), timeout=60_000
    )
    assert git(clone, "rev-parse", "HEAD") == head


# --------------------------------------------------------------------------- a killed server


def test_a_killed_server_restarts_with_the_work_kept(browser: Any, hub: LocalHub) -> None:
    b = trainee(hub, "b")
    page = session(browser, hub, b)
    before = json.loads(hub.workbook(b).read_text(encoding="utf-8"))
    pids = hub.server_pids(b)
    assert pids
    for pid in pids:
        os.kill(pid, 9)
    # The trainee reloads ("503 ... your server appears to be down") until the hub has noticed
    # (it checks every 10 s); then it starts a new server by itself and JupyterLab comes back.
    deadline = time.monotonic() + 90
    seen = []
    while True:
        response = page.goto(f"{hub.url}/user/{b}/lab")
        seen.append(response.status if response else None)
        if response is not None and response.status == 200 and "/hub/" not in page.url:
            break
        if response is not None and response.status == 424:  # "not running; restarted automatically"
            expect(page.locator("body")).to_contain_text("restarted automatically")
            break
        assert time.monotonic() < deadline, f"the server did not come back: {seen}"
        page.wait_for_timeout(2000)
    page.locator("#jp-main-dock-panel").wait_for(timeout=OPEN_TIMEOUT_MS)
    assert hub.server_pids(b) and not set(hub.server_pids(b)) & set(pids)
    # The new server serves B's files (restoring the answer into the widget is tests/browser's job).
    listing = page.request.get(f"{hub.url}/user/{b}/api/contents/work")
    assert listing.status == 200 and "workbook.json" in listing.text()
    assert json.loads(hub.workbook(b).read_text(encoding="utf-8")) == before


# --------------------------------------------------------------------------- the end


def test_stopping_removes_hub_servers_and_accounts(hub: LocalHub) -> None:
    for page in _sessions.values():
        page.context.close()
    _sessions.clear()
    uids = {pwd.getpwnam(u).pw_uid for u in hub.users}
    hub_pid = hub.proc.pid if hub.proc else None
    assert hub_pid is not None
    services = children_of(hub_pid)  # the proxy, the idle culler, the trainees' servers
    assert len(services) >= 2
    hub.stop()
    assert hub.proc is not None and hub.proc.poll() is not None
    assert processes_of(uids) == []
    assert [
        pid
        for pid in services
        if Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    ] == []
    for user in hub.users:
        with pytest.raises(KeyError):
            pwd.getpwnam(user)
        assert not Path(f"/home/{user}").exists()
    assert not hub.root.exists()
