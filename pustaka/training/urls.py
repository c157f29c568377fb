"""Staff pages of trainings and mentoring, under ``/staff/training/``."""

from django.urls import path

from pustaka.training import views, views_mentoring

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("new/", views.training_new, name="new"),
    path("<uuid:training_id>/", views.training_detail, name="detail"),
    path("<uuid:training_id>/edit/", views.training_edit, name="edit"),
    path("<uuid:training_id>/sessions/new/", views.session_new, name="session_new"),
    path("<uuid:training_id>/trainees/new/", views.trainee_new, name="trainee_new"),
    path("<uuid:training_id>/scores/", views.training_scores, name="scores"),
    path("<uuid:training_id>/evaluation/", views.training_evaluation, name="evaluation"),
    path("<uuid:training_id>/certificates.pdf", views.training_certificates, name="certificates"),
    path("sessions/<uuid:session_id>/", views.session_edit, name="session_edit"),
    path("sessions/<uuid:session_id>/delete/", views.session_delete, name="session_delete"),
    path(
        "sessions/<uuid:session_id>/attendance/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("trainees/<uuid:trainee_id>/", views.trainee_edit, name="trainee_edit"),
    path("trainees/<uuid:trainee_id>/remove/", views.trainee_remove, name="trainee_remove"),
    path("mentoring/", views_mentoring.mentoring, name="mentoring"),
    path("mentoring/new/", views_mentoring.visit_new, name="visit_new"),
    path("mentoring/<str:code>/", views_mentoring.mentoring_library, name="mentoring_library"),
    path("visits/<uuid:visit_id>/", views_mentoring.visit_detail, name="visit"),
    path("visits/<uuid:visit_id>/edit/", views_mentoring.visit_edit, name="visit_edit"),
    path("action-items/<uuid:item_id>/", views_mentoring.action_item_edit, name="action_item_edit"),
    path(
        "action-items/<uuid:item_id>/status/",
        views_mentoring.action_item_status,
        name="action_item_status",
    ),
]
