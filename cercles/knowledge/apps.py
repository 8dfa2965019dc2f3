from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "cercles.knowledge"
    label = "knowledge"
