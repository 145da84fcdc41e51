"""The import contract: the core never depends on the UI layer (`make contract`).

The core is every module of ``kamcourse/`` (``kamcourse/<topic>.py`` and the topic packages
``kamcourse/<topic>/``, checkers included) but the UI layer and the tools that drive it:

* ``kamcourse/widgets/`` and ``kamcourse/plots/`` (the UI layer);
* ``kamcourse/testing.py`` (drives widgets for tests and notebook cells);
* ``kamcourse/__init__.py``, the package's front door (its lazy ``__getattr__`` hands out
  ``kam.widgets`` and ``kam.plots``).

The core never imports ``ipywidgets``, ``matplotlib``, ``IPython``, ``kamcourse.widgets``,
``kamcourse.plots`` or ``kamcourse.testing`` - not at the top, not inside a function (a lazy
import is still a dependency), not through ``importlib.import_module``, not as an attribute of
``import kamcourse``. It is read from the source with :mod:`ast`, walking the package, so new,
renamed and split modules are covered without a change here; and checked again by importing
the whole core in a fresh interpreter. The tests at the end show that the checker fails on a
made-up package holding each kind of violation.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kamcourse"

#: What the core may not depend on (a module or any of its submodules).
FORBIDDEN = ("ipywidgets", "matplotlib", "IPython", "kamcourse.widgets", "kamcourse.plots", "kamcourse.testing")
#: The UI layer and the tools that drive it: may import anything ("kamcourse" is the front door only).
NOT_CORE = ("kamcourse", "kamcourse.widgets", "kamcourse.plots", "kamcourse.testing")

#: Known violations, each to be removed when it is fixed (the test fails on a stale entry, so this
#: list only shrinks). Module -> the forbidden modules it imports.
KNOWN_VIOLATIONS: dict[str, set[str]] = {
    # chart_images() draws the plan's charts for the Word/HTML export: a lazy import of plots.
    # To go: the export takes the images (or a drawing function) from its caller (issue 10c).
    "kamcourse.planning.export": {"kamcourse.plots", "kamcourse.plots.planning"},
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_core(module: str) -> bool:
    if module == "kamcourse":
        return False
    return not any(module == n or module.startswith(n + ".") for n in NOT_CORE if n != "kamcourse")


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def imported_modules(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module the file at ``path`` (module ``module``) imports, anywhere in it: (line, absolute name).

    ``from .plots import x`` gives ``kamcourse.plots`` and ``kamcourse.plots.x``;
    ``importlib.import_module("kamcourse.widgets")`` and ``__import__("matplotlib")`` with a
    literal name count too, and so does ``kamcourse.widgets`` used as an attribute of the
    imported package (its lazy ``__getattr__`` imports it)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package_aliases: set[str] = set()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name))
                if alias.name == "kamcourse":
                    package_aliases.add(alias.asname or "kamcourse")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.append((node.lineno, source))
            found += [(node.lineno, f"{source}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                target = node.args[0].value
                found.append((node.lineno, f"{package}{target}" if target.startswith(".") else target))
    for node in ast.walk(tree):  # kam.widgets, kamcourse.plots: the package's lazy attributes
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in package_aliases:
            found.append((node.lineno, f"kamcourse.{node.attr}"))
    return found


def violations(package: Path = PACKAGE) -> dict[str, dict[str, list[int]]]:
    """Core module -> {forbidden module it imports: lines}, for the package at ``package``."""
    out: dict[str, dict[str, list[int]]] = {}
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package.parent)
        if not is_core(module):
            continue
        for line, name in imported_modules(path, module):
            if forbidden(name):
                out.setdefault(module, {}).setdefault(name, []).append(line)
    return out


def test_the_core_never_imports_the_ui_layer() -> None:
    found = violations()
    new = {
        m: {n: lines for n, lines in names.items() if n not in KNOWN_VIOLATIONS.get(m, set())}
        for m, names in found.items()
    }
    new = {m: names for m, names in new.items() if names}
    assert not new, "core modules import the UI layer (module: {imported name: lines}): " + repr(new)
    stale = {m: sorted(names - set(found.get(m, {}))) for m, names in KNOWN_VIOLATIONS.items()}
    stale = {m: names for m, names in stale.items() if names}
    assert not stale, f"fixed - remove from KNOWN_VIOLATIONS in {__file__}: {stale}"


def test_importing_the_whole_core_loads_no_ui_library() -> None:
    """Every core module imported in one fresh interpreter: none of the UI libraries is loaded."""
    core = sorted(m for p in PACKAGE.rglob("*.py") if is_core(m := module_name(p)))
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})))\n"
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", f"importing the core loaded: {result.stdout.strip()}"


# --------------------------------------------------------------------------- the checker fails when it should
def test_the_reader_sees_lazy_relative_and_dynamic_imports(tmp_path: Path) -> None:
    fake = tmp_path / "probe.py"
    fake.write_text(
        "import json\n"
        "def chart():\n"
        "    from .plots import planning\n"
        "    import matplotlib.pyplot as plt\n"
        "def widget():\n"
        "    import importlib\n"
        "    return importlib.import_module('kamcourse.widgets')\n"
        "def facade():\n"
        "    import kamcourse as kam\n"
        "    return kam.testing\n",
        encoding="utf-8",
    )
    names = {n for _, n in imported_modules(fake, "kamcourse.probe") if forbidden(n)}
    assert names == {
        "kamcourse.plots",
        "kamcourse.plots.planning",
        "matplotlib.pyplot",
        "kamcourse.widgets",
        "kamcourse.testing",
    }


def test_a_made_up_package_with_violations_fails_the_contract(tmp_path: Path) -> None:
    """A package laid out like ours: a core module, a core topic package and the UI layer."""
    package = tmp_path / "kamcourse"
    for folder in ("", "planning", "widgets", "plots"):
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "selection.py").write_text("import ipywidgets as W\n", encoding="utf-8")
    (package / "planning" / "parts.py").write_text(
        "def f():\n    from IPython.display import display\n", encoding="utf-8"
    )
    (package / "planning" / "model.py").write_text("from ..widgets import planning\n", encoding="utf-8")
    (package / "widgets" / "selection.py").write_text("import ipywidgets\nimport matplotlib\n", encoding="utf-8")
    (package / "plots" / "selection.py").write_text("import matplotlib.pyplot\n", encoding="utf-8")
    assert violations(package) == {
        "kamcourse.selection": {"ipywidgets": [1]},
        "kamcourse.planning.parts": {"IPython.display": [2], "IPython.display.display": [2]},
        "kamcourse.planning.model": {"kamcourse.widgets": [1], "kamcourse.widgets.planning": [1]},
    }
