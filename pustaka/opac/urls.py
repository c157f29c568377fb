from django.urls import path

from pustaka.opac import views, views_account, views_catalogue, views_register

app_name = "opac"

urlpatterns = [
    path("", views.home, name="home"),
    path("perpustakaan/<str:code>/", views.library_page, name="library"),
    path("daftar/", views_register.register, name="register"),
    path("daftar/terkirim/", views_register.register_done, name="register_done"),
    path("katalog/", views_catalogue.search, name="search"),
    path("katalog/<uuid:record_id>/", views_catalogue.record_page, name="record"),
    path("katalog/<uuid:record_id>/pesan/", views_account.reserve, name="reserve"),
    path("akun/", views_account.account, name="account"),
    path("akun/masuk/", views_account.sign_in, name="sign_in"),
    path("akun/keluar/", views_account.sign_out, name="sign_out"),
    path("akun/tautan/", views_account.sign_in_link, name="sign_in_link"),
    path(
        "akun/tautan/<uuid:member_id>/kata-sandi/",
        views_account.sign_in_link_password,
        name="sign_in_link_password",
    ),
    path(
        "akun/tautan/<uuid:member_id>/<str:token>/",
        views_account.sign_in_link_open,
        name="sign_in_link_open",
    ),
    path(
        "akun/pinjaman/<uuid:loan_id>/perpanjang/",
        views_account.account_renew,
        name="account_renew",
    ),
    path(
        "akun/pesanan/<uuid:hold_id>/batal/",
        views_account.account_hold_cancel,
        name="account_hold_cancel",
    ),
    path("akun/kata-sandi/", views_account.account_password, name="account_password"),
    path("akun/riwayat/", views_account.account_history, name="account_history"),
    path("akun/data.json", views_account.account_data, name="account_data"),
]
