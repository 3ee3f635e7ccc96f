"""Moving SearchSynonym from `portal` into the search app keeps an existing database's rows,
permissions and PostgreSQL index."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.search.models import SearchSynonym

# Migrations change the schema: no test transaction; serialized_rollback restores the data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("portal", "0005_postgres_search_index"), ("search", None)]
INDEX = "portal_indexentry_title_body_gin"


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_database():
    """The database as it was before the move; the historical models of that state."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE_THE_MOVE)
        yield executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
    finally:
        migrate_to_latest()


def title_body_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%(title || body)%'")
        return [row[0] for row in cursor.fetchall()]


def test_synonyms_and_their_permissions_survive_the_move(old_database):
    assert "portal_searchsynonym" in connection.introspection.table_names()
    OldSynonym = old_database.get_model("portal", "SearchSynonym")
    OldSynonym.objects.create(terms="环境整治、卫生死角清理")
    OldSynonym.objects.filter(terms="义工、志愿者").delete()  # staff removed a default
    before = set(OldSynonym.objects.values_list("pk", "terms"))
    if connection.vendor == "postgresql":
        # What portal/0005 left before the index moved to the search app.
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))")

    migrate_to_latest()

    tables = connection.introspection.table_names()
    assert "search_searchsynonym" in tables
    assert "portal_searchsynonym" not in tables
    assert set(SearchSynonym.objects.values_list("pk", "terms")) == before
    assert not SearchSynonym.objects.filter(terms="义工、志愿者").exists()
    staff = Group.objects.get(name="社区工作人员")  # granted synonyms by portal/0004
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in staff.permissions.all()}
    assert {
        "search.add_searchsynonym",
        "search.change_searchsynonym",
        "search.delete_searchsynonym",
    } <= granted
    assert not ContentType.objects.filter(app_label="portal", model="searchsynonym").exists()
    if connection.vendor == "postgresql":
        assert title_body_indexes() == [INDEX]


def test_migrating_back_and_forth_keeps_the_default_synonyms(old_database):
    migrate_to_latest()
    assert "物业费、物业管理费" in set(SearchSynonym.objects.values_list("terms", flat=True))
    if connection.vendor == "postgresql":
        assert title_body_indexes() == [INDEX]
