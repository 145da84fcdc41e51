"""The trainer's workshop commands (deploy/workshop.py) that need no hub: names, passwords, roster."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import workshop


@pytest.mark.parametrize("name", ["alice", "group-3", "g_1", "a" * 32])
def test_workshop_names_that_can_be_accounts(name: str) -> None:
    assert workshop.check_name(name) == name


@pytest.mark.parametrize(
    "name", ["alice smith", "..", "../etc", "Alice", "3group", "-rf", "a" * 33, "", "zoë", "a.b", None]
)
def test_workshop_names_that_cannot_be_accounts(name: object) -> None:
    with pytest.raises(workshop.WorkshopError, match="cannot be a workshop account"):
        workshop.check_name(name)


def test_passwords_are_random_readable_and_only_their_hash_is_kept(tmp_path: Path) -> None:
    first, second = workshop.new_password(), workshop.new_password()
    assert first != second and len(first) == 14 and set(first) <= set(workshop.ALPHABET + "-")
    record = workshop.hash_password(first)
    assert first not in str(record)
    assert workshop.verify_password(first, record)
    assert not workshop.verify_password(second, record)
    assert not workshop.verify_password(first, {"salt": "zz", "hash": "00"})
    workshop.save_roster(tmp_path, {"alice": {"role": "trainee", **record}})
    assert stat.S_IMODE((tmp_path / "roster.json").stat().st_mode) == 0o600
    assert workshop.verify_password(first, workshop.load_roster(tmp_path)["alice"])


def test_a_damaged_roster_is_reported(tmp_path: Path) -> None:
    (tmp_path / "roster.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(workshop.WorkshopError, match="cannot be read"):
        workshop.load_roster(tmp_path)
    assert workshop.load_roster(tmp_path / "none") == {}


def test_existing_system_accounts_are_not_workshop_accounts() -> None:
    assert workshop.workshop_role("root") is None
    assert workshop.workshop_role("no-such-user-kam") is None
