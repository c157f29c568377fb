from django.urls import path

from pustaka.inventory import views

app_name = "inventory"

urlpatterns = [
    path("", views.stocktake_list, name="list"),
    path("start/", views.stocktake_start, name="start"),
    path("<uuid:stock_take_id>/", views.stocktake_detail, name="detail"),
    path("<uuid:stock_take_id>/mark-lost/", views.stocktake_mark_lost, name="mark_lost"),
    path("<uuid:stock_take_id>/close/", views.stocktake_close, name="close"),
]
