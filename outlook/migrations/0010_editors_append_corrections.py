"""Editors append corrections to published outlooks (the Editor role had no correction rights).

Corrections are a public record: editors add and view them, and may fix a correction's own
wording; nobody in a role deletes one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CORRECTIONS = ("add_correction", "change_correction", "view_correction")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("outlook")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is not None:
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label="outlook", codename__in=CORRECTIONS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is not None:
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="outlook", codename__in=CORRECTIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("outlook", "0009_gate_writer_audit_states_preview_links")]

    operations = [migrations.RunPython(grant, revoke)]
