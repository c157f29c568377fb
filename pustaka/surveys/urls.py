"""Staff pages for surveys, under ``/staff/surveys/``."""

from django.urls import path

from pustaka.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("from-template/", views.survey_from_template, name="from_template"),
    path("<uuid:survey_id>/", views.survey_detail, name="detail"),
    path("<uuid:survey_id>/edit/", views.survey_edit, name="edit"),
    path("<uuid:survey_id>/open/", views.survey_open, name="open"),
    path("<uuid:survey_id>/close/", views.survey_close, name="close"),
    path("<uuid:survey_id>/questions/new/", views.question_new, name="question_new"),
    path(
        "<uuid:survey_id>/questions/<uuid:question_id>/", views.question_edit, name="question_edit"
    ),
    path(
        "<uuid:survey_id>/questions/<uuid:question_id>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path(
        "<uuid:survey_id>/questions/<uuid:question_id>/move/",
        views.question_move,
        name="question_move",
    ),
    path("<uuid:survey_id>/results/", views.survey_results, name="results"),
    path("<uuid:survey_id>/results.xlsx", views.survey_export, name="export"),
    path("<uuid:survey_id>/poster.pdf", views.survey_poster, name="poster"),
]
