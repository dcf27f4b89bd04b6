"""Keep each outlook's stored exposure counts in step with its tasks.

Every way the site changes a task (the admin's inlines, a restored revision, next year's copy)
saves or deletes it one by one, so these handlers see every change; bulk loads (demo content,
scale data) call refresh_exposure_counts() themselves once they are done.
"""

from django.db.models.signals import post_delete, post_save, pre_save


def remember_previous_outlook(sender, instance, raw=False, **kwargs) -> None:
    # A task saved under another outlook leaves its old outlook one task short.
    if raw or instance.pk is None:
        return
    instance._previous_outlook_id = (
        sender.objects.filter(pk=instance.pk).values_list("outlook_id", flat=True).first()
    )


def task_changed(sender, instance, raw=False, **kwargs) -> None:
    # A fixture or backup being loaded carries its outlooks' counts already.
    if raw:
        return
    from outlook.models import Outlook

    outlooks = {instance.outlook_id, getattr(instance, "_previous_outlook_id", None)}
    Outlook.objects.filter(pk__in=outlooks - {None}).refresh_exposure_counts()


def connect_signals() -> None:
    from outlook.models import TaskAssessment

    uid = "outlook.models.exposure_counts"
    pre_save.connect(remember_previous_outlook, sender=TaskAssessment, dispatch_uid=f"{uid}:pre")
    post_save.connect(task_changed, sender=TaskAssessment, dispatch_uid=f"{uid}:save")
    post_delete.connect(task_changed, sender=TaskAssessment, dispatch_uid=f"{uid}:delete")
