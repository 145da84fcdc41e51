#!/usr/bin/python3
"""Build (or reuse) the workshop hub's environment: one Python for everyone, the proxy, the course.

Run as root with the system's Python (never a Python under /root, which trainees cannot use)::

    /usr/bin/python3 deploy/hub_env.py                 # course from HEAD of this repository
    /usr/bin/python3 deploy/hub_env.py --commit v1.2   # ... from a tag or commit
    /usr/bin/python3 deploy/hub_env.py --json          # print where things are, as JSON

It makes, under ``--prefix`` (default ``/opt/kamcourse-hub``, every folder mode 0755):

* ``env-<hash>/``: a virtual environment from ``/usr/bin/python3`` with JupyterHub, nbgitpuller
  and the idle culler (``deploy/requirements-hub.txt``) and the course's dependencies
  (``pyproject.toml``); ``<hash>`` is taken from those two lists, so it is built once and reused
  until they change. JupyterLab's shipped settings (``deploy/lab-overrides.json``: no news
  pop-up, no update check) go into its ``share/jupyter/lab/settings``.
* ``chp-<version>/``: configurable-http-proxy from npm (JupyterHub's proxy is a Node program).
* ``course-<commit>/``: the course package built from that commit (``git archive``, so
  uncommitted changes are not included) and installed **non-editable** with ``pip --target``;
  the hub config puts it on every trainee's ``PYTHONPATH``. Built once per commit; the same
  commit must be given to the nbgitpuller link (``python -m kamcourse.hub link``).

A lock file makes two runs at once wait for each other. Exit status 3 with one line on stderr
means the proxy could not be installed (no ``npm``, or npm could not reach its registry); the
hub tests skip on it. Any other failure exits 1 with the failing command's output.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_PREFIX = Path(os.environ.get("KAMCOURSE_HUB_PREFIX", "/opt/kamcourse-hub"))
SYSTEM_PYTHON = os.environ.get("KAMCOURSE_HUB_PYTHON", "/usr/bin/python3")
CHP_VERSION = "5.3.0"
#: Course builds kept under the prefix (one per commit, about 1.5 MB each); older ones are removed.
KEEP_COURSES = 10
EXIT_NO_PROXY = 3


class NoProxy(RuntimeError):
    """configurable-http-proxy cannot be installed here."""


def _run(command: list[str], **kwargs: object) -> str:
    result = subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return str(result.stdout)


def _apt_install(*packages: str) -> None:
    """Install Debian packages when running as root on Debian; RuntimeError otherwise."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(f"{' '.join(packages)} missing; install it with your system's package manager")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update", "-qq"], env=env)
    _run(["apt-get", "install", "-y", "-qq", *packages], env=env)


@contextlib.contextmanager
def _locked(prefix: Path) -> Iterator[None]:
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    with open(prefix / ".install.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def requirements(repo: Path = REPO) -> list[str]:
    """Every third-party requirement of the hub environment (hub tools + the course's dependencies)."""
    lines = (HERE / "requirements-hub.txt").read_text(encoding="utf-8").splitlines()
    hub = [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return hub + list(project["dependencies"])


def env_key(repo: Path = REPO) -> str:
    """The hash naming the environment: changes when a requirement or the shipped settings change."""
    text = "\n".join(requirements(repo)) + (HERE / "lab-overrides.json").read_text(encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def resolve_commit(repo: Path, commit: str) -> str:
    """The full hash of ``commit`` (a branch, tag or hash) in ``repo``."""
    return _run(["git", "-C", str(repo), "rev-parse", "--verify", f"{commit}^{{commit}}"]).strip()


def ensure_env(prefix: Path, repo: Path = REPO) -> Path:
    """The virtual environment for ``repo``'s requirements, built if missing; returns its folder."""
    env = prefix / f"env-{env_key(repo)}"
    stamp = env / ".complete"
    if stamp.exists():
        return env
    if env.exists():
        shutil.rmtree(env)  # a build that was interrupted
    if subprocess.run([SYSTEM_PYTHON, "-c", "import ensurepip"], capture_output=True, check=False).returncode != 0:
        _apt_install("python3-venv")  # Debian keeps venv's pip bootstrap in its own package
    _run([SYSTEM_PYTHON, "-m", "venv", str(env)])
    pip = [str(env / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    _run([*pip, "install", "--upgrade", "pip"])
    _run([*pip, "install", *requirements(repo)])
    settings = env / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "lab-overrides.json", settings / "overrides.json")
    stamp.write_text("ok\n", encoding="utf-8")
    return env


def ensure_proxy(prefix: Path) -> Path:
    """configurable-http-proxy installed with npm under ``prefix``; returns the program's path."""
    folder = prefix / f"chp-{CHP_VERSION}"
    program = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    if program.exists():
        return program
    npm = shutil.which("npm")
    if npm is None:
        with contextlib.suppress(RuntimeError):
            _apt_install("nodejs", "npm")
        npm = shutil.which("npm")
    if npm is None:
        raise NoProxy("npm is not installed (Debian: apt-get install nodejs npm)")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(folder),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"configurable-http-proxy@{CHP_VERSION}",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not program.exists():
        shutil.rmtree(folder, ignore_errors=True)
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise NoProxy(f"npm could not install configurable-http-proxy@{CHP_VERSION}: {last}")
    return program


def ensure_course(prefix: Path, env: Path, repo: Path, commit: str) -> Path:
    """The course package of ``commit``, installed non-editable in ``prefix/course-<commit>``."""
    target = prefix / f"course-{commit[:12]}"
    stamp = target / ".complete"
    if stamp.exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    with tempfile.TemporaryDirectory(prefix="kamcourse-src-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", "--format=tar", commit], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        _run(
            [
                str(env / "bin" / "python"),
                "-m",
                "pip",
                "--disable-pip-version-check",
                "--no-input",
                "-q",
                "install",
                "--no-deps",
                "--no-compile",
                "--target",
                str(target),
                tmp,
            ]
        )
    _run([str(env / "bin" / "python"), "-m", "compileall", "-q", str(target)])
    (target / "COMMIT").write_text(commit + "\n", encoding="utf-8")
    stamp.write_text("ok\n", encoding="utf-8")
    _prune(prefix, "course-", keep=KEEP_COURSES)
    return target


def _prune(prefix: Path, start: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently built ``<start>*`` folders (a running hub's is recent)."""
    built = sorted(
        (p for p in prefix.glob(f"{start}*") if (p / ".complete").exists()),
        key=lambda p: (p / ".complete").stat().st_mtime,
        reverse=True,
    )
    for old in built[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def build(prefix: Path = DEFAULT_PREFIX, repo: Path = REPO, commit: str = "HEAD") -> dict[str, str]:
    """Everything the hub needs, built or reused; returns the paths and the resolved commit."""
    old_umask = os.umask(0o022)  # trainees must be able to read and run all of it
    try:
        full = resolve_commit(repo, commit)
        with _locked(prefix):
            env = ensure_env(prefix, repo)
            proxy = ensure_proxy(prefix)
            course = ensure_course(prefix, env, repo, full)
    finally:
        os.umask(old_umask)
    return {
        "env": str(env),
        "python": str(env / "bin" / "python"),
        "proxy": str(proxy),
        "course": str(course),
        "commit": full,
        "prefix": str(prefix),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--prefix", type=Path, default=DEFAULT_PREFIX)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--json", action="store_true", help="print the paths as JSON")
    args = parser.parse_args(argv)
    try:
        paths = build(args.prefix, args.repo.resolve(), args.commit)
    except NoProxy as exc:
        print(f"hub proxy unavailable: {exc}", file=sys.stderr)
        return EXIT_NO_PROXY
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        print(f"hub environment could not be built: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(paths))
    else:
        for key, value in paths.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
