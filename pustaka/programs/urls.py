"""Staff pages of the programmes, under ``/staff/programs/``."""

from django.urls import path

from pustaka.programs import views, views_attendance, views_partners, views_stories

app_name = "programs"

urlpatterns = [
    path("", views.activity_list, name="activities"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<uuid:activity_id>/", views.activity_detail, name="activity"),
    path("activities/<uuid:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<uuid:activity_id>/delete/", views.activity_delete, name="activity_delete"),
    path(
        "activities/<uuid:activity_id>/attendance/",
        views_attendance.attendance,
        name="attendance",
    ),
    path(
        "activities/<uuid:activity_id>/attendance/member/",
        views_attendance.attendance_scan,
        name="attendance_scan",
    ),
    path(
        "activities/<uuid:activity_id>/attendance/person/",
        views_attendance.attendance_person,
        name="attendance_person",
    ),
    path(
        "activities/<uuid:activity_id>/attendance/counts/",
        views_attendance.attendance_counts,
        name="attendance_counts",
    ),
    path(
        "activities/<uuid:activity_id>/photos/",
        views_attendance.activity_photo_add,
        name="activity_photo_add",
    ),
    path(
        "activities/<uuid:activity_id>/documents/",
        views_attendance.document_add,
        name="document_add",
    ),
    path(
        "participants/<uuid:participant_id>/remove/",
        views_attendance.participant_remove,
        name="participant_remove",
    ),
    path(
        "registrations/<uuid:registration_id>/cancel/",
        views_attendance.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<uuid:registration_id>/attend/",
        views_attendance.registration_attend,
        name="registration_attend",
    ),
    path("photos/<uuid:photo_id>/delete/", views_attendance.photo_delete, name="photo_delete"),
    path("documents/<uuid:document_id>/", views_attendance.document_download, name="document"),
    path(
        "documents/<uuid:document_id>/delete/",
        views_attendance.document_delete,
        name="document_delete",
    ),
    path("categories/", views.category_list, name="categories"),
    path("categories/new/", views.category_new, name="category_new"),
    path("categories/<uuid:category_id>/", views.category_edit, name="category"),
    path("partners/", views_partners.partner_list, name="partners"),
    path("partners/new/", views_partners.partner_new, name="partner_new"),
    path("partners/<uuid:partner_id>/", views_partners.partner_edit, name="partner"),
    path(
        "partners/<uuid:partner_id>/delete/", views_partners.partner_delete, name="partner_delete"
    ),
    path("contributions/", views_partners.contribution_list, name="contributions"),
    path("contributions/new/", views_partners.contribution_new, name="contribution_new"),
    path(
        "contributions/<uuid:contribution_id>/",
        views_partners.contribution_edit,
        name="contribution",
    ),
    path(
        "contributions/<uuid:contribution_id>/delete/",
        views_partners.contribution_delete,
        name="contribution_delete",
    ),
    path("village-fund/", views_partners.village_fund, name="village_fund"),
    path("stories/", views_stories.story_list, name="stories"),
    path("stories/new/", views_stories.story_new, name="story_new"),
    path("stories/<uuid:story_id>/", views_stories.story_detail, name="story"),
    path("stories/<uuid:story_id>/consent/", views_stories.story_consent, name="story_consent"),
    path("stories/<uuid:story_id>/withdraw/", views_stories.story_withdraw, name="story_withdraw"),
    path("stories/<uuid:story_id>/publish/", views_stories.story_publish, name="story_publish"),
    path(
        "stories/<uuid:story_id>/unpublish/", views_stories.story_unpublish, name="story_unpublish"
    ),
    path("stories/<uuid:story_id>/photos/", views_stories.story_photo_add, name="story_photo_add"),
    path("stories/<uuid:story_id>/delete/", views_stories.story_delete, name="story_delete"),
]
