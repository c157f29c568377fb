"""MARC import and export pages, under ``/staff/catalog/``."""

from django.urls import path

from pustaka.catalog import views_marc

app_name = "catalog_marc"

urlpatterns = [
    path("marc/import/", views_marc.marc_import_upload, name="import"),
    path("marc/import/<uuid:import_id>/", views_marc.marc_import_status, name="import_status"),
    path("marc/export/", views_marc.marc_export_download, name="export"),
]
