"""The what-changed bullet is `WhatChanged`: `Change` made the permission `change_change`.

Django renames the table and the content type. The permissions are renamed in place, so the
Editor and Contributor groups (and any user granted them directly) keep their rights, and the
revisions saved before the rename are rewritten to name the new model, so they still restore.
"""

import json

from django.db import migrations

OLD, NEW = "change", "whatchanged"
VERBS = ("add", "change", "delete", "view")


def rename_permissions(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # The content type is renamed by then: Django runs its rename right after RenameModel.
    content_type = ContentType.objects.filter(app_label="outlook", model=NEW).first()
    if content_type is None:
        return
    for verb in VERBS:
        stale = Permission.objects.filter(content_type=content_type, codename=f"{verb}_{old}")
        for permission in stale:
            # A permission already made under the new name takes over the stale one's holders.
            current = Permission.objects.filter(
                content_type=content_type, codename=f"{verb}_{new}"
            ).first()
            if current is None:
                permission.codename = f"{verb}_{new}"
                permission.save(update_fields=["codename"])
                continue
            current.group_set.add(*permission.group_set.all())
            current.user_set.add(*permission.user_set.all())
            permission.delete()


def rename_versions(apps, old: str, new: str) -> None:
    """Rewrite stored revisions of the bullets so they deserialize as the model's new name."""
    Version = apps.get_model("reversion", "Version")
    old_label, new_label = f"outlook.{old}", f"outlook.{new}"
    versions = Version.objects.filter(
        content_type__app_label="outlook", content_type__model=NEW, format="json"
    )
    for version in versions.iterator():
        objects = json.loads(version.serialized_data)
        if not any(obj.get("model") == old_label for obj in objects):
            continue
        for obj in objects:
            if obj.get("model") == old_label:
                obj["model"] = new_label
        version.serialized_data = json.dumps(objects)
        version.save(update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    rename_permissions(apps, OLD, NEW)
    rename_versions(apps, OLD, NEW)


def backwards(apps, schema_editor):
    # Runs before the model is renamed back, so the content type still reads the new name.
    rename_permissions(apps, NEW, OLD)
    rename_versions(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("outlook", "0014_audit_withdrawn_from_review"),
    ]

    operations = [
        migrations.RenameModel("Change", "WhatChanged"),
        migrations.RunPython(forwards, backwards),
    ]
