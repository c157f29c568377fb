"""The REST API frame: ``/api/v1/``, its authentication and its error format."""

from ninja import NinjaAPI

from pustaka.api import errors, me
from pustaka.api.auth import ApiTokenAuth, StaffSessionAuth
from pustaka.catalog import api as catalog_api
from pustaka.catalog import api_marc as catalog_marc_api
from pustaka.circulation import api as circulation_api
from pustaka.circulation import api_notices as circulation_notices_api
from pustaka.libraries import api as libraries_api
from pustaka.members import api as members_api
from pustaka.monitoring import api as monitoring_api
from pustaka.monitoring import api_reports as monitoring_reports_api
from pustaka.news import api as news_api
from pustaka.programs import api as programs_api
from pustaka.surveys import api as surveys_api
from pustaka.training import api as training_api
from pustaka.visits import api as visits_api

DESCRIPTION = """\
Every endpoint needs a staff account: either an API token issued by the
district office, sent as `Authorization: Bearer <token>` (it acts as the
account it was issued for), or the browser's signed-in session (unsafe
methods then need Django's CSRF token in `X-CSRFToken`).

Errors are JSON: `{"code": "...", "message": "...", "fields": {...}}` with a
stable `code` and a `message` in the request's language (Indonesian unless
`Accept-Language` or the `django_language` cookie asks for English);
`fields` appears only on validation errors (422).
"""

api = NinjaAPI(
    title="Pustaka API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    auth=[ApiTokenAuth(), StaffSessionAuth()],
)
errors.install(api)
api.add_router("", me.router)
api.add_router("", libraries_api.router)
api.add_router("", catalog_api.router)
api.add_router("", catalog_marc_api.router)
api.add_router("", circulation_api.router)
api.add_router("", circulation_notices_api.router)
api.add_router("", members_api.router)
api.add_router("", news_api.router)
api.add_router("", training_api.router)
api.add_router("", programs_api.router)
api.add_router("", visits_api.router)
api.add_router("", surveys_api.router)
api.add_router("", monitoring_api.router)
api.add_router("", monitoring_reports_api.router)
