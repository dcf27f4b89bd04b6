from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"

    def ready(self):
        from outlook import cache, issue_median, signals

        cache.connect_signals()
        signals.connect_signals()
        issue_median.connect_signals()
