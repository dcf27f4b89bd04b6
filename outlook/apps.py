from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"

    def ready(self):
        from outlook import issue_median, signals

        signals.connect_signals()
        issue_median.connect_signals()
