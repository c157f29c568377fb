from django.urls import path

from pustaka.core import views

app_name = "staff"

urlpatterns = [
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<uuid:token_id>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
    path("audit/", views.audit_log, name="audit_log"),
]
