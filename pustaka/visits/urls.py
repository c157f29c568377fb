"""The visitor book's staff pages and kiosk, under ``/staff/visits/``."""

from django.urls import path

from pustaka.visits import views, views_kiosk

app_name = "visits"

urlpatterns = [
    path("", views.visits_home, name="home"),
    path("kiosk/", views_kiosk.kiosk_home, name="kiosk_home"),
    path("<str:code>/", views.library_visits, name="library"),
    path("<str:code>/kiosk/", views_kiosk.kiosk, name="kiosk"),
    path("<str:code>/kiosk/member/", views_kiosk.kiosk_member, name="kiosk_member"),
    path("<str:code>/kiosk/guest/", views_kiosk.kiosk_guest, name="kiosk_guest"),
    path("<str:code>/kiosk/group/", views_kiosk.kiosk_group, name="kiosk_group"),
    path(
        "<str:code>/kiosk/<uuid:visit_id>/purpose/",
        views_kiosk.kiosk_purpose,
        name="kiosk_purpose",
    ),
    path("<str:code>/<uuid:visit_id>/correct/", views.visit_correct, name="correct"),
    path("<str:code>/<uuid:visit_id>/delete/", views.visit_delete, name="delete"),
    path("<str:code>/computers/", views.session_log, name="session_log"),
    path(
        "<str:code>/computers/<uuid:session_id>/delete/",
        views.session_delete,
        name="session_delete",
    ),
]
