from django.urls import path

from pustaka.libraries import views

app_name = "libraries"

urlpatterns = [
    path("", views.staff_home, name="staff_home"),
    path("district/", views.district_detail, name="district"),
    path("libraries/", views.library_list, name="library_list"),
    path("libraries/new/", views.library_create, name="library_create"),
    path("libraries/new/villages/", views.village_options, name="village_options_new"),
    path("libraries/<str:code>/", views.library_detail, name="library_detail"),
    path("libraries/<str:code>/edit/", views.library_edit, name="library_edit"),
    path("libraries/<str:code>/edit/villages/", views.village_options, name="village_options"),
    path("accounts/", views.staff_list, name="staff_list"),
    path("accounts/new/", views.staff_create, name="staff_create"),
    path("accounts/<uuid:account_id>/", views.staff_edit, name="staff_edit"),
    path("accounts/<uuid:account_id>/password/", views.staff_password, name="staff_password"),
]
