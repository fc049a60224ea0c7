import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The hash chain's fields and the snapshot of who acted (filled by 0005)."""

    dependencies = [
        ("core", "0003_accounts_grants_tokens"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("entry_hash", models.CharField(default="0" * 64, max_length=64)),
            ],
            options={"verbose_name": "audit chain head", "verbose_name_plural": "audit chain head"},
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(null=True, verbose_name="sequence"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor_name",
            field=models.CharField(blank=True, default="", max_length=150, verbose_name="who (username)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="role",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="roles"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="agency",
            field=models.CharField(blank=True, default="", max_length=32, verbose_name="agency"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="object_ids",
            field=models.JSONField(blank=True, default=list, verbose_name="object ids"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="request_id",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="request id"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="client_address",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="client address"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", max_length=64, verbose_name="previous hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="object_type",
            field=models.CharField(blank=True, max_length=64, verbose_name="object type"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="object_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="object id"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="object_repr",
            field=models.CharField(blank=True, max_length=200, verbose_name="object"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="who",
            ),
        ),
    ]
