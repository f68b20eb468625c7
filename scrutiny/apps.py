from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "scrutiny"
