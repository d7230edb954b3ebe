"""The database itself refuses to change or delete a ledger entry, on PostgreSQL and on
SQLite: a trigger before every UPDATE and DELETE of scholarships_ledgerentry raises an
error, whoever asks (the ORM, the admin, raw SQL). A correction is a reversing entry.
(TRUNCATE, which only the table's owner may run and which the test suite uses to empty the
database between tests, is left to the database's own permissions.)

Written here rather than with django-pgtrigger, which serves PostgreSQL only; the portal
runs on SQLite too and keeps one rule for both (docs/architecture.md)."""

from django.db import migrations

MESSAGE = "ledger entries are never changed or deleted; record a reversing entry"

POSTGRESQL = [
    f"""
    CREATE FUNCTION scholarships_ledger_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER scholarships_ledger_append_only
    BEFORE UPDATE OR DELETE ON scholarships_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION scholarships_ledger_append_only();
    """,
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS scholarships_ledger_append_only ON scholarships_ledgerentry;",
    "DROP FUNCTION IF EXISTS scholarships_ledger_append_only();",
]
SQLITE = [
    f"""
    CREATE TRIGGER scholarships_ledger_no_update BEFORE UPDATE ON scholarships_ledgerentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER scholarships_ledger_no_delete BEFORE DELETE ON scholarships_ledgerentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS scholarships_ledger_no_update;",
    "DROP TRIGGER IF EXISTS scholarships_ledger_no_delete;",
]


def append_only(table, message=MESSAGE):
    """The statements that make `table` append-only on each database, and their undoing."""
    message = message.replace("'", "''")  # a quoted SQL string
    return (
        {
            "postgresql": [
                f"""
                CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
                END;
                $$ LANGUAGE plpgsql;
                """,
                f"""
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
                """,
            ],
            "sqlite": [
                f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
                f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
            ],
        },
        {
            "postgresql": [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
                f"DROP FUNCTION IF EXISTS {table}_append_only();",
            ],
            "sqlite": [
                f"DROP TRIGGER IF EXISTS {table}_no_update;",
                f"DROP TRIGGER IF EXISTS {table}_no_delete;",
            ],
        },
    )


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("scholarships", "0001_ledger")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
