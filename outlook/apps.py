from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"
