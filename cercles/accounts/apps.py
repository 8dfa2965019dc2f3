from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cercles.accounts"
    label = "accounts"
