"""The publication's admin. Django's autodiscover imports this package: registering starts here."""

from outlook.admin import publication  # noqa: F401
