"""On PostgreSQL, the audit log's append-only trigger (core 0002, 0003) lets through, while
the transaction-local setting `kohtaanto.privacy` is 'on' (`privacy.auditlog.allowed`):
a DELETE (the retention run's `audit_log` rule) and an UPDATE that only blanks
`actor_username` (an erased user's name). Everything else is refused as before."""

import importlib

from django.db import migrations

_0003 = importlib.import_module("kohtaanto.core.migrations.0003_auditevent_details_list")

ALLOW = """BEGIN
    IF current_setting('kohtaanto.privacy', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF NEW.actor_username = ''
           AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
           AND (NEW.organisation_id IS NULL OR NEW.organisation_id = OLD.organisation_id)
           AND ROW(NEW.id, NEW.action, NEW.object_type, NEW.object_id,
                   NEW.participant_id, NEW.timestamp, NEW.details)
               IS NOT DISTINCT FROM
               ROW(OLD.id, OLD.action, OLD.object_type, OLD.object_id,
                   OLD.participant_id, OLD.timestamp, OLD.details)
        THEN
            RETURN NEW;
        END IF;
    END IF;
"""
WITH_PRIVACY = _0003.WITH_DETAILS.replace("BEGIN\n", ALLOW, 1)
assert WITH_PRIVACY.count("kohtaanto.privacy") == 1


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WITH_PRIVACY, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_0003.WITH_DETAILS, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("core", "0003_auditevent_details_list"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
