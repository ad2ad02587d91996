"""The layout holds: imports point one way (bot -> flows -> rules) with no circle, and the bot
imports from flows only the flow's API (flows.interview), read from every module's syntax tree
(deferred and typing-only imports included); the chart's fonts ship with
their licence as package data."""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("rules", "flows", "bot")  # each may import only the ones before it


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for layer in LAYERS for path in sorted((ROOT / layer).rglob("*.py"))}


def project_imports(module: str, path: Path, modules: set[str], source: str | None = None) -> set[str]:
    """The project's modules this module imports, relative imports made absolute: `from flows import
    summary` is flows.summary, `from flows import Reply` is flows (its __init__)."""
    tree = ast.parse(path.read_text() if source is None else source, str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules else base)
    return {name for name in names if name in modules} - {module}


def import_graph(overrides: dict[str, str] | None = None) -> dict[str, set[str]]:
    paths = project_modules()
    sources = overrides or {}
    return {module: project_imports(module, path, set(paths), sources.get(module))
            for module, path in paths.items()}


def layer(module: str) -> int:
    return LAYERS.index(module.split(".", maxsplit=1)[0])


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{module} imports {target}" for module, targets in graph.items() for target in targets
                  if layer(target) > layer(module))


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while (member := stack.pop()) != module:
                component.append(member)
            component.append(module)
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_the_checker_reads_the_real_modules() -> None:
    graph = import_graph()
    assert {"rules", "rules.engine", "flows.interview", "bot.app", "bot.chart"} <= set(graph)
    assert "rules.engine" in graph["rules.contract"]  # from rules.engine import assess
    assert "rules.contributions" in graph["rules.engine"]  # from rules import contributions as c
    for upper, lower in (("flows", "rules"), ("bot", "flows")):
        assert any(layer(target) == LAYERS.index(lower) for module, targets in graph.items()
                   if layer(module) == LAYERS.index(upper) for target in targets), (upper, lower)


def test_imports_point_one_way_bot_flows_rules() -> None:
    assert upward_imports(import_graph()) == []


FLOW_API = "flows.interview"  # the one flows module the bot imports


def bot_reaches_past_the_flow_api(graph: dict[str, set[str]]) -> list[str]:
    """Imports from bot/ of any flows module but the flow's API, or of any rules module."""
    return sorted(f"{module} imports {target}" for module, targets in graph.items() if layer(module) == 2
                  for target in targets if layer(target) < 2 and target != FLOW_API)


def test_the_bot_imports_only_the_flow_api() -> None:
    graph = import_graph()
    assert any(FLOW_API in targets for module, targets in graph.items() if layer(module) == 2)
    assert bot_reaches_past_the_flow_api(graph) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("from flows.summary import money", "bot.share imports flows.summary"),
    ("from flows import machine", "bot.share imports flows.machine"),
    ("import flows", "bot.share imports flows"),
    ("from rules.limits import supported_years", "bot.share imports rules.limits"),
    ("def later() -> None:\n    from rules import assess_json", "bot.share imports rules"),
])
def test_a_bot_import_past_the_flow_api_is_caught(line: str, expected: str) -> None:
    path = project_modules()["bot.share"]
    graph = import_graph({"bot.share": path.read_text() + "\n" + line + "\n"})
    assert expected in bot_reaches_past_the_flow_api(graph)


# Circles accepted by name (none today); one that disappears must be deleted here (the test says so).
KNOWN_CIRCLES: list[list[str]] = []


def test_no_circle_of_imports_inside_or_between_packages() -> None:
    found = circles(import_graph())
    assert [circle for circle in found if circle not in KNOWN_CIRCLES] == []
    gone = [circle for circle in KNOWN_CIRCLES if circle not in found]
    assert gone == [], "no longer a circle: delete it from KNOWN_CIRCLES"


@pytest.mark.parametrize(("module", "line", "expected"), [
    ("rules.money", "from flows.summary import money", "rules.money imports flows.summary"),
    ("rules.money", "from flows import parse", "rules.money imports flows.parse"),
    ("flows.parse", "def later() -> None:\n    import bot.chart", "flows.parse imports bot.chart"),
    ("flows.parse", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot import store",
     "flows.parse imports bot.store"),
])
def test_an_upward_import_is_caught(module: str, line: str, expected: str) -> None:
    path = project_modules()[module]
    graph = import_graph({module: path.read_text() + "\n" + line + "\n"})
    assert expected in upward_imports(graph)


def test_a_circle_is_caught() -> None:
    """rules.money imported by rules.engine (through others or not): importing it back closes a circle."""
    graph = import_graph()
    importers = [module for module, targets in graph.items() if "rules.money" in targets]
    assert importers
    path = project_modules()["rules.money"]
    relative = path.read_text() + "\nfrom . import " + importers[0].rpartition(".")[2] + "\n"
    found = circles(import_graph({"rules.money": relative}))
    assert any({"rules.money", importers[0]} <= set(circle) for circle in found)


def test_the_chart_fonts_ship_with_their_licence_as_package_data() -> None:
    from bot import chart

    fonts = ROOT / "bot" / "fonts"
    assert fonts == chart.FONT_DIR
    shipped = {path.name for path in fonts.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= shipped
    licence = (fonts / "LICENSE").read_text()
    assert "Bitstream Vera" in licence
    assert "Arev" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["package-data"]["bot"]
    for name in shipped:
        assert any(fnmatch(f"fonts/{name}", pattern) for pattern in patterns), name
    assert not any(dependency.startswith("matplotlib") for dependency in project["project"]["dependencies"])
