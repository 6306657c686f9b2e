"""The bottom floor used to be the app "pages". A database migrated under that name, with its rows,
migrates to "core" without creating, dropping or losing anything: the tables keep their names and rows,
the recorded migrations count as run, and the content types (with the permissions and the admin's
history on them) follow the new label."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.models import AccessibilityStatement, PrivacyNotice

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs the migrations inside the test's transaction (PostgreSQL)"
)


def _as_before_the_move() -> None:
    """The database as the app "pages" left it: its migrations recorded under that label, and its
    content types too."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name LIKE '0007%%'")
        cursor.execute("UPDATE django_migrations SET app = 'pages' WHERE app = 'core'")
    ContentType.objects.filter(app_label="core").update(app_label="pages")
    ContentType.objects.clear_cache()


def _rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table != "django_migrations":
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
        return counts


@pytest.mark.django_db
def test_a_database_from_before_the_move_migrates_with_every_row_kept():
    PrivacyNotice.objects.create(version="9.9", body_da="Tekst", published_at=timezone.now())
    notices = set(PrivacyNotice.objects.values_list("pk", "version"))
    statement = AccessibilityStatement.objects.get()
    permissions = set(Permission.objects.filter(content_type__app_label="core").values_list("pk", "codename"))
    _as_before_the_move()
    before = _rows()

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert [migration.name for migration, _backwards in plan] == ["0007_content_types_follow_the_app"]
    assert _rows() == before
    assert set(PrivacyNotice.objects.values_list("pk", "version")) == notices
    assert AccessibilityStatement.objects.get().body_da == statement.body_da
    ContentType.objects.clear_cache()
    assert not ContentType.objects.filter(app_label="pages").exists()
    assert set(Permission.objects.filter(content_type__app_label="core").values_list("pk", "codename")) == (
        permissions
    )
    assert {
        ("core", "0001_initial"),
        ("pages", "0001_initial"),
    } <= executor.recorder.applied_migrations().keys()
