from django.apps import AppConfig


class OpacConfig(AppConfig):
    name = "pustaka.opac"
    label = "opac"
