from django.urls import path

from pustaka.opac import views, views_catalogue

app_name = "opac"

urlpatterns = [
    path("", views.home, name="home"),
    path("perpustakaan/<str:code>/", views.library_page, name="library"),
    path("katalog/", views_catalogue.search, name="search"),
    path("katalog/<uuid:record_id>/", views_catalogue.record_page, name="record"),
]
