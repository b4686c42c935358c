"""Names in the order people expect ("Île-de-France" among the I's, not after "Z"), whatever the
database: on PostgreSQL the name under the ICU root collation (`und-x-icu`, with an index on that
expression, see partners' migration 0006); elsewhere (SQLite) a normalised copy kept beside the
name (accents stripped, case folded: `Partner.name_key`)."""

from django.db.models import F, Func
from django.db.models.functions import Collate

#: The ICU root collation PostgreSQL ships (with ICU support, as Debian's packages have).
ICU = "und-x-icu"


class NaturalOrder(Func):
    """`NaturalOrder("name", "name_key")`: order by it as by a field (`.asc()`, `.desc()`)."""

    def __init__(self, field: str, normalised: str) -> None:
        super().__init__(F(field), F(normalised))

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[1])

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(Collate(self.source_expressions[0], ICU))
