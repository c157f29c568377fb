from django.apps import AppConfig


class LibrariesConfig(AppConfig):
    name = "pustaka.libraries"
    label = "libraries"
