"""Circulation settings pages: loan rules, closed days and rotating collections
(mounted at ``/staff/circulation/``)."""

from django.urls import path

from pustaka.circulation import views_collections, views_rules

app_name = "circulation_settings"

urlpatterns = [
    path("rules/", views_rules.rule_matrix, name="rules"),
    path("rules/add/", views_rules.rule_add, name="rule_add"),
    path("rules/<uuid:rule_id>/", views_rules.rule_edit, name="rule_edit"),
    path("rules/<uuid:rule_id>/delete/", views_rules.rule_delete, name="rule_delete"),
    path("holidays/", views_rules.holidays, name="holidays"),
    path("holidays/<uuid:holiday_id>/remove/", views_rules.holiday_remove, name="holiday_remove"),
    path("collections/", views_collections.collection_list, name="collections"),
    path("collections/new/", views_collections.collection_create, name="collection_create"),
    path(
        "collections/<uuid:collection_id>/",
        views_collections.collection_detail,
        name="collection_detail",
    ),
    path(
        "collections/<uuid:collection_id>/remove/<uuid:item_id>/",
        views_collections.collection_remove_item,
        name="collection_remove_item",
    ),
    path(
        "collections/<uuid:collection_id>/<str:step>/",
        views_collections.collection_step,
        name="collection_step",
    ),
]
