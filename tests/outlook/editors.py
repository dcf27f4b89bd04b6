from django.contrib.auth.models import Permission

from tests.factories import UserFactory


def content_editor(username: str = "editor"):
    """A staff user holding exactly the content permissions (outlooks, issues, their rows)."""
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="outlook")
        | Permission.objects.filter(
            content_type__app_label="professions", codename__startswith="view_"
        )
    )
    return user
