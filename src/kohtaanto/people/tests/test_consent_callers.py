"""Consent in one place: who may read consent events, and who may build a profile for matching.

The modules are found by parsing every module of `src/kohtaanto` (tests and migrations left
out), so a new module that reads `ConsentEvent` or builds matching profiles makes this test fail
until it is added below with a reason — or, better, goes through `people.consent`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kohtaanto

SOURCE = Path(kohtaanto.__file__).parent

READS_CONSENT_EVENTS = {
    "people/consent.py": "the one module that decides (and the only writer)",
    "people/models.py": "defines the model",
    "people/admin.py": "the read-only history in the Django admin",
    "people/exports.py": "the participant's own data export: their consent history as it is",
    "privacy/dispositions.py": "names the model's label to declare what erasure does with it",
}
"""Modules that name `ConsentEvent` (or its reverse relation `consent_events`)."""

BUILDS_MATCHING_PROFILES = {
    "matches/services.py": "suggestions, candidates, proposals and the employer's view",
    "matches/export.py": "the input of `kohtaanto match batch`",
    "matches/audit.py": "the fairness audit",
    "matches/suggestions.py": "the participant's own suggestions (profile_of checks consent)",
}
"""Modules that call `matches.adapters.profile_of` or `consented_profiles` (both check
consent first; the builder without the check, `_profiles_by_id`, is private)."""

ADAPTERS = "kohtaanto.matches.adapters"
BUILDERS = {"profile_of", "consented_profiles", "_profiles_by_id"}


def modules() -> Iterator[tuple[str, str, ast.Module]]:
    """(path relative to the package, dotted module name, syntax tree) of every module."""
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        dotted = ".".join(("kohtaanto", *relative.with_suffix("").parts))
        yield relative.as_posix(), dotted.removesuffix(".__init__"), ast.parse(path.read_text())


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def names_consent_events(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "ConsentEvent":
            return True
        if isinstance(node, ast.Attribute) and node.attr in {"ConsentEvent", "consent_events"}:
            return True
        if isinstance(node, ast.alias) and node.name.split(".")[-1] == "ConsentEvent":
            return True
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and text.casefold() in {"people.consentevent", "consent_events"}:
            return True
    return False


def calls_profile_builders(tree: ast.Module, module: str, is_package: bool) -> bool:
    """Whether the module uses a builder of `matches.adapters` (through the module or by name)."""
    module_names: set[str] = set()
    builder_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == ADAPTERS and alias.asname:
                    module_names.add(alias.asname)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            for alias in node.names:
                if source == "kohtaanto.matches" and alias.name == "adapters":
                    module_names.add(alias.asname or alias.name)
                elif source == ADAPTERS and alias.name in BUILDERS:
                    builder_names.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in BUILDERS
            and isinstance(node.value, ast.Name)
            and node.value.id in module_names
        ):
            return True
        if isinstance(node, ast.Name) and node.id in builder_names:
            return True
    return False


def test_only_the_listed_modules_read_consent_events():
    found = {path for path, _, tree in modules() if names_consent_events(tree)}
    assert found == set(READS_CONSENT_EVENTS), (
        "a module reads consent events directly: ask kohtaanto.people.consent instead "
        "(consented_ids, filter_consented, has_consent, may_use_for_matching)"
    )


def test_no_template_reads_consent_events():
    templates = [p for p in SOURCE.rglob("*.html") if "consent_events" in p.read_text()]
    assert templates == []


def test_only_the_listed_modules_build_matching_profiles():
    found = {
        path
        for path, dotted, tree in modules()
        if dotted != ADAPTERS and calls_profile_builders(tree, dotted, path.endswith("__init__.py"))
    }
    assert found == set(BUILDS_MATCHING_PROFILES)


def _functions(path: str) -> dict[str, ast.FunctionDef]:
    tree = ast.parse((SOURCE / path).read_text())
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _calls(function: ast.FunctionDef) -> set[str]:
    return {
        n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
        for n in ast.walk(function)
        if isinstance(n, ast.Call)
    }


def test_no_public_function_of_the_adapters_bypasses_consent():
    functions = _functions("matches/adapters.py")
    builders = {name for name, f in functions.items() if "_profiles_by_id" in _calls(f)}
    assert builders == {"profile_of", "consented_profiles"}
    assert all("consented_ids" in _calls(functions[name]) for name in builders)
    public = {name for name in functions if not name.startswith("_")}
    assert not public & {"unchecked_profiles", "consented_ids", "matching_consented"}


def test_the_consent_rule_is_written_once():
    """Only `_latest` reads events to decide; every answer, single or bulk, goes through it."""
    functions = _functions("people/consent.py")
    reading = {
        name
        for name, f in functions.items()
        if any(
            isinstance(n, ast.Attribute)
            and n.attr == "objects"
            and isinstance(n.value, ast.Name)
            and n.value.id == "ConsentEvent"
            for n in ast.walk(f)
        )
    }
    # consent_history lists the events for the consent page; _record writes (and returns the
    # latest event when nothing changes); neither decides anything.
    assert reading == {"_latest", "consent_history", "_record"}
    assert "_latest" in _calls(functions["consented_ids"])
    assert "_latest" in _calls(functions["current_consents"])
    for single in ("has_consent", "may_use_for_matching"):
        assert "consented_ids" in _calls(functions[single])
    assert "consented_ids" in _calls(functions["filter_consented"])


def test_the_detectors_see_a_bypass():
    def reads(code: str) -> bool:
        return names_consent_events(ast.parse(code))

    def builds(code: str, module: str = "kohtaanto.web.x") -> bool:
        return calls_profile_builders(ast.parse(code), module, is_package=False)

    assert reads("from kohtaanto.people.models import ConsentEvent")
    assert reads("from kohtaanto.people import models\nmodels.ConsentEvent.objects.all()")
    assert reads("def f(p):\n    return p.consent_events.filter(purpose='matching')")
    assert reads("apps.get_model('people.ConsentEvent')")
    assert not reads("from kohtaanto.people.enums import ConsentEventKind")
    assert builds("from kohtaanto.matches import adapters\nadapters.consented_profiles(q)")
    assert builds("from kohtaanto.matches import adapters as a\na.profile_of(p)")
    assert builds("from kohtaanto.matches.adapters import _profiles_by_id as b\nb([1])")
    assert builds("from . import adapters\nadapters.profile_of(p)", "kohtaanto.matches.x")
    assert builds("import kohtaanto.matches.adapters as m\nm.profile_of(p)")
    assert not builds("from kohtaanto.profiles.selectors import profile_of\nprofile_of(p)")
    assert not builds("from kohtaanto.matches import adapters\nadapters.labels(u, 'fi')")
