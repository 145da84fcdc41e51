#!/usr/bin/python3
"""A workshop hub on this machine's loopback, to try the trainer's flow (``make hub``) and to test it.

``make hub`` (as root) builds the hub environment (``hub_env.py``), makes a course repository
from this checkout's HEAD, invites a trainer and three trainees with passwords of their own,
starts JupyterHub on ``http://127.0.0.1:8000`` with ``deploy/jupyterhub_config.py`` and prints
who can log in. Ctrl-C stops the hub and every trainee's server by their process ids, then
removes the test accounts, their homes and the temporary folders.

The same :class:`LocalHub` is used by ``tests/hub`` and ``bench/bench_hub_load.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import hub_env
import workshop

#: Where a run notes the accounts it made, so a run that was killed is cleaned up by the next.
LEDGER = Path("/var/tmp/kamcourse-hub-runs")
#: The hub log of the last stopped run (its folder is removed with the accounts).
LAST_LOG = Path("/var/tmp/kamcourse-hub-last.log")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def processes_of(uids: set[int]) -> list[int]:
    """Live process ids owned by any of ``uids`` (a trainee's server and kernels; zombies left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids and (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    found.append(int(entry.name))
            except (OSError, IndexError):
                continue
    return found


def children_of(pid: int) -> list[int]:
    """Live direct children of ``pid`` (the hub's proxy, idle culler and trainees' servers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[1] == str(pid) and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def stop_pids(pids: list[int], timeout: float = 10.0) -> None:
    """Terminate each process by id, then kill what is left after ``timeout`` seconds."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    for pid in pids:
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def sweep_stale_runs() -> list[str]:
    """Remove the accounts of earlier runs whose process is gone (killed before cleaning up)."""
    removed: list[str] = []
    if not LEDGER.is_dir():
        return removed
    for note in LEDGER.glob("*.json"):
        try:
            record = json.loads(note.read_text(encoding="utf-8"))
            pid, users, state = int(record["pid"]), list(record["users"]), Path(record["state"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if _alive(pid):
            continue
        hub_pid = record.get("hub_pid")
        if isinstance(hub_pid, int) and _alive(hub_pid) and b"jupyterhub" in _cmdline(hub_pid):
            stop_pids([hub_pid], timeout=10)
        uids = {pwd.getpwnam(u).pw_uid for u in users if workshop.workshop_role(u) is not None}
        stop_pids(processes_of(uids), timeout=3)
        with contextlib.suppress(workshop.WorkshopError):
            removed += workshop.remove(state, [u for u in users if workshop.workshop_role(u) is not None])
        shutil.rmtree(record.get("root", ""), ignore_errors=True) if record.get("root") else None
        note.unlink(missing_ok=True)
    return removed


@dataclass
class LocalHub:
    """A hub with its own state folder, ports, course repository and accounts; stop() undoes it all."""

    trainees: list[str]
    trainer: str
    commit: str = "HEAD"
    prefix: Path = hub_env.DEFAULT_PREFIX
    port: int = 0
    kernel_idle_minutes: float = 20
    server_idle_minutes: float = 60
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kamcourse-hub-", dir="/var/tmp")))
    passwords: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    url: str = ""
    branch: str = "workshop"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def repo(self) -> Path:
        """The course repository the hub's link pulls from (a bare clone of this checkout)."""
        return self.root / "kamcourse.git"

    @property
    def log(self) -> Path:
        return self.root / "hub.log"

    @property
    def users(self) -> list[str]:
        return [*self.trainees, self.trainer]

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def workbook(self, user: str) -> Path:
        return self.home(user) / "work" / "workbook.json"

    # ------------------------------------------------------------------ start
    def build(self) -> dict[str, str]:
        """Build or reuse the environment (hub_env.NoProxy when the proxy cannot be installed)."""
        self.paths = hub_env.build(self.prefix, REPO, self.commit)
        return self.paths

    def start(self) -> None:
        if os.geteuid() != 0:
            raise RuntimeError("A local workshop hub makes Linux accounts: run it as root.")
        self.root.chmod(0o755)
        if not self.paths:
            self.build()
        LEDGER.mkdir(mode=0o700, exist_ok=True)
        note = LEDGER / f"{os.getpid()}-{self.root.name}.json"
        record = {"pid": os.getpid(), "users": self.users, "state": str(self.state), "root": str(self.root)}
        note.write_text(json.dumps(record), encoding="utf-8")
        # The course repository: this checkout's commit on a branch named for the workshop.
        subprocess.run(["git", "init", "-q", "--bare", str(self.repo)], check=True)
        subprocess.run(
            ["git", "-C", str(REPO), "push", "-q", str(self.repo), f"{self.paths['commit']}:refs/heads/{self.branch}"],
            check=True,
        )
        subprocess.run(["git", "-C", str(self.repo), "symbolic-ref", "HEAD", f"refs/heads/{self.branch}"], check=True)
        subprocess.run(["chmod", "-R", "a+rX", str(self.repo)], check=True)
        workshop.setup(self.state, self.exchange)
        self.passwords.update(workshop.invite(self.state, self.trainees))
        self.passwords.update(workshop.invite(self.state, [self.trainer], trainer=True))
        self.port = self.port or free_port()
        env = dict(os.environ)
        for key in [k for k in env if k.startswith(("KAMCOURSE_", "JUPYTER", "PYTHON", "VIRTUAL_ENV"))]:
            env.pop(key)
        env.update(
            KAMCOURSE_HUB_STATE=str(self.state),
            KAMCOURSE_EXCHANGE=str(self.exchange),
            KAMCOURSE_HUB_IP="127.0.0.1",
            KAMCOURSE_HUB_PORT=str(self.port),
            KAMCOURSE_HUB_API_PORT=str(free_port()),
            KAMCOURSE_HUB_PROXY_API_PORT=str(free_port()),
            KAMCOURSE_HUB_ENV=self.paths["env"],
            KAMCOURSE_HUB_PROXY=self.paths["proxy"],
            KAMCOURSE_HUB_COURSE=self.paths["course"],
            KAMCOURSE_HUB_REPO=str(self.repo),
            KAMCOURSE_HUB_BRANCH=self.branch,
            KAMCOURSE_HUB_SAFE_REPO=str(self.repo),
            KAMCOURSE_HUB_STOP_SERVERS="1",
            KAMCOURSE_HUB_KERNEL_IDLE=str(self.kernel_idle_minutes),
            KAMCOURSE_HUB_SERVER_IDLE=str(self.server_idle_minutes),
            PATH=f"{self.paths['env']}/bin:/usr/local/bin:/usr/bin:/bin",
        )
        self.url = f"http://127.0.0.1:{self.port}"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [f"{self.paths['env']}/bin/jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
                cwd=self.state,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        note.write_text(json.dumps({**record, "hub_pid": self.proc.pid}), encoding="utf-8")
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not answer within 60 s:\n{self.log_tail()}")
            time.sleep(0.2)

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def link(self, branch: str | None = None, open_path: str = "notebooks/00_start_here.ipynb") -> str:
        """The nbgitpuller link a trainer would hand out for this hub."""
        sys.path.insert(0, self.paths["course"])
        from kamcourse.hub import link

        return link(self.url, str(self.repo), branch or self.branch, open_path=open_path)

    def server_pids(self, user: str) -> list[int]:
        """The user's processes (single-user server and kernels)."""
        return processes_of({pwd.getpwnam(user).pw_uid})

    def run_as(self, user: str, code: str, *, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run Python ``code`` as ``user`` with the trainees' environment (as their kernel would)."""
        env = {
            "HOME": str(self.home(user)),
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": self.paths["course"],
            "KAMCOURSE_WORKBOOK": str(self.workbook(user)),
            "KAMCOURSE_EXCHANGE": str(self.exchange),
            "KAMCOURSE_EXCHANGE_TRUST": "owner",
        }
        runuser = shutil.which("runuser", path="/usr/sbin:/usr/bin:/sbin:/bin") or "runuser"
        return subprocess.run(
            [runuser, "-u", user, "--", self.paths["python"], "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=check,
            cwd="/",
            timeout=120,
        )

    # ------------------------------------------------------------------ stop
    def stop(self) -> None:
        """Stop the hub, every server it started and the proxy; remove the accounts and folders."""
        proxy_pid = None
        with contextlib.suppress(OSError, ValueError):
            proxy_pid = int((self.state / "proxy.pid").read_text().strip())
        uids = set()
        for user in self.users:
            with contextlib.suppress(KeyError):
                uids.add(pwd.getpwnam(user).pw_uid)
        # The hub and every trainee's server and kernels at once (the hub would stop the servers one
        # by one); a trainee process still there after 3 s is killed (workbooks are written
        # atomically: nothing is lost).
        hub_running = self.proc is not None and self.proc.poll() is None
        services = children_of(self.proc.pid) if hub_running and self.proc is not None else []
        if hub_running and self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
        stop_pids(processes_of(uids), timeout=3)
        if hub_running and self.proc is not None:
            try:
                self.proc.wait(timeout=15)  # usually 2-5 s; its state is thrown away anyway
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if proxy_pid is not None and _alive(proxy_pid):
            stop_pids([proxy_pid], timeout=5)
        # The hub's own children (the proxy, the idle culler) if it could not stop them itself.
        stop_pids([pid for pid in services if _alive(pid) and pid not in processes_of(uids)], timeout=5)
        stop_pids(processes_of(uids), timeout=10)  # anything started in the meantime
        with contextlib.suppress(OSError):  # the last run's hub log, for a failure to be read later
            shutil.copyfile(self.log, LAST_LOG)
        existing = [u for u in self.users if workshop.workshop_role(u) is not None]
        if existing:
            workshop.remove(self.state, existing)
        shutil.rmtree(self.root, ignore_errors=True)
        for note in LEDGER.glob(f"{os.getpid()}-{self.root.name}.json"):
            note.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A workshop hub on loopback for trying the trainer's flow.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--trainees", type=int, default=3)
    parser.add_argument("--commit", default="HEAD", help="course commit to install and pull (default HEAD)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("make hub makes Linux accounts for the trainees: run it as root.", file=sys.stderr)
        return 2
    sweep_stale_runs()
    tag = secrets.token_hex(2)
    hub = LocalHub(
        trainees=[f"trainee{i}-{tag}" for i in range(1, args.trainees + 1)],
        trainer=f"trainer-{tag}",
        commit=args.commit,
        port=args.port,
    )
    try:
        print("Building or reusing the hub environment (the first time takes about a minute)...", flush=True)
        try:
            hub.build()
        except hub_env.NoProxy as exc:
            print(f"The hub's proxy cannot be installed here: {exc}", file=sys.stderr)
            return 3
        hub.start()
        print(f"\nWorkshop hub running at {hub.url}  (course commit {hub.paths['commit'][:12]})\n")
        print("Log in as (name, password):")
        for name in hub.users:
            role = "trainer (admin: /hub/admin)" if name == hub.trainer else "trainee"
            print(f"  {name:<24} {hub.passwords[name]}   {role}")
        print(f"\nThe course link (pull or update, then open the start page):\n  {hub.link()}")
        print(f"Hand-ins go to {hub.exchange}; in the trainer's notebook: kam.exchange.collect()")
        print(f"Hub log: {hub.log}\n\nPress Ctrl-C to stop the hub and remove the test accounts.", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while hub.proc is not None and hub.proc.poll() is None:
            time.sleep(1)
        print(f"The hub stopped by itself:\n{hub.log_tail(2000)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the hub and every trainee's server...", flush=True)
        return 0
    finally:
        hub.stop()
        print("Stopped; test accounts and temporary folders removed.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
