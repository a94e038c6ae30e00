"""The house rules, read from the imports with `ast` (docs/architecture.md draws them):

- the core never imports a feature, nor the shell that wires features together;
- a feature uses another only through its public modules: `service` (rules, queries, state), `blocks`
  (pure Block Kit builders) and `messaging` (what it sends); never its listeners, jobs or internals;
- no Slack-facing module (one that imports slack_sdk or slack_bolt) takes a database session: it gets plain
  view models, or opens a unit of work whose queries and writes are a service's.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FEATURES = {
    "profiles",
    "entries",
    "digest",
    "matches",
    "intros",
    "reconnect",
    "privacy",
    "stats",
    "home",
    "community",
    "dashboard",
}
SHELL = {"__main__", "app", "cli", "commands", "demo", "listeners", "runner", "schedule", "web"}
PUBLIC = {"service", "blocks", "messaging"}
SLACK_LIBRARIES = {"slack_sdk", "slack_bolt"}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if "migrations" not in path.parts:
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = ast.parse(path.read_text(), filename=str(path))
    return found


MODULES = _modules()


def _imported(tree: ast.Module) -> Iterator[str]:
    """Each module (or module.name) imported, however it is spelled: `from bot.intros import service` is
    bot.intros.service."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _part(module: str) -> str:
    """ "core", "shell" or the feature a module of Kindred belongs to."""
    top = module.split(".")[1] if module.count(".") else ""
    if top in FEATURES:
        return top
    return "shell" if top in SHELL else "core"


def _crossings() -> list[str]:
    found = []
    for name, tree in MODULES.items():
        own = _part(name)
        for imported in _imported(tree):
            if not imported.startswith("bot."):
                continue
            other = _part(imported)
            if own == "core" and other != "core":
                found.append(f"core module {name} imports {imported}")
            elif own in FEATURES and other == "shell":
                found.append(f"feature module {name} imports the shell: {imported}")
            elif other in FEATURES and own not in (other, "shell") and imported.split(".")[2] not in PUBLIC:
                found.append(f"{name} reaches into the {other} feature: {imported}")
    return found


def _sessions_taken() -> list[str]:
    found = []
    for name, tree in MODULES.items():
        if not any(imported.split(".")[0] in SLACK_LIBRARIES for imported in _imported(tree)):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                    annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                    if "Session" in annotation.replace("SessionFactory", ""):
                        found.append(f"{name}.{node.name} takes a session ({arg.arg})")
    return found


def test_there_is_a_core_and_each_feature_is_a_package() -> None:
    assert {_part(name) for name in MODULES} == {"core", "shell", *FEATURES}
    assert all(f"bot.{feature}" in MODULES for feature in FEATURES)


def test_dependencies_point_one_way() -> None:
    assert _crossings() == []


def test_no_slack_module_takes_a_session() -> None:
    assert _sessions_taken() == []


def test_the_checks_see_a_violation() -> None:
    tree = ast.parse("from bot.intros import jobs\nfrom bot.slack import ids\n")
    assert list(_imported(tree)) == ["bot.intros.jobs", "bot.slack.ids"]
    assert (_part("bot.intros.jobs"), _part("bot.slack.ids"), _part("bot.app")) == ("intros", "core", "shell")
