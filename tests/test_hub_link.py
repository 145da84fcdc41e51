"""The workshop hub's nbgitpuller link (kamcourse.hub): built from repository, branch and page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from kamcourse.errors import InputError
from kamcourse.hub import link, main, pull_path


def test_link_points_the_hub_at_nbgitpuller_with_every_part_encoded() -> None:
    url = link("https://hub.example.org/", "https://github.com/org/kamcourse", "workshop-2026-11")
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "hub.example.org"
    assert parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query == {
        "repo": ["https://github.com/org/kamcourse"],
        "branch": ["workshop-2026-11"],
        "targetpath": ["kamcourse"],
        "urlpath": ["lab/tree/kamcourse/notebooks/00_start_here.ipynb"],
    }


def test_pull_path_for_a_local_repository_and_another_page() -> None:
    path = pull_path(
        "/srv/course/kamcourse.git", "main", target="course", open_path="notebooks/03_selecting_key_accounts.ipynb"
    )
    query = parse_qs(urlsplit(path).query)
    assert path.startswith("git-pull?")
    assert query["repo"] == ["/srv/course/kamcourse.git"]
    assert query["urlpath"] == ["lab/tree/course/notebooks/03_selecting_key_accounts.ipynb"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"repo": "kamcourse"}, "repository must be a web address"),
        ({"repo": "https://"}, "repository must be a web address"),
        ({"repo": "https://github.com/org/kam course"}, "repository must be a web address"),
        ({"repo": None}, "repository must be a web address"),
        ({"branch": "../main"}, "branch must be a git branch name"),
        ({"branch": "my branch"}, "branch must be a git branch name"),
        ({"branch": "main.lock"}, "branch must be a git branch name"),
        ({"branch": ""}, "branch must be a git branch name"),
        ({"target": "../etc"}, "folder the course goes into"),
        ({"target": "a/b"}, "folder the course goes into"),
        ({"open_path": "../../etc/passwd"}, "page to open must be a path inside the course"),
        ({"open_path": ""}, "page to open"),
        ({"hub": "hub.example.org"}, "hub's address must be a web address"),
        ({"hub": "https://hub.example.org/?x=1"}, "hub's address must be a web address"),
        ({"hub": 42}, "hub's address must be a web address"),
    ],
)
def test_bad_parts_are_refused_with_a_message(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "hub": "https://hub.example.org",
        "repo": "https://github.com/org/kamcourse",
        "branch": "main",
        **kwargs,
    }
    with pytest.raises(InputError, match=message):
        link(**args)  # type: ignore[arg-type]


def test_command_line_prints_the_link_or_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["link", "--hub", "https://hub.example.org", "--repo", "https://github.com/org/kamcourse", "--branch", "w1"]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=")
    assert main(["link", "--hub", "https://hub.example.org", "--repo", "x", "--branch", "w1"]) == 2
    assert "repository must be a web address" in capsys.readouterr().err


def test_command_line_prints_the_default_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "--repo", "https://github.com/org/kamcourse", "--branch", "w1"]) == 0
    assert capsys.readouterr().out.strip() == "/" + pull_path("https://github.com/org/kamcourse", "w1")
