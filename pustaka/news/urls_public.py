"""Public news pages, under ``/berita/``."""

from django.urls import path

from pustaka.news import views_public

app_name = "news"

urlpatterns = [
    path("", views_public.post_list, name="list"),
    path("<uuid:post_id>/", views_public.post_detail, name="post"),
]
