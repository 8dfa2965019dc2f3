"""A database trigger that refuses to turn an anonymous poll into a named one.

A check constraint sees one row, not its change: the rule "once anonymous, always
anonymous" needs a trigger. It is installed by migration 0002 and again after every
`migrate` (`apps.PollsConfig`), since SQLite drops a table's triggers when a later
migration rebuilds the table. Both statements are idempotent.
"""

TRIGGER = "polls_poll_stays_anonymous"

SQLITE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TRIGGER}
    BEFORE UPDATE OF is_anonymous ON polls_poll
    FOR EACH ROW WHEN OLD.is_anonymous AND NOT NEW.is_anonymous
    BEGIN SELECT RAISE(ABORT, '{TRIGGER}: an anonymous poll stays anonymous'); END
    """
]

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
    BEGIN
        IF OLD.is_anonymous AND NOT NEW.is_anonymous THEN
            RAISE EXCEPTION '{TRIGGER}: an anonymous poll stays anonymous'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON polls_poll",
    f"""
    CREATE TRIGGER {TRIGGER} BEFORE UPDATE OF is_anonymous ON polls_poll
    FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()
    """,
]


def install(connection) -> None:
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    if not statements:
        return
    tables = connection.introspection.table_names()
    if "polls_poll" not in tables:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON polls_poll")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
