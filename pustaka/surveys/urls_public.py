"""The public survey pages, under ``/survei/``."""

from django.urls import path

from pustaka.surveys import views_public

app_name = "surveys_public"

urlpatterns = [
    path("<slug:token>/", views_public.survey_answer, name="answer"),
    path("<slug:token>/terima-kasih/", views_public.survey_thanks, name="thanks"),
]
