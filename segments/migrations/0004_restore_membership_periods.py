"""Bring back the membership periods that reusing one row per partner and group overwrote.

Until 0003, rejoining a group reused the membership's row and replaced its dates. Every change was
audited with the row's state before it, so each earlier period (a `before` holding both a joined
and a left date) is in the audit trail: it becomes a period of its own (status "left"), unless a
row already carries those dates. Nothing is deleted or changed; reversing leaves the rows."""

from django.db import migrations


def restore_periods(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupMembership = apps.get_model("segments", "GroupMembership")
    content_type = ContentType.objects.filter(app_label="segments", model="groupmembership").first()
    if content_type is None:
        return
    rows = {str(m.pk): m for m in GroupMembership.objects.all()}
    known = {(m.partner_id, m.group_id, str(m.joined_on), str(m.left_on)) for m in rows.values()}
    entries = AuditEntry.objects.filter(content_type=content_type).order_by("at", "id")
    for entry in entries.iterator():
        before, membership = entry.before or {}, rows.get(entry.object_id)
        if membership is None or not before.get("joined_on") or not before.get("left_on"):
            continue
        key = (membership.partner_id, membership.group_id, before["joined_on"], before["left_on"])
        if key in known:
            continue
        known.add(key)
        GroupMembership.objects.create(
            partner_id=membership.partner_id,
            group_id=membership.group_id,
            role=before.get("role") or "member",
            status="left",
            joined_on=before["joined_on"],
            left_on=before["left_on"],
            requested_at=membership.requested_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("segments", "0003_membership_periods"),
    ]

    operations = [migrations.RunPython(restore_periods, migrations.RunPython.noop)]
