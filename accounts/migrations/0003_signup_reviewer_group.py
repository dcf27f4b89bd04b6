"""The "Signup reviewer" group: exactly the signup permissions, nothing of the content."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Signup reviewer"
CODENAMES = ["view_signup", "change_signup", "delete_signup", "add_signup", "send_report"]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this group needs them now.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts",
            content_type__model="signup",
            codename__in=CODENAMES,
        )
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_signup"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
