"""`portal/` is the bottom layer: none of its modules import the apps built on it."""

import ast
from pathlib import Path

from django.conf import settings

APPS_ABOVE = {"home", "notices", "news", "volunteers"}
# The demo app holds every app's demo content by design (installed in dev and test only).
ALLOWED = {"demo"}


def imported_top_level_names(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_no_module_in_portal_imports_an_app_above_it():
    portal = Path(settings.BASE_DIR) / "portal"
    offenders = [
        f"{path.relative_to(portal)} imports {name}"
        for path in sorted(portal.rglob("*.py"))
        if path.relative_to(portal).parts[0] not in ALLOWED
        for name in imported_top_level_names(path)
        if name in APPS_ABOVE
    ]
    assert offenders == []
