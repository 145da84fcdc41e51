"""The workshop hub's link: one click clones the course into a trainee's home, or updates it.

Used by the workshop hub (``deploy/``): the link a trainer hands out.

JupyterHub with nbgitpuller (``deploy/README.md``) brings the course to each trainee through a
link of the form ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&targetpath=...&urlpath=...``.
On the first click nbgitpuller clones the repository into ``~/<targetpath>``; on a later click
it fetches the new commits and merges them, keeping what the trainee changed (their version of
a file wins) and bringing back files they deleted. Then it opens ``urlpath``.

* :func:`pull_path` -- the part after the hub (also the hub's ``default_url``, so that logging
  in pulls the course and opens its start page);
* :func:`link` -- the whole link to hand out;
* ``python -m kamcourse.hub link --hub https://hub.example.org --repo URL --branch B`` prints it;
  ``python -m kamcourse.hub path --repo URL --branch B`` prints the hub's ``default_url``.

Install the course package on the hub from the same commit the branch points to
(``deploy/hub_env.py --commit B``): nbgitpuller updates notebooks, not installed code.
"""

from __future__ import annotations

import argparse
import re
import sys
from urllib.parse import quote, urlencode, urlsplit

from .content import t
from .errors import InputError

__all__ = ["DEFAULT_OPEN", "DEFAULT_TARGET", "link", "main", "pull_path"]

#: Where the course lands in each home, and the page opened after a pull.
DEFAULT_TARGET = "kamcourse"
DEFAULT_OPEN = "notebooks/00_start_here.ipynb"

_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_PATH_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9 ._()-]{0,99}")


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_repo(repo: object) -> str:
    if not isinstance(repo, str) or not repo.strip() or any(c.isspace() or ord(c) < 32 for c in repo.strip()):
        raise InputError(t("hub.bad_repo", value=_short(repo)))
    text = repo.strip()
    parts = urlsplit(text)
    if parts.scheme in ("https", "http", "git", "ssh"):
        if not parts.netloc:
            raise InputError(t("hub.bad_repo", value=_short(repo)))
    elif parts.scheme == "file" or text.startswith("/"):
        pass  # a repository on the hub's own disk (an offline workshop, the tests)
    else:
        raise InputError(t("hub.bad_repo", value=_short(repo)))
    return text


def _check_branch(branch: object) -> str:
    if (
        not isinstance(branch, str)
        or not _BRANCH.fullmatch(branch.strip())
        or ".." in branch
        or branch.strip().endswith((".lock", "/", "."))
        or "//" in branch
    ):
        raise InputError(t("hub.bad_branch", value=_short(branch)))
    return branch.strip()


def _check_target(target: object) -> str:
    if not isinstance(target, str) or not _FOLDER.fullmatch(target.strip()) or ".." in target:
        raise InputError(t("hub.bad_target", value=_short(target)))
    return target.strip()


def _check_open(path: object) -> str:
    if not isinstance(path, str) or not path.strip():
        raise InputError(t("hub.bad_open", value=_short(path)))
    parts = path.strip().strip("/").split("/")
    if not all(_PATH_PART.fullmatch(part) and part not in (".", "..") for part in parts):
        raise InputError(t("hub.bad_open", value=_short(path)))
    return "/".join(parts)


def _check_hub(hub: object) -> str:
    if not isinstance(hub, str):
        raise InputError(t("hub.bad_hub", value=_short(hub)))
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(t("hub.bad_hub", value=_short(hub)))
    return hub.strip().rstrip("/")


def pull_path(
    repo: str,
    branch: str = "main",
    *,
    target: str = DEFAULT_TARGET,
    open_path: str = DEFAULT_OPEN,
    app: str = "lab",
) -> str:
    """``git-pull?repo=...`` for the trainee's own server: clone or update ``repo``, then open a page.

    ``target`` is the folder in the trainee's home; ``open_path`` a file inside the course,
    opened in JupyterLab (``app="lab"``). Raises InputError for a repository that is not a
    URL or an absolute path, a bad branch name, or a target or page that is not a plain
    relative name (no ``..``).
    """
    if app not in ("lab", "tree"):
        raise InputError(t("hub.bad_app", value=_short(app)))
    query = {
        "repo": _check_repo(repo),
        "branch": _check_branch(branch),
        "targetpath": _check_target(target),
        "urlpath": f"{app}/tree/{_check_target(target)}/{_check_open(open_path)}",
    }
    return "git-pull?" + urlencode(query, quote_via=quote, safe="/")


def link(
    hub: str,
    repo: str,
    branch: str = "main",
    *,
    target: str = DEFAULT_TARGET,
    open_path: str = DEFAULT_OPEN,
) -> str:
    """The link to hand out: ``<hub>/hub/user-redirect/git-pull?...`` (see :func:`pull_path`)."""
    return f"{_check_hub(hub)}/hub/user-redirect/{pull_path(repo, branch, target=target, open_path=open_path)}"


def main(argv: list[str] | None = None) -> int:
    """``python -m kamcourse.hub link --hub URL --repo URL [--branch B]``: print the nbgitpuller link."""
    parser = argparse.ArgumentParser(prog="python -m kamcourse.hub", description=t("hub.cli_description"))
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("link", help=t("hub.cli_link_help"))
    make.add_argument("--hub", required=True, help=t("hub.cli_hub_help"))
    make.add_argument("--repo", required=True, help=t("hub.cli_repo_help"))
    make.add_argument("--branch", default="main", help=t("hub.cli_branch_help"))
    make.add_argument("--target", default=DEFAULT_TARGET, help=t("hub.cli_target_help"))
    make.add_argument("--open", dest="open_path", default=DEFAULT_OPEN, help=t("hub.cli_open_help"))
    path = sub.add_parser("path", help=t("hub.cli_path_help"))
    path.add_argument("--repo", required=True, help=t("hub.cli_repo_help"))
    path.add_argument("--branch", default="main", help=t("hub.cli_branch_help"))
    path.add_argument("--target", default=DEFAULT_TARGET, help=t("hub.cli_target_help"))
    path.add_argument("--open", dest="open_path", default=DEFAULT_OPEN, help=t("hub.cli_open_help"))
    args = parser.parse_args(argv)
    try:
        if args.command == "path":
            print("/" + pull_path(args.repo, args.branch, target=args.target, open_path=args.open_path))
            return 0
        print(link(args.hub, args.repo, args.branch, target=args.target, open_path=args.open_path))
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
