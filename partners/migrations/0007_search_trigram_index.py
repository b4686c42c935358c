from django.db import migrations

#: PostgreSQL only: pg_trgm and a trigram index on the normalised search text, which answers both the
#: `contains` of every word and the similar spellings of PartnerQuerySet.search. The text is already
#: unaccented and case-folded when it is saved (partners.models.normalise), so the index needs no
#: unaccent() (which PostgreSQL does not allow in an index: it is not immutable). SQLite has neither.
INDEX = "partner_search_text_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON partners_partner USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_api_tokens"),
    ]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
