"""WSGI entry point for gunicorn (``pustaka serve``) or any WSGI server.

The URL configuration is loaded here, while a worker starts, rather than by
the first request it answers: importing every app's views and the API's
schemas takes about a second, which the first desk scan after a (re)start
would otherwise wait, along with the requests queued behind it."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pustaka.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 — imports every URL module now
