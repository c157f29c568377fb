"""Top-level URLs: the public site at ``/``, staff pages under ``/staff/``,
the REST API under ``/api/v1/``."""

from django.urls import include, path

from pustaka.api import views as api_views
from pustaka.api.router import api
from pustaka.catalog.views import media_file
from pustaka.core import views as core_views

# The API first: a desk or a kiosk sends a request a scan, and Django tries
# the patterns in order (after the public site's dozens it took 0.2 ms).
urlpatterns = [
    path("api/v1/", api.urls),
    path("api/<path:rest>", api_views.not_found),
    path("", include("pustaka.opac.urls")),
    path("staff/", include("pustaka.core.urls")),
    path("staff/", include("pustaka.libraries.urls")),
    path("staff/inventory/", include("pustaka.inventory.urls")),
    path("staff/catalog/", include("pustaka.catalog.urls")),
    path("staff/catalog/", include("pustaka.catalog.urls_marc")),
    path("staff/members/", include("pustaka.members.urls")),
    path("staff/circulation/", include("pustaka.circulation.urls_settings")),
    path("staff/desk/", include("pustaka.circulation.urls")),
    path("staff/visits/", include("pustaka.visits.urls")),
    path("staff/news/", include("pustaka.news.urls")),
    path("staff/training/", include("pustaka.training.urls")),
    path("berita/", include("pustaka.news.urls_public")),
    path("staff/surveys/", include("pustaka.surveys.urls")),
    path("survei/", include("pustaka.surveys.urls_public")),
    path("staff/programs/", include("pustaka.programs.urls")),
    path("staff/monitoring/", include("pustaka.monitoring.urls_reports")),
    path("staff/monitoring/", include("pustaka.monitoring.urls")),
    path("", include("pustaka.programs.urls_public")),
    path("media/<path:path>", media_file, name="media"),
    path("accounts/login/", core_views.StaffLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("language/", core_views.language_switch, name="language_switch"),
]
