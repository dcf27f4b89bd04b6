from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"

    def ready(self):
        from outlook import cache

        cache.connect_signals()
