from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pustaka.api"
    label = "api"
