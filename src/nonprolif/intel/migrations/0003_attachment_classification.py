"""An attachment keeps the classification its report had when the file was attached (the
existing ones take their report's current classification); a report keeps the version that
was current when it was published (the existing published or withdrawn ones take their
current version: no earlier version is assumed to have been released)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def fill(apps, schema_editor):
    ReportAttachment = apps.get_model("intel", "ReportAttachment")
    IntelReport = apps.get_model("intel", "IntelReport")
    ReportAttachment.objects.update(
        classification_id=Subquery(
            IntelReport.objects.filter(pk=OuterRef("report_id")).values("classification_id")[:1]
        )
    )
    IntelReport.objects.exclude(status="draft").update(published_version=F("version"))
    if schema_editor.connection.vendor == "postgresql":
        # The deferred foreign key checks now, so that the column can be made NOT NULL in
        # the same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("intel", "0002_search_fulltext"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportattachment",
            name="classification",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.classificationlevel",
                verbose_name="classification",
            ),
        ),
        migrations.AddField(
            model_name="intelreport",
            name="published_version",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="version published"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reportattachment",
            name="classification",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.classificationlevel",
                verbose_name="classification",
            ),
        ),
    ]
