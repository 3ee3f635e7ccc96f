"""WSGI entry point for gunicorn: `gunicorn portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()


def _warm():
    """Work every process would otherwise do on its first request; with gunicorn's preload_app
    it is done once, in the master, before the workers are forked."""
    from django.db import connections

    from portal.page_cache.keys import code_version

    code_version()
    connections.close_all()  # nothing opened here may be shared by the forked workers


_warm()
