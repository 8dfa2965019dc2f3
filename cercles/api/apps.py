from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cercles.api"
    label = "api"
