from django.db import migrations

#: PostgreSQL only: the active partners in name order (core.collation), with the key that breaks ties
#: and the dates that say who is active, in one index. A page of the API's list finds its keys by an
#: index-only scan of it (core.api.KeysFirstPaginator), however deep the page; it replaces the index on
#: the name alone of migration 0005, which it serves as well.
INDEX = "partner_name_icu_id"
CREATE = (
    f'CREATE INDEX IF NOT EXISTS {INDEX} ON partners_partner ((name COLLATE "und-x-icu"), id) '
    "INCLUDE (joined_on, left_on)"
)


def create_covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        schema_editor.execute("DROP INDEX IF EXISTS partner_name_icu")


def drop_covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX IF NOT EXISTS partner_name_icu ON partners_partner ((name COLLATE "und-x-icu"))'
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0007_search_trigram_index"),
    ]

    operations = [migrations.RunPython(create_covering_index, drop_covering_index)]
