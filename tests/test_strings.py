"""The string catalogue and the code agree (`make contract`).

Every user-visible string lives in ``kamcourse/content/strings/<namespace>.en.yaml`` and is read
with ``kamcourse.content.t("namespace.key", **values)``. Read from the source with :mod:`ast`
(walking the whole package, so renamed and split modules need no change here):

* every ``t("namespace.key")`` with a literal key names a key of the English catalogue, and the
  values it passes are exactly the placeholders of the text (``{name}``, ``{value!r}``,
  ``{total:g}``): a missing one fails at run time, an extra one is a text that lost a value;
* a key built at run time (``t(f"portfolio.category_{category}")``, ``t("a" if x else "b")``,
  ``t("rel.why_{}".format(kind))``) is read as a pattern that must match at least one key (its
  placeholders are not checked: which key, and so which values, depends on the run);
* no catalogue key is unused: each is named by a literal, matched by such a pattern, written as
  a string somewhere in the package's code, content or notebooks (a key kept in a table and
  passed on), or listed in :data:`DYNAMIC_PREFIXES` with the reason. :data:`KNOWN_UNUSED` lists
  the keys unused today, for their owners to delete; it only shrinks.

The tests at the end show each check failing on a made-up package and catalogue.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kamcourse"
STRINGS = PACKAGE / "content" / "strings"
#: Where else a key may be written as data (content files and the notebooks).
DATA_FILES = ("kamcourse/content/**/*.yaml", "notebooks/*.ipynb", "solutions/*.ipynb", "trainer/*.ipynb")

#: Keys the code reaches in ways the reader cannot follow (a key in a variable filled from
#: elsewhere); each prefix with the reason. Keep it short: a new entry needs a comment why.
DYNAMIC_PREFIXES: dict[str, str] = {}

#: Unused today (found by this test when it was written, issue 10): the branches that own these
#: catalogues delete the keys (kamcourse/content/strings/ is theirs). A key used again, or
#: deleted, must leave this list: the test fails on a stale entry.
KNOWN_UNUSED: set[str] = set()
#: Placeholder mismatches found when this test was written, for the owners to fix; only shrinks.
KNOWN_MISMATCHES: set[str] = set()


@dataclass
class Use:
    """One ``t(...)`` call: where, the key (``literal``) or its ``pattern``, the values it passes."""

    where: str
    literal: str | None
    pattern: re.Pattern[str] | None
    values: set[str] = field(default_factory=set)
    splat: bool = False  # passes **values: which ones is unknown


def catalogue(folder: Path = STRINGS) -> dict[str, str]:
    """Every English key, ``namespace.key`` -> text."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.en.yaml")):
        namespace = path.name.removesuffix(".en.yaml")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.update({f"{namespace}.{key}": str(text) for key, text in data.items()})
    return out


def placeholders(text: str) -> set[str]:
    """The named values a text needs: ``{name}``, ``{value!r}``, ``{total:g}``, ``{row[0]}`` -> its root."""
    names = set()
    for _, name, spec, _ in string.Formatter().parse(text):
        if name:
            names.add(re.split(r"[.\[]", name)[0])
        if spec:  # a nested field: {value:{width}}
            names |= placeholders(spec)
    return {n for n in names if n and not n.isdigit()}


def _patterns(node: ast.expr) -> list[str] | None:
    """Regular expressions for the keys an expression can give, or None when it cannot be read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [re.escape(node.value)]
    if isinstance(node, ast.IfExp):
        body, orelse = _patterns(node.body), _patterns(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values]
        return ["".join(parts)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _patterns(node.left), _patterns(node.right)
        if left is None and right is None:
            return None
        return [a + b for a in (left or [".+"]) for b in (right or [".+"])]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return [".+".join(re.escape(p) for p in re.split(r"\{[^}]*\}", node.func.value.value))]
    return None


def uses(package: Path = PACKAGE) -> Iterator[Use]:
    """Every ``t(...)`` call in the package."""
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            if not (
                (isinstance(func, ast.Name) and func.id == "t")
                or (isinstance(func, ast.Attribute) and func.attr == "t")
            ):
                continue
            where = f"{path.relative_to(package.parent)}:{node.lineno}"
            values = {k.arg for k in node.keywords if k.arg}
            splat = any(k.arg is None for k in node.keywords)
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield Use(where, key.value, None, values, splat)
            else:
                found = _patterns(key)
                pattern = re.compile("|".join(found)) if found else None
                yield Use(where, None, pattern, values, splat)


def written_strings(package: Path = PACKAGE, data_files: tuple[str, ...] = DATA_FILES) -> set[str]:
    """Every string constant of the package's code, and every word-with-dots of its data files."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    root = package.parent
    for pattern in data_files:
        for path in root.glob(pattern):
            if path.parent.name != "strings":
                found |= set(re.findall(r"[A-Za-z_]+\.[A-Za-z0-9_]+", path.read_text(encoding="utf-8")))
    return found


def problems(
    package: Path = PACKAGE,
    folder: Path = STRINGS,
    data_files: tuple[str, ...] = DATA_FILES,
    allowed: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """What is wrong, by kind: missing keys, placeholder mismatches, unused keys."""
    texts = catalogue(folder)
    allowed = DYNAMIC_PREFIXES if allowed is None else allowed
    out: dict[str, list[str]] = {"missing": [], "placeholders": [], "unused": []}
    used: set[str] = set()
    for use in uses(package):
        if use.literal is not None:
            if use.literal not in texts:
                out["missing"].append(f"{use.where}: {use.literal}")
                continue
            used.add(use.literal)
            need = placeholders(texts[use.literal])
            if not use.splat and need != use.values:
                out["placeholders"].append(
                    f"{use.where}: {use.literal} needs {sorted(need)}, gets {sorted(use.values)}"
                )
        elif use.pattern is not None:
            matched = [k for k in texts if use.pattern.fullmatch(k)]
            if not matched:
                out["missing"].append(f"{use.where}: no key matches {use.pattern.pattern}")
            used.update(matched)  # which values each of them needs depends on the run: not checked
    written = written_strings(package, data_files)
    for key in texts:
        if key in used or key in written or any(key.startswith(p) for p in allowed):
            continue
        out["unused"].append(key)
    return {kind: found for kind, found in out.items() if found}


def test_the_code_and_the_english_catalogue_agree() -> None:
    found = problems()
    unused = set(found.pop("unused", []))
    mismatched = {line.split(": ")[1].split()[0] for line in found.pop("placeholders", [])}
    assert found == {}
    assert mismatched - KNOWN_MISMATCHES == set(), problems()["placeholders"]
    assert KNOWN_MISMATCHES - mismatched == set(), f"fixed: remove from KNOWN_MISMATCHES in {__file__}"
    assert unused - KNOWN_UNUSED == set(), "catalogue keys nobody uses: delete them (or use them)"
    assert KNOWN_UNUSED - unused == set(), f"used again or deleted: remove from KNOWN_UNUSED in {__file__}"


def test_the_dynamic_prefixes_are_still_needed() -> None:
    """An allow-list entry whose keys are all used otherwise (or gone) is stale."""
    stale = [
        p
        for p in DYNAMIC_PREFIXES
        if not problems(allowed={k: v for k, v in DYNAMIC_PREFIXES.items() if k != p}).get("unused")
    ]
    assert not stale, f"remove from DYNAMIC_PREFIXES in {__file__}: {stale}"


# --------------------------------------------------------------------------- the checks fail when they should
def test_a_made_up_package_shows_each_kind_of_problem(tmp_path: Path) -> None:
    package = tmp_path / "kamcourse"
    (package / "content" / "strings").mkdir(parents=True)
    (package / "content" / "strings" / "demo.en.yaml").write_text(
        'hello: "Hello {name}"\n'
        'total: "Total {total:g} of {value!r}"\n'
        'kind_a: "A {n}"\n'
        'kind_b: "B"\n'
        'kept: "kept in a table"\n'
        'forgotten: "nobody reads me"\n',
        encoding="utf-8",
    )
    (package / "demo.py").write_text(
        "from .content import t\n"
        "TABLE = {'x': 'demo.kept'}\n"
        "def f(kind, name):\n"
        "    t('demo.hello', name=name)\n"  # fine
        "    t('demo.hello')\n"  # a value missing
        "    t('demo.total', total=1, extra=2)\n"  # {value} missing, extra given
        "    t('demo.nowhere')\n"  # no such key
        "    t(f'demo.kind_{kind}')\n"  # a pattern: kind_a and kind_b are used
        "    t(f'demo.gone_{kind}')\n"  # a pattern that matches no key
        "    t(TABLE[kind])\n",  # unreadable
        encoding="utf-8",
    )  #: demo.kept is used as a written string
    found = problems(package, package / "content" / "strings", data_files=(), allowed={})
    assert found == {
        "missing": ["kamcourse/demo.py:7: demo.nowhere", "kamcourse/demo.py:9: no key matches demo\\.gone_.+"],
        "placeholders": [
            "kamcourse/demo.py:5: demo.hello needs ['name'], gets []",
            "kamcourse/demo.py:6: demo.total needs ['total', 'value'], gets ['extra', 'total']",
        ],
        "unused": ["demo.forgotten"],
    }
    assert "unused" not in problems(
        package, package / "content" / "strings", data_files=(), allowed={"demo.forgotten": "reached through a table"}
    )


def test_placeholders_are_read_as_the_formatter_reads_them() -> None:
    assert placeholders("{a} {b!r} {c:g} {d[0]} {e.f} {{not}} {g:{width}}") == {"a", "b", "c", "d", "e", "g", "width"}
