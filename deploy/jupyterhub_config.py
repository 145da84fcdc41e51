"""JupyterHub configuration for a kamcourse workshop on one machine (30-100 trainees).

Read deploy/README.md first. Every setting that differs between machines comes from an
environment variable, so the same file serves the VM, ``make hub`` and the tests:

  KAMCOURSE_HUB_IP / _PORT      where the hub listens (default 127.0.0.1:8000: loopback only;
                                on a VM keep it there and put a TLS proxy in front, see README)
  KAMCOURSE_HUB_API_PORT        the hub's internal API port (default 8081)
  KAMCOURSE_HUB_PROXY_API_PORT  the proxy's API port (default 8001)
  KAMCOURSE_HUB_STATE           state folder: roster, database, cookie secret (/srv/kamcourse-hub)
  KAMCOURSE_EXCHANGE            the hand-in folder (default <state>/exchange)
  KAMCOURSE_HUB_ENV             the hub's Python environment (default: the one running this file)
  KAMCOURSE_HUB_PROXY           configurable-http-proxy program (default: found on PATH)
  KAMCOURSE_HUB_COURSE          the course package folder made by hub_env.py (course-<commit>);
                                unset when the course is pip-installed into the environment
  KAMCOURSE_HUB_REPO / _BRANCH  what the start link pulls (nbgitpuller); empty: no pull
  KAMCOURSE_HUB_SAFE_REPO       a repository on this disk owned by another account (git's
                                "dubious ownership" check); only for offline hubs and the tests
  KAMCOURSE_HUB_SERVER_IDLE     minutes before an idle trainee server is stopped (default 60)
  KAMCOURSE_HUB_KERNEL_IDLE     minutes before an idle kernel is shut down (default 20)
"""

# ruff: noqa: F821  (``c`` is given by JupyterHub)
from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import workshop  # (deploy/workshop.py: roster, groups, login)

c = get_config()  # type: ignore[name-defined]


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


STATE = Path(_env("KAMCOURSE_HUB_STATE", str(workshop.DEFAULT_STATE)))
EXCHANGE = Path(_env("KAMCOURSE_EXCHANGE", str(STATE / "exchange")))
ENV = Path(_env("KAMCOURSE_HUB_ENV", str(Path(sys.executable).parent.parent)))
COURSE = _env("KAMCOURSE_HUB_COURSE", "")
REPO = _env("KAMCOURSE_HUB_REPO", "")
BRANCH = _env("KAMCOURSE_HUB_BRANCH", "main")
IP = _env("KAMCOURSE_HUB_IP", "127.0.0.1")
PORT = int(_env("KAMCOURSE_HUB_PORT", "8000"))
SERVER_IDLE_S = int(float(_env("KAMCOURSE_HUB_SERVER_IDLE", "60")) * 60)
KERNEL_IDLE_S = int(float(_env("KAMCOURSE_HUB_KERNEL_IDLE", "20")) * 60)

# ----------------------------------------------------------------------------- network
# Loopback by default. A public address only behind TLS: either a reverse proxy (Caddy,
# nginx) on 443 forwarding to 127.0.0.1:8000, or JupyterHub's own ssl_cert/ssl_key.
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(_env("KAMCOURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_env('KAMCOURSE_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [_env("KAMCOURSE_HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
if IP not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("KAMCOURSE_HUB_TLS_IN_FRONT"):
    c.JupyterHub.ssl_cert = _env("KAMCOURSE_HUB_SSL_CERT", "/etc/kamcourse-hub/cert.pem")
    c.JupyterHub.ssl_key = _env("KAMCOURSE_HUB_SSL_KEY", "/etc/kamcourse-hub/key.pem")

# ----------------------------------------------------------------------------- state
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
# Trainees' servers keep running through a hub restart (their kernels and unsaved widgets too);
# KAMCOURSE_HUB_STOP_SERVERS=1 (make hub, the tests) stops them with the hub instead.
c.JupyterHub.cleanup_servers = _env("KAMCOURSE_HUB_STOP_SERVERS", "0") == "1"

# ----------------------------------------------------------------------------- who logs in
# Each person has their own name and password from the roster (workshop.py invite); trainers
# are admins. A shared workshop password would let anyone log in as anyone, and read their work.
c.JupyterHub.authenticator_class = workshop.RosterAuthenticator
c.RosterAuthenticator.state_dir = str(STATE)
c.Authenticator.username_pattern = workshop.NAME.pattern
c.Authenticator.admin_users = {n for n, r in workshop.load_roster(STATE).items() if r.get("role") == "trainer"}

# ----------------------------------------------------------------------------- each trainee's server
# One Linux account per person (workshop.py invite), private home (0700), the server runs as
# that account. LocalProcessSpawner sets no memory or CPU limit: on a VM with systemd use
# SystemdSpawner (README, "Limits"); on Kubernetes the limits are in values.yaml.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
# When a whole room logs in at once, 10 servers starting on 2 cores took over 90 s to answer
# (bench/bench_hub_load.py): give a starting server time rather than fail the spawn.
c.Spawner.start_timeout = 300
c.Spawner.poll_interval = 10  # notice a dead server within 10 s (then a reload restarts it)
c.Spawner.http_timeout = 240
c.Spawner.args = [
    # Idle kernels are the bulk of a trainee's memory (README, "Sizing"): shut them down.
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_S}",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=True",
]


def _home(spawner: object) -> str:
    return pwd.getpwnam(spawner.user.name).pw_dir  # type: ignore[attr-defined]


_environment: dict[str, object] = {
    "KAMCOURSE_WORKBOOK": lambda spawner: f"{_home(spawner)}/work/workbook.json",
    "KAMCOURSE_EXCHANGE": str(EXCHANGE),
    "KAMCOURSE_EXCHANGE_TRUST": "owner",  # a hand-in counts for the account that wrote it
    "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_PREFER_ENV_PATH": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
if COURSE:
    _environment["PYTHONPATH"] = COURSE
if _env("KAMCOURSE_HUB_SAFE_REPO", ""):
    # git refuses a repository owned by another account ("dubious ownership"); a local course
    # repository (offline hub, tests) is declared safe in a system config for the trainees' git.
    # (GIT_CONFIG_COUNT is not passed on by git's local transport; GIT_CONFIG_SYSTEM is read.)
    STATE.mkdir(parents=True, exist_ok=True)
    gitconfig = STATE / "gitconfig"
    gitconfig.write_text(f"[safe]\n\tdirectory = {_env('KAMCOURSE_HUB_SAFE_REPO', '')}\n", encoding="utf-8")
    gitconfig.chmod(0o644)
    _environment["GIT_CONFIG_SYSTEM"] = str(gitconfig)
c.Spawner.environment = _environment


def _pre_spawn(spawner: object) -> None:
    """Refuse to start a server for anyone whose account was not made for the workshop."""
    name = spawner.user.name  # type: ignore[attr-defined]
    if workshop.workshop_role(name) is None:
        raise RuntimeError(f"{name!r} has no workshop account on this machine: run 'workshop.py invite {name}' first.")


c.Spawner.pre_spawn_hook = _pre_spawn

# JupyterLab, and on login the course pulled (or updated) and its start page opened.
if REPO:
    if COURSE:
        sys.path.insert(0, COURSE)
    from kamcourse.hub import pull_path

    c.Spawner.default_url = "/" + pull_path(REPO, BRANCH)
else:
    c.Spawner.default_url = "/lab"

# ----------------------------------------------------------------------------- idle servers
# The culler stops trainees' servers idle for SERVER_IDLE minutes (their work is saved in the
# workbook; logging in again starts a fresh server). Admins (trainers) are not culled.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            str(ENV / "bin" / "python"),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={SERVER_IDLE_S}",
            "--cull-every=60",
            "--concurrency=5",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

# A trainee whose server stopped (culled, or killed) and who reloads the page gets a new one
# after 3 seconds, without a button to find; their work is in the workbook.
c.JupyterHub.implicit_spawn_seconds = 3

# Log in once a day is enough for a workshop day.
c.JupyterHub.cookie_max_age_days = 1
c.JupyterHub.active_server_limit = int(_env("KAMCOURSE_HUB_MAX_SERVERS", "0"))
c.JupyterHub.concurrent_spawn_limit = int(_env("KAMCOURSE_HUB_CONCURRENT_SPAWNS", "20"))
