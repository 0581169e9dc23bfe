"""On PostgreSQL, refuse UPDATE and DELETE of audit events in the database itself.

The only UPDATE allowed sets `actor_id` or `organisation_id` to NULL (what ON DELETE SET NULL
does when a user or an organisation is erased); every other column must stay the same.
Other databases rely on the model-level guard (`AppendOnlyModel`).
"""

from django.db import migrations

CREATE_SQL = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.organisation_id IS NULL OR NEW.organisation_id = OLD.organisation_id)
       AND ROW(NEW.id, NEW.actor_username, NEW.action, NEW.object_type, NEW.object_id,
               NEW.participant_id, NEW.timestamp)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.actor_username, OLD.action, OLD.object_type, OLD.object_id,
               OLD.participant_id, OLD.timestamp)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
