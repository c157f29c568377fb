"""Staff pages for members, under ``/staff/members/``."""

from django.urls import path

from pustaka.members import views, views_account, views_privacy

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("register/", views.member_register, name="register"),
    path("pending/", views.pending_list, name="pending"),
    path("pending/<uuid:member_id>/", views.pending_review, name="pending_review"),
    path("pending/<uuid:member_id>/reject/", views.pending_reject, name="pending_reject"),
    path("cards/", views_privacy.cards, name="cards"),
    path("categories/", views.categories, name="categories"),
    path("categories/<uuid:category_id>/", views.category_edit, name="category_edit"),
    path("<uuid:member_id>/", views.member_detail, name="detail"),
    path("<uuid:member_id>/edit/", views.member_edit, name="edit"),
    path("<uuid:member_id>/renew/", views.member_renew, name="renew"),
    path("<uuid:member_id>/block/", views.member_block, name="block"),
    path("<uuid:member_id>/unblock/", views.member_unblock, name="unblock"),
    path("<uuid:member_id>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:member_id>/card.pdf", views_privacy.member_card, name="card"),
    path(
        "<uuid:member_id>/export.json",
        views_privacy.member_export,
        {"file_format": "json"},
        name="export_json",
    ),
    path(
        "<uuid:member_id>/export.pdf",
        views_privacy.member_export,
        {"file_format": "pdf"},
        name="export_pdf",
    ),
    path("<uuid:member_id>/anonymise/", views_privacy.member_anonymise, name="anonymise"),
    path("<uuid:member_id>/password/", views_account.member_password, name="account_password"),
    path("<uuid:member_id>/sign-in-link/", views_account.member_sign_in_link, name="account_link"),
]
