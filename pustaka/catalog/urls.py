"""Staff pages of the union catalogue, under ``/staff/catalog/``."""

from django.urls import path

from pustaka.catalog import views, views_labels

app_name = "catalog"

urlpatterns = [
    path("", views.search, name="search_home"),
    path("search/", views.search, name="search"),
    path("add/", views.record_add, name="record_add"),
    path("records/<uuid:record_id>/", views.record_detail, name="record_detail"),
    path("records/<uuid:record_id>/edit/", views.record_edit, name="record_edit"),
    path("records/<uuid:record_id>/withdraw/", views.record_withdraw, name="record_withdraw"),
    path("records/<uuid:record_id>/copies/new/", views.copy_add, name="copy_add"),
    path("copies/<str:barcode>/edit/", views.copy_edit, name="copy_edit"),
    path("copies/<str:barcode>/withdraw/", views.copy_withdraw, name="copy_withdraw"),
    path("labels/", views_labels.labels, name="labels"),
]
