"""One word, one meaning: "KAM" is the discipline, the key account manager is the person.

Every lesson, solution and content file (strings, exercises, cases) is read; a use of "KAM" for a
person -- "the KAM", "each KAM", "KAMs", "the KAM's", "key account manager (KAM)" -- fails, naming
the file, the line and the words. "KAM" as the discipline ("a KAM programme", "in KAM", "KAM is",
"Basic KAM") passes.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Nouns after "the KAM" / "a KAM" that make it the discipline used as an adjective.
_DISCIPLINE_NOUNS = (
    "programme",
    "programmes",
    "program",
    "programs",
    "team",
    "teams",
    "process",
    "processes",
    "approach",
    "discipline",
    "strategy",
    "strategies",
    "initiative",
    "implementation",
    "journey",
    "organisation",
    "organization",
    "structure",
    "culture",
    "model",
    "models",
    "practice",
    "practices",
    "research",
    "relationship",
    "relationships",
    "stage",
    "stages",
    "literature",
    "book",
    "books",
    "course",
    "function",
    "system",
    "systems",
    "framework",
    "policy",
    "unit",
    "department",
    "club",
    "diploma",
    "concept",
    "symposium",
)
_DETERMINERS = (
    "the",
    "a",
    "an",
    "each",
    "every",
    "our",
    "your",
    "their",
    "his",
    "her",
    "this",
    "that",
    "one",
    "any",
    "no",
    "new",
    "senior",
    "experienced",
    "good",
    "successful",
    "global",
)
PERSON = re.compile(
    r"\bKAMs\b"  # plural: people
    r"|\bmanagers?\s*\(KAMs?\)"  # "key account manager (KAM)"
    r"|\b(?:" + "|".join(_DETERMINERS) + r")\s+KAM\b(?![-\u2011]|\s+(?:" + "|".join(_DISCIPLINE_NOUNS) + r")\b)",
    re.IGNORECASE,
)


def person_uses(text: str) -> list[str]:
    """The places in ``text`` where "KAM" names a person (empty when there are none)."""
    found = []
    for match in PERSON.finditer(text):
        if "KAM" not in match.group(0):  # the abbreviation itself is upper case; "kam." is the package
            continue
        found.append(match.group(0))
    return found


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The KAM keeps the database up to date.", ["The KAM"]),
        ("Each KAM adapts the template.", ["Each KAM"]),
        ("the tools every KAM uses", ["every KAM"]),
        ("how far KAMs must conform", ["KAMs"]),
        ("It is the KAM's mission.", ["the KAM"]),
        ("KAM's reach goes beyond sales.", []),
        ("the key account manager (KAM) leads", ["manager (KAM)"]),
        ("coordinated by the KAM and the buyer", ["the KAM"]),
        ("a KAM", ["a KAM"]),
        ("Key Account Management (KAM) is a discipline.", []),
        ("We run a KAM programme; the KAM team meets.", []),
        ("In KAM, plans run three years. KAM is supplier-led.", []),
        ("Basic KAM, Pre-KAM and synergistic-KAM", []),
        ("the KAM-like habits", []),
        ("import kamcourse as kam; kam.check('x')", []),
        ("the key account manager", []),
    ],
)
def test_the_detector_flags_people_and_spares_the_discipline(text: str, flagged: list[str]) -> None:
    assert person_uses(text) == flagged


def _files() -> list[Path]:
    notebooks = [p for d in ("notebooks", "solutions") for p in sorted((ROOT / d).glob("*.ipynb"))]
    content = sorted(
        p for p in (ROOT / "kamcourse" / "content").rglob("*") if p.suffix in (".yaml", ".yml", ".csv", ".json", ".md")
    )
    return notebooks + content


def _lines(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every line a learner may read: cells of a notebook, lines of a file."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [
            (f"cell {i} line {j}", line)
            for i, cell in enumerate(nb.cells)
            for j, line in enumerate(cell.source.splitlines(), start=1)
        ]
    text = path.read_text(encoding="utf-8", errors="replace")  # an example CSV is in Windows-1252
    return [(f"line {j}", line) for j, line in enumerate(text.splitlines(), start=1)]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_kam_is_never_a_person(path: Path) -> None:
    found = [
        f"{where}: {words!r} in {line.strip()[:120]!r}" for where, line in _lines(path) for words in person_uses(line)
    ]
    assert not found, (
        f"{path.relative_to(ROOT)} uses 'KAM' for a person (write 'key account manager'):\n  " + "\n  ".join(found)
    )
