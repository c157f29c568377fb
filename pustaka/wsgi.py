"""WSGI entry point for gunicorn (``pustaka serve``) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pustaka.settings")
application = get_wsgi_application()
