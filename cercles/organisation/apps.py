from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "cercles.organisation"
    label = "organisation"
