from django.apps import AppConfig


class TaskQueueConfig(AppConfig):
    name = "outlook.taskqueue"
    label = "taskqueue"
    verbose_name = "Task queue"
    default_auto_field = "django.db.models.BigAutoField"
