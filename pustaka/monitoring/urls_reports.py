"""The official indices and reports pages, under ``/staff/monitoring/``
(included before the dashboard's URLs, whose ``<code>/`` takes any name)."""

from django.urls import path

from pustaka.monitoring import views_reports

app_name = "monitoring_reports"

urlpatterns = [
    path("indices/", views_reports.indices_district, name="indices"),
    path("indices/inputs/", views_reports.iplm_inputs, name="iplm_inputs"),
    path("indices/<str:code>/", views_reports.indices_library, name="library_indices"),
    path("reports/", views_reports.report_list, name="reports"),
    path("reports/<uuid:report_id>/", views_reports.report_status, name="report"),
    path("reports/<uuid:report_id>/download/", views_reports.report_download, name="download"),
]
