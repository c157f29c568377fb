"""The monitoring pages, under ``/staff/monitoring/``."""

from django.urls import path

from pustaka.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.targets, name="targets"),
    path("targets/<uuid:target_id>/delete/", views.target_delete, name="target_delete"),
    path("rows/", views.rows, name="rows"),
    # Before a library's code (libraries.policies.RESERVED_LIBRARY_CODES).
    path("district/", views.district_page, name="district"),
    path("<str:code>/", views.library_page, name="library"),
    path("<str:code>/rows/", views.rows, name="library_rows"),
    path("<str:code>/figures/", views.figures, name="figures"),
    path("<str:code>/figures/<uuid:figure_id>/delete/", views.figure_delete, name="figure_delete"),
]
