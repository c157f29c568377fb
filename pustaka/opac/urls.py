from django.urls import path

from pustaka.opac import views

app_name = "opac"

urlpatterns = [
    path("", views.home, name="home"),
    path("perpustakaan/<str:code>/", views.library_page, name="library"),
]
