from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"

    def ready(self):
        from outlook import cache, signals

        cache.connect_signals()
        signals.connect_signals()
