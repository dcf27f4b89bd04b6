"""PostgreSQL keeps the site's repeated queries prepared, unless a pooler forbids it."""

import subprocess
import sys

import pytest
from django.db import connection

from professions.models import Profession
from tests.outlook.web.test_production import ROOT, production_env


@pytest.mark.postgresql
@pytest.mark.django_db
def test_a_query_seen_five_times_is_prepared_on_its_connection():
    for _ in range(6):
        list(Profession.objects.filter(slug="prepared-statement-probe"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [statement for (statement,) in cursor.fetchall()]
    # Bound on the server: the statement holds a placeholder, not the slug.
    assert any("professions_profession" in s and "$1" in s for s in statements), statements


@pytest.mark.parametrize(("flag", "expected"), [(None, "True 5"), ("0", "None None")])
def test_prepared_statements_can_be_turned_off_for_a_pooler(tmp_path, flag, expected):
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "o = settings.DATABASES['default']['OPTIONS'];"
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="outlook.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/outlook",
        DATABASE_PREPARED_STATEMENTS=flag,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
