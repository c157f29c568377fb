"""Staff pages for news, under ``/staff/news/``."""

from django.urls import path

from pustaka.news import views

app_name = "news_staff"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.post_new, name="new"),
    path("comments/", views.comments, name="comments"),
    path("comments/<uuid:comment_id>/moderate/", views.comment_moderate, name="moderate"),
    path("<uuid:post_id>/", views.post_edit, name="edit"),
    path("<uuid:post_id>/publish/", views.post_publish, name="publish"),
    path("<uuid:post_id>/delete/", views.post_delete, name="delete"),
]
