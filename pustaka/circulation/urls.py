"""The circulation desk's pages, under ``/staff/desk/``."""

from django.urls import path

from pustaka.circulation import views, views_lists

app_name = "circulation"

urlpatterns = [
    path("", views.desk_home, name="desk_home"),
    path("lists/", views_lists.lists, name="lists"),
    path("transfers/<uuid:transfer_id>/send/", views_lists.transfer_send, name="transfer_send"),
    path("<str:code>/", views.desk, name="desk"),
    path("<str:code>/checkout/", views.checkout, name="checkout"),
    path("<str:code>/return/", views.checkin, name="checkin"),
    path("<str:code>/renew/", views.renew, name="renew"),
    path("<str:code>/slip/", views.slip, name="slip"),
    path("<str:code>/holds/new/", views_lists.hold_place, name="hold_place"),
    path("<str:code>/holds/<uuid:hold_id>/cancel/", views_lists.hold_cancel, name="hold_cancel"),
]
