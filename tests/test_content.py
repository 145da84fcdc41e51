from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamcourse import content
from kamcourse.errors import ContentError, InputError


def test_content_error_is_an_input_error_and_a_value_error() -> None:
    assert issubclass(ContentError, InputError)
    assert issubclass(InputError, ValueError)


def test_load_reads_yaml_and_json(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"y": [1, 2]}', encoding="utf-8")
    assert content.load("a", base=tmp_path) == {"x": 1}
    assert content.load("b", base=tmp_path) == {"y": [1, 2]}


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"'nothere'.*not found"):
        content.load("nothere", base=tmp_path)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("x: [1, 2\n", r"bad\.yaml is not valid YAML at line \d+"),
        ("", r"bad\.yaml is empty"),
        ("key: value\n  other: : :\n", r"bad\.yaml is not valid YAML"),
    ],
)
def test_malformed_yaml_is_reported_with_file_and_line(tmp_path: Path, text: str, pattern: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=pattern):
        content.load("bad", base=tmp_path)


def test_malformed_json_and_non_utf8(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"a": }', encoding="utf-8")
    with pytest.raises(ContentError, match=r"bad\.json is not valid JSON: .* line 1"):
        content.load("bad", base=tmp_path)
    (tmp_path / "latin.yaml").write_bytes("nom: \xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(ContentError, match=r"latin\.yaml is not UTF-8"):
        content.load("latin", base=tmp_path)


def test_load_sees_edits_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("v: 1\n", encoding="utf-8")
    assert content.load("c", base=tmp_path) == {"v": 1}
    path.write_text("v: 22\n", encoding="utf-8")
    assert content.load("c", base=tmp_path) == {"v": 22}


def test_load_table(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("\ufeffa,b\n1,2\n", encoding="utf-8")
    frame = content.load_table("t", base=tmp_path)
    assert list(frame.columns) == ["a", "b"] and frame.iloc[0].tolist() == [1, 2]
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(ContentError, match=r"empty\.csv is empty"):
        content.load_table("empty", base=tmp_path)
    (tmp_path / "head.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"head\.csv has a header but no rows"):
        content.load_table("head", base=tmp_path)


def test_strings_format_and_fail_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "ABC" in content.t("checks.not_answered", title="ABC")
    with pytest.raises(ContentError, match="needs a value for 'title'"):
        content.t("checks.not_answered")
    with pytest.raises(ContentError, match="'nope' not found in strings/checks.en.yaml"):
        content.t("checks.nope")
    with pytest.raises(ContentError, match="must look like 'namespace.name'"):
        content.t("nonamespace")


def test_other_language_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMCOURSE_LANG", "fr")
    assert content.language() == "fr"
    assert content.t("checks.label_correct") == "Correct"


def test_every_string_file_is_a_flat_mapping_of_texts() -> None:
    for path in sorted((content.CONTENT_DIR / "strings").glob("*.en.yaml")):
        data = content.load(f"strings/{path.name}")
        assert isinstance(data, dict), path.name
        for key, value in data.items():
            assert isinstance(key, str) and isinstance(value, str) and value.strip(), (path.name, key)


def _choice_exercises() -> list[str]:
    from kamcourse import checks

    groups = sorted(p.stem for p in (Path(content.__file__).parent / "content" / "exercises").glob("*.yaml"))
    return [e.id for g in groups for e in checks.exercises(g) if e.kind == "generic.choice"]


@pytest.mark.parametrize("exercise_id", _choice_exercises())
def test_choice_feedback_never_repeats_or_contradicts_its_label(tmp_path: Path, exercise_id: str) -> None:
    """The label says whether the answer is right ("Correct: ...", "Not yet: ..."), so no option's
    explanation opens with a verdict of its own ("Correct: Right. ...", "Not yet: Wrong, ...")."""
    from kamcourse import checks
    from kamcourse.workbook import Workbook

    verdict = re.compile(
        r"^(Correct|Partly right|Not yet): (Right|Correct|Wrong|Yes|Exactly|True|False|Incorrect|"
        r"Not quite|Not right|Indeed|Well done)\b",
        re.IGNORECASE,
    )
    key = checks.exercise(exercise_id).key
    for option in key["options"]:
        book = Workbook(tmp_path / f"{option['id']}.json")
        first = checks.check(exercise_id, option["id"], workbook=book)
        second = checks.check(exercise_id, option["id"], workbook=book)  # a wrong one now reveals the right one
        for feedback in (first, second):
            assert not verdict.search(feedback.text()), feedback.text()
            assert not re.search(r'": (Right|Correct|Yes|Exactly)\b', feedback.message), feedback.message  # reveal
        assert first.correct == (option["id"] == key["answer"])
