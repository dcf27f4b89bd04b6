"""The documented backup (README, "Backup and restore") re-imports with nothing lost."""

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command

from accounts.models import User
from outlook.models import Issue, Outlook
from tests.factories import OutlookFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Exactly the README's export command. XML, because JSON rounds timestamps to milliseconds.
EXPORT_OPTIONS = {
    "format": "xml",
    "natural_foreign": True,
    "exclude": ["contenttypes", "auth.permission", "sessions"],
}
KEPT_MODELS = [
    *apps.get_app_config("outlook").get_models(),
    *apps.get_app_config("professions").get_models(),
    *apps.get_app_config("accounts").get_models(),
    Group,
    LogEntry,
]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every kept model, with its primary key and all its values."""
    return {
        model._meta.label: serializers.serialize(
            "python", model.objects.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in KEPT_MODELS
    }


def test_a_full_export_re_imports_into_an_empty_database_with_nothing_lost(tmp_path):
    call_command("load_demo")
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="change_outlook"))
    editor = UserFactory(username="editor", is_staff=True, first_name="Ada")
    editor.groups.add(editors)
    issue = Issue.objects.first()
    draft = OutlookFactory(issue=issue, status="draft", body="A **draft** with Markdown.")
    LogEntry.objects.log_actions(editor.pk, [draft], CHANGE, change_message="Edited")
    before = snapshot()
    assert all(before[label] for label in ("outlook.Outlook", "admin.LogEntry", "auth.Group"))

    backup = tmp_path / "backup.xml.gz"
    call_command("dumpdata", output=str(backup), verbosity=0, **EXPORT_OPTIONS)

    call_command("flush", interactive=False, verbosity=0)
    assert not any(rows for rows in snapshot().values())

    call_command("loaddata", str(backup), verbosity=0)
    assert snapshot() == before
    restored = User.objects.get(username="editor")
    assert restored.check_password("a-long-test-password")
    assert restored.has_perm("outlook.change_outlook")

    # Sequences follow the restored ids, so the next row an editor adds gets a fresh one.
    new = OutlookFactory(issue=Issue.objects.first())
    assert new.pk > max(row["pk"] for row in before["outlook.Outlook"])
    assert Outlook.objects.count() == len(before["outlook.Outlook"]) + 1
    assert ContentType.objects.filter(app_label="outlook").exists()
