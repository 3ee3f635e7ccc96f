"""Collects the public URL patterns of the product's apps, so the project URLconf names none of them."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.urls import include, path


def app_urls():
    """`include()`s of every project app's `urls` module, in INSTALLED_APPS order."""
    patterns = []
    for config in apps.get_app_configs():
        if not (settings.BASE_DIR / config.name.split(".")[0]).is_dir():
            continue  # a third-party app
        module_name = f"{config.name}.urls"
        if config.name == "portal" or find_spec(module_name) is None:
            continue
        patterns.append(path("", include(import_module(module_name))))
    return patterns
