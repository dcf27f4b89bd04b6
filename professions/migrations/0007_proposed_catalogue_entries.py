"""Contributors propose professions and skills; an editor approves them before readers see them.

Every entry made before this is approved. Contributors get the add permission only: a new
entry they make is proposed (outlook/publishing/catalogue.py), and they cannot change one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PROPOSERS = ("Contributor",)
CODENAMES = ["add_profession", "add_skill"]


def proposers_and_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="professions", codename__in=CODENAMES
    )
    return Group.objects.filter(name__in=PROPOSERS), permissions


def grant(apps, schema_editor):
    app_config = apps.get_app_config("professions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    groups, permissions = proposers_and_permissions(apps)
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    groups, permissions = proposers_and_permissions(apps)
    for group in groups:
        group.permissions.remove(*permissions)


def status_field():
    return models.CharField(
        choices=[("proposed", "Proposed"), ("approved", "Approved")],
        default="approved",
        editable=False,
        max_length=10,
        verbose_name="status",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("professions", "0006_profession_name_single_line"),
        ("outlook", "0003_editorial_roles"),
    ]

    operations = [
        migrations.AddField(model_name="profession", name="status", field=status_field()),
        migrations.AddField(model_name="skill", name="status", field=status_field()),
        migrations.RunPython(grant, revoke),
    ]
