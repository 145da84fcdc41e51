#!/usr/bin/env python3
"""The trainer's (or IT's) commands for a workshop hub on one machine, and the hub's login.

Run as root with the hub environment's Python (``deploy/README.md``)::

    workshop.py setup                       # groups, state folder, exchange folder (once)
    workshop.py invite alice bob carol      # accounts with private homes; prints their passwords
    workshop.py invite --trainer tom        # a trainer: hub admin, reads the exchange folder
    workshop.py list                        # who is invited
    workshop.py collect --to ~/day1         # copy every sound hand-in (never changes the exchange)
    workshop.py reset --archive /srv/kamcourse-archive   # after the workshop: archive, then remove
    workshop.py remove alice                # one account, its home and its hand-ins

Everything lives under ``--state`` (``$KAMCOURSE_HUB_STATE``, default ``/srv/kamcourse-hub``):
``roster.json`` (names, roles, salted password hashes; mode 0600) and the hub's database and
cookie secret. The exchange folder (``$KAMCOURSE_EXCHANGE``, default
``/srv/kamcourse-hub/exchange``) is owned by root and the trainers' group, mode 3773: trainees
can create files there but not list, read, replace or delete anyone else's (setgid: hand-ins
belong to the trainers' group; sticky: only a file's owner removes or replaces it).

Each person gets a Linux account of the same name in group ``kamcourse-trainees`` (or
``kamcourse-trainers``), a home of mode 0700 and a password of their own, printed once.
:class:`RosterAuthenticator` (used by ``jupyterhub_config.py``) checks names and passwords
against the roster, re-read at every login, so an invitation works without restarting the hub.
Names: 1 to 32 lower-case letters, digits, ``-`` or ``_``, starting with a letter.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import grp
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TRAINEES = "kamcourse-trainees"
TRAINERS = "kamcourse-trainers"
DEFAULT_STATE = Path(os.environ.get("KAMCOURSE_HUB_STATE", "/srv/kamcourse-hub"))
NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
#: Unambiguous letters and digits for passwords read aloud or from paper (no l/1, o/0).
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ITERATIONS = 120_000
EXCHANGE_MODE = 0o3773


class WorkshopError(Exception):
    """A command that cannot be carried out; the message says why and what to do."""


def exchange_path(state: Path) -> Path:
    """The exchange folder: ``$KAMCOURSE_EXCHANGE`` or ``<state>/exchange``."""
    env = os.environ.get("KAMCOURSE_EXCHANGE", "").strip()
    return Path(env) if env else state / "exchange"


def check_name(name: object) -> str:
    """``name`` if it can be a trainee's login and Linux account, else WorkshopError."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise WorkshopError(
            f"{name!r} cannot be a workshop account: use 1 to 32 lower-case letters (a-z), digits, '-' or '_', "
            "starting with a letter (for example 'alice' or 'group-3')."
        )
    return name


# --------------------------------------------------------------------------- passwords and the roster


def new_password() -> str:
    """A random password in three groups of four, e.g. ``k7qm-x3pv-t9ad`` (about 59 bits)."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def hash_password(password: str, salt: bytes | None = None) -> dict[str, str]:
    """A salted PBKDF2-SHA256 record of ``password``."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
    return {"salt": salt.hex(), "hash": digest.hex(), "iterations": str(ITERATIONS)}


def verify_password(password: str, record: dict[str, Any]) -> bool:
    """Whether ``password`` matches ``record`` (constant-time comparison)."""
    try:
        salt = bytes.fromhex(str(record["salt"]))
        iterations = int(record.get("iterations", ITERATIONS))
        expected = bytes.fromhex(str(record["hash"]))
    except (KeyError, ValueError, TypeError):
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def roster_path(state: Path) -> Path:
    return state / "roster.json"


def load_roster(state: Path) -> dict[str, dict[str, Any]]:
    """Name -> {"role": "trainee"|"trainer", "salt", "hash", ...}; empty when there is none yet."""
    try:
        data = json.loads(roster_path(state).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise WorkshopError(f"The roster {roster_path(state)} cannot be read ({exc}).") from None
    users = data.get("users", {}) if isinstance(data, dict) else {}
    return {k: v for k, v in users.items() if isinstance(k, str) and isinstance(v, dict)}


def save_roster(state: Path, users: dict[str, dict[str, Any]]) -> None:
    """Write the roster atomically, readable by root only."""
    state.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".roster.", dir=state)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            json.dump({"users": users}, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, roster_path(state))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _roster_locked(state: Path) -> Iterator[dict[str, dict[str, Any]]]:
    import fcntl

    state.mkdir(parents=True, exist_ok=True)
    with open(state / ".roster.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        users = load_roster(state)
        yield users
        save_roster(state, users)


# --------------------------------------------------------------------------- accounts


def _run(command: list[str]) -> None:
    result = subprocess.run(command, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise WorkshopError(f"{' '.join(command)} failed: {(result.stderr or result.stdout).strip()}")


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def _account(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def workshop_role(name: str) -> str | None:
    """'trainee' or 'trainer' when ``name`` is a Linux account made for the workshop, else None."""
    account = _account(name)
    if account is None:
        return None
    for role, group in (("trainer", TRAINERS), ("trainee", TRAINEES)):
        try:
            entry = grp.getgrnam(group)
        except KeyError:
            continue
        if name in entry.gr_mem or account.pw_gid == entry.gr_gid:
            return role
    return None


def setup(state: Path, exchange: Path | None = None) -> Path:
    """Create the groups, the state folder (0700) and the exchange folder (root:trainers, 3773)."""
    for group in (TRAINEES, TRAINERS):
        if not _group_exists(group):
            _run(["groupadd", "--system", group])
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o711)  # the exchange folder may live inside: others may pass through, not list
    folder = exchange if exchange is not None else exchange_path(state)
    folder.mkdir(parents=True, exist_ok=True)
    os.chown(folder, 0, grp.getgrnam(TRAINERS).gr_gid)
    folder.chmod(EXCHANGE_MODE)
    return folder


def invite(state: Path, names: list[str], *, trainer: bool = False, accounts: bool = True) -> dict[str, str]:
    """Create an account (private home) and a password for each name; returns name -> password.

    An existing account is accepted only if it was made for the workshop (then it gets a new
    password); any other account (``root``, a colleague's) is refused. ``accounts=False`` only
    writes the roster (Kubernetes: each trainee gets a pod, not a Linux account on the hub).
    """
    checked = [check_name(name) for name in names]
    role, group = ("trainer", TRAINERS) if trainer else ("trainee", TRAINEES)
    if not accounts:
        made = {name: new_password() for name in checked}
        with _roster_locked(state) as users:
            for name, password in made.items():
                users[name] = {"role": role, **hash_password(password)}
        return made
    if not _group_exists(group):
        raise WorkshopError(f"Run 'workshop.py setup' first: the group {group} does not exist.")
    for name in checked:
        if _account(name) is not None and workshop_role(name) is None:
            raise WorkshopError(
                f"{name!r} is an existing account on this machine that was not made for the workshop; "
                "choose another name."
            )
    passwords: dict[str, str] = {}
    with _roster_locked(state) as users:
        for name in checked:
            if _account(name) is None:
                _run(
                    [
                        "useradd",
                        "--create-home",
                        "--shell",
                        "/bin/bash",
                        "--gid",
                        group,
                        "--comment",
                        f"kamcourse {role}",
                        name,
                    ]
                )
            account = pwd.getpwnam(name)
            os.chmod(account.pw_dir, 0o700)  # Debian makes homes 0755: others could read the notebooks
            (Path(account.pw_dir) / "work").mkdir(mode=0o700, exist_ok=True)
            os.chown(Path(account.pw_dir) / "work", account.pw_uid, account.pw_gid)
            password = new_password()
            users[name] = {"role": role, **hash_password(password)}
            passwords[name] = password
    return passwords


def remove(state: Path, names: list[str]) -> list[str]:
    """Remove workshop accounts with their homes, their hand-ins and their roster entries."""
    removed = []
    exchange = exchange_path(state)
    for name in [check_name(n) for n in names]:
        account = _account(name)
        if account is not None:
            if workshop_role(name) is None:
                raise WorkshopError(f"{name!r} is not a workshop account; it was left alone.")
            if exchange.is_dir():
                for entry in os.scandir(exchange):
                    with contextlib.suppress(OSError):
                        if (
                            entry.is_file(follow_symlinks=False)
                            and entry.stat(follow_symlinks=False).st_uid == account.pw_uid
                        ):
                            os.unlink(entry.path)
            _run(["userdel", "--remove", name])
        removed.append(name)
    with _roster_locked(state) as users:
        for name in removed:
            users.pop(name, None)
    return removed


def archive(state: Path, target: Path) -> Path:
    """Write ``<target>/workshop-<time>.tar.gz``: the hand-ins and every invited person's ``~/work``."""
    target.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = target / f"workshop-{stamp}.tar.gz"
    exchange = exchange_path(state)
    with tarfile.open(path, "w:gz") as tar:
        if exchange.is_dir():
            tar.add(exchange, arcname="exchange")
        for name in sorted(load_roster(state)):
            account = _account(name)
            if account is not None and (Path(account.pw_dir) / "work").is_dir():
                tar.add(Path(account.pw_dir) / "work", arcname=f"work/{name}")
    path.chmod(0o600)
    return path


# --------------------------------------------------------------------------- the hub's login

try:  # only inside the hub's environment
    from jupyterhub.auth import Authenticator
    from traitlets import Unicode
except ImportError:  # pragma: no cover - the command line works without JupyterHub
    Authenticator = object  # type: ignore[assignment,misc,unused-ignore]
    Unicode = None  # type: ignore[assignment,misc,unused-ignore]

if Unicode is not None:

    class RosterAuthenticator(Authenticator):  # type: ignore[misc,valid-type,unused-ignore]
        """Log in with one's own name and password from the workshop roster; trainers are admins."""

        state_dir = Unicode(str(DEFAULT_STATE), config=True, help="Folder holding roster.json")

        async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
            name = self.normalize_username(str(data.get("username", "")))
            record = load_roster(Path(self.state_dir)).get(name)
            if record is None or not NAME.fullmatch(name) or not verify_password(str(data.get("password", "")), record):
                self.log.warning("Failed login for %r", name)
                return None
            return {"name": name, "admin": record.get("role") == "trainer"}

        def check_allowed(self, username: str, authentication: dict[str, Any] | None = None) -> bool:
            return username in load_roster(Path(self.state_dir))


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workshop.py", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE, help="the hub's state folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="create the groups, state and exchange folders")
    p_invite = sub.add_parser("invite", help="create accounts and print their passwords")
    p_invite.add_argument("names", nargs="*")
    p_invite.add_argument("--trainer", action="append", default=[], help="invite this name as a trainer (admin)")
    p_invite.add_argument("--from-file", type=Path, help="one name a line")
    p_invite.add_argument(
        "--roster-only", action="store_true", help="no Linux accounts, only names and passwords (the hub on Kubernetes)"
    )
    sub.add_parser("list", help="who is invited")
    p_remove = sub.add_parser("remove", help="remove accounts, homes and hand-ins")
    p_remove.add_argument("names", nargs="+")
    p_collect = sub.add_parser("collect", help="copy every sound hand-in into a folder")
    p_collect.add_argument("--to", type=Path, required=True)
    p_reset = sub.add_parser("reset", help="archive hand-ins and work, then remove every trainee")
    p_reset.add_argument("--archive", type=Path, required=True)
    args = parser.parse_args(argv)
    if os.geteuid() != 0 and args.command != "list" and not getattr(args, "roster_only", False):
        print("workshop.py must run as root (it creates accounts and folders).", file=sys.stderr)
        return 2
    try:
        if args.command == "setup":
            print(f"exchange folder: {setup(args.state)}")
        elif args.command == "invite":
            names = list(args.names)
            if args.from_file:
                names += [
                    line.strip() for line in args.from_file.read_text(encoding="utf-8").splitlines() if line.strip()
                ]
            made = {
                **invite(args.state, names, accounts=not args.roster_only),
                **invite(args.state, args.trainer, trainer=True, accounts=not args.roster_only),
            }
            for name, password in made.items():
                print(f"{name}\t{password}")
        elif args.command == "list":
            for name, record in sorted(load_roster(args.state).items()):
                print(f"{name}\t{record.get('role')}")
        elif args.command == "remove":
            print("removed: " + ", ".join(remove(args.state, args.names)))
        elif args.command == "collect":
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
            from kamcourse.exchange import collect

            found = collect(exchange_path(args.state), trust="owner", copy_to=args.to)
            print(f"{len(found)} hand-ins copied to {args.to}: {', '.join(found.submitters) or 'none'}")
            for problem in found.problems:
                print(f"  skipped {problem}")
        elif args.command == "reset":
            path = archive(args.state, args.archive)
            print(f"archived to {path}")
            trainees = [n for n, r in load_roster(args.state).items() if r.get("role") == "trainee"]
            print("removed: " + ", ".join(remove(args.state, trainees)))
    except WorkshopError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
