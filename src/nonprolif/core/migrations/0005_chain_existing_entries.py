from django.db import migrations

from nonprolif.core.models.audit import GENESIS_HASH, HASHED_FIELDS, chain_hash


def chain(apps, schema_editor):
    """Number the existing entries in the order they were written, snapshot their actors and
    chain them; the head row then names the last one."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditHead = apps.get_model("core", "AuditHead")
    prev_hash, seq = GENESIS_HASH, 0
    for entry in AuditEntry.objects.select_related("actor__agency").order_by("at", "pk"):
        seq += 1
        actor = entry.actor
        entry.seq = seq
        entry.actor_name = actor.username if actor else ""
        entry.role = (
            ",".join(sorted(actor.groups.values_list("name", flat=True))) if actor else ""
        )
        entry.agency = actor.agency.code if actor and actor.agency else ""
        entry.prev_hash = prev_hash
        entry.entry_hash = chain_hash({name: getattr(entry, name) for name in HASHED_FIELDS})
        entry.save()
        prev_hash = entry.entry_hash
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": seq, "entry_hash": prev_hash})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_chain_fields"),
    ]

    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
