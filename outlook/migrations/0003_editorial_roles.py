"""The editorial roles, as groups with exact permissions.

The lists are frozen here on purpose: a later change to a role is a new migration, so every
database gets the same roles whatever code it was created with.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROWS = ("change", "taskassessment", "skillassessment", "insight")
CATALOGUE = ("category", "profession", "skill")
ALL = ("add", "change", "delete", "view")

ROLES = {
    # Writes and edits draft outlooks; cannot publish (the admin also keeps them out of
    # outlooks that have left the draft state).
    "Contributor": [
        *(("outlook", f"{verb}_outlook") for verb in ("add", "change", "view")),
        *(("outlook", f"{verb}_{model}") for model in ROWS for verb in ALL),
        ("outlook", "view_issue"),
        *(("professions", f"view_{model}") for model in CATALOGUE),
    ],
    # Everything on content: issues, outlooks, the catalogue; reviews and publishes.
    "Editor": [
        *(("outlook", f"{verb}_{model}") for model in ("issue", "outlook", *ROWS) for verb in ALL),
        ("outlook", "publish_outlook"),
        ("outlook", "publish_issue"),
        ("outlook", "view_auditentry"),
        *(("professions", f"{verb}_{model}") for model in CATALOGUE for verb in ALL),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("professions", "0001_initial"),
        ("outlook", "0002_workflow_and_schedule"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
