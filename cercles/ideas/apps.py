from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "cercles.ideas"
    label = "ideas"
