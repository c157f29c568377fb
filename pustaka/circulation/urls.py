"""The circulation desk's pages, under ``/staff/desk/``."""

from django.urls import path

from pustaka.circulation import views, views_lists, views_notices

app_name = "circulation"

urlpatterns = [
    path("", views.desk_home, name="desk_home"),
    path("lists/", views_lists.lists, name="lists"),
    path("transfers/<uuid:transfer_id>/send/", views_lists.transfer_send, name="transfer_send"),
    path("notices/", views_notices.notice_list, name="notices"),
    path("notices/<uuid:notice_id>/retry/", views_notices.notice_retry, name="notice_retry"),
    path("outbox/", views_notices.outbox, name="outbox"),
    path("outbox/passed-on/", views_notices.outbox_pass_on, name="outbox_pass_on"),
    path("outbox/waiting.csv", views_notices.outbox_csv, name="outbox_csv"),
    path("<str:code>/", views.desk, name="desk"),
    path("<str:code>/checkout/", views.checkout, name="checkout"),
    path("<str:code>/return/", views.checkin, name="checkin"),
    path("<str:code>/renew/", views.renew, name="renew"),
    path("<str:code>/slip/", views.slip, name="slip"),
    path("<str:code>/holds/new/", views_lists.hold_place, name="hold_place"),
    path("<str:code>/holds/<uuid:hold_id>/cancel/", views_lists.hold_cancel, name="hold_cancel"),
]
