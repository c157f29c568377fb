"""Public pages of the programmes: ``/kegiatan/`` (activities) and ``/cerita/`` (stories)."""

from django.urls import path

from pustaka.programs import views_public

app_name = "programs_public"

urlpatterns = [
    path("kegiatan/", views_public.activity_list, name="activities"),
    path("kegiatan/<uuid:activity_id>/", views_public.activity_page, name="activity"),
    path("cerita/", views_public.story_list, name="stories"),
    path("cerita/<uuid:story_id>/", views_public.story_page, name="story"),
]
