"""The toolchain's configuration: one version, the agreed ruff and mypy settings, the stubs.

* **Version in one place**: ``kamcourse.__version__``; pyproject.toml takes it from there
  (setuptools' dynamic version), the installed metadata agrees and CHANGELOG.md names it.
* **ruff and mypy**: the configuration is the agreed one (the tools themselves run as
  ``make lint`` and ``make types``, and inside ``make test`` once the Makefile's ``STATIC``
  switch is 1); the ipywidgets stubs in ``typings/`` follow the real class hierarchy.
* The import contract is in tests/test_import_contract.py, the string catalogue test in
  tests/test_strings.py.
"""

from __future__ import annotations

import ast
import importlib.metadata
import tomllib
from pathlib import Path

import kamcourse

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kamcourse"


# --------------------------------------------------------------------------- version in one place
def test_the_version_lives_in_kamcourse_and_pyproject_takes_it_from_there() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"], "pyproject.toml must not repeat the version"
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kamcourse.__version__"}
    parts = kamcourse.__version__.split(".")
    assert len(parts) >= 3 and all(p.isdigit() for p in parts[:3]), kamcourse.__version__


def test_the_installed_metadata_carries_the_same_version() -> None:
    installed = importlib.metadata.version("kamcourse")
    assert installed == kamcourse.__version__, (
        f"installed metadata says {installed}, kamcourse/__init__.py says {kamcourse.__version__}: "
        "reinstall (rm .venv/.installed-stamp && make .venv/.installed-stamp)"
    )


def test_the_changelog_has_a_section_for_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {kamcourse.__version__}" in text, "CHANGELOG.md names the current version"


# --------------------------------------------------------------------------- ipywidgets stubs
def test_the_ipywidgets_stubs_follow_the_real_class_hierarchy() -> None:
    """typings/ipywidgets/__init__.pyi names classes for mypy; each stub class's public ancestors
    are its real ancestors in the installed ipywidgets, and none is missing."""
    import importlib
    import pkgutil

    import ipywidgets.widgets

    real_classes: dict[str, type] = {}
    for info in pkgutil.iter_modules(ipywidgets.widgets.__path__):
        found = importlib.import_module(f"ipywidgets.widgets.{info.name}")
        for key, value in vars(found).items():
            if isinstance(value, type):
                real_classes.setdefault(key, value)
    tree = ast.parse((ROOT / "typings" / "ipywidgets" / "__init__.pyi").read_text(encoding="utf-8"))
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    bases = {n.name: [b.id for b in n.bases if isinstance(b, ast.Name)] for n in classes}

    def ancestors(name: str) -> set[str]:
        out: set[str] = set()
        for base in bases[name]:
            out |= {base} | ancestors(base)
        return out

    for name in bases:
        if name.startswith("_"):
            continue
        real = real_classes[name]
        stubbed = {a for a in ancestors(name) if not a.startswith("_")}
        actual = {b for b in bases if not b.startswith("_") and b != name and issubclass(real, real_classes[b])}
        assert stubbed == actual, f"{name}: stub ancestors {sorted(stubbed)}, real {sorted(actual)}"


# --------------------------------------------------------------------------- ruff and mypy
def test_the_lint_configuration_is_the_agreed_one() -> None:
    """ruff with click's rule set at 120 columns, mypy --strict on kamcourse/ (overrides only for
    third-party packages without types)."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert tool["ruff"]["line-length"] == 120
    assert sorted(tool["ruff"]["lint"]["select"]) == ["B", "E", "F", "I", "UP", "W"]
    assert not tool["ruff"]["lint"].get("ignore"), "no rule is switched off for the whole repository"
    for path, rules in tool["ruff"]["lint"].get("per-file-ignores", {}).items():  # each with a comment why
        assert rules, path
    assert tool["mypy"]["strict"] is True and tool["mypy"]["files"] == ["kamcourse"]
    for override in tool["mypy"].get("overrides", []):
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        assert not any(m.split(".")[0] == "kamcourse" for m in modules), f"an override relaxes our own code: {override}"


# --------------------------------------------------------------------------- pre-commit
def test_the_pre_commit_hooks_are_the_agreed_ones() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"ruff", "ruff-format", "strip-outputs", "exercise-drift"}
    assert "kamcourse.build --check" in hooks["exercise-drift"]["entry"]


def test_the_output_stripping_hook_strips_and_says_so(tmp_path: Path) -> None:
    import subprocess
    import sys

    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    cell = nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["keep-me"]})
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
    cell.execution_count = 1
    nb.cells = [cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    tool = [sys.executable, str(ROOT / "tools" / "strip_outputs.py"), str(path)]
    assert subprocess.run(tool, capture_output=True).returncode == 1  # changed: pre-commit stops the commit
    stripped = nbformat.read(path, as_version=4)
    assert stripped.cells[0].outputs == [] and stripped.cells[0].execution_count is None
    assert stripped.cells[0].metadata["tags"] == ["keep-me"] and "widgets" not in stripped.metadata
    assert stripped.metadata["kernelspec"]["name"] == "python3"
    assert subprocess.run(tool, capture_output=True).returncode == 0  # nothing left to strip
