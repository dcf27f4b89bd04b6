from django.apps import AppConfig


class OutlookConfig(AppConfig):
    name = "outlook"
    verbose_name = "Publication"

    def ready(self):
        from outlook.models import exposure_counts
        from outlook.reading import issue_median

        exposure_counts.connect_signals()
        issue_median.connect_signals()
