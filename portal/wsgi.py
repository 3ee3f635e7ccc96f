"""WSGI entry point for gunicorn: `gunicorn portal.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()


def _warm():
    """Work every process would otherwise do on its first request; with gunicorn's preload_app
    it is done once, in the master, before the workers are forked, so that a worker recycled
    under load (max_requests) answers its first request as fast as its last."""
    from django.db import connections
    from django.urls import get_resolver

    from portal.page_cache.keys import code_version

    code_version()
    get_resolver().reverse_dict  # noqa: B018 - builds the URL patterns' reverse lookup
    _compile_templates()
    connections.close_all()  # nothing opened here may be shared by the forked workers
    # The ~400,000 objects loaded so far live as long as the process: keep them out of the
    # garbage collector's full passes, which otherwise stall a worker ~0.2 s every so often
    # under load (and write to every shared page, undoing fork's copy-on-write).
    gc.collect()
    gc.freeze()


def _compile_templates():
    """Load every template of our own apps into the cached template loader."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    from portal.page_cache.keys import own_app_folders

    for folder in own_app_folders():
        templates = folder / "templates"
        for file in templates.rglob("*.html"):
            try:
                get_template(file.relative_to(templates).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):  # e.g. a fragment of another engine
                continue


_warm()
