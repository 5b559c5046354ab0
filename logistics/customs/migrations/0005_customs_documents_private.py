"""Customs documents move to private storage: new files go there, and the files already issued are moved
out of public media (where anyone could download them) under the same names."""

import logging

from django.core.files.storage import storages
from django.db import migrations, models

import logistics.customs.documents_models
from logistics.customs.documents_files import customs_document_files, customs_document_files_make_private

logger = logging.getLogger(__name__)


def move_issued_files(apps, schema_editor):
    documents = apps.get_model("customs", "CustomsDocument").objects.using(schema_editor.connection.alias)
    report = customs_document_files_make_private(
        files=customs_document_files(documents.all()), public=storages["default"], private=storages["private"]
    )
    if report.missing:
        # Media not reachable from where migrate ran: rerun the move where it is.
        logger.warning(
            "customs.document_files_not_moved",
            extra={"missing": len(report.missing), "remedy": "manage.py customs_documents_make_private"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("customs", "0004_vatrate_inclusive"),
    ]

    operations = [
        migrations.AlterField(
            model_name="customsdocument",
            name="json",
            field=models.FileField(
                max_length=200,
                storage=logistics.customs.documents_models.customs_document_storage,
                upload_to="customs/",
            ),
        ),
        migrations.AlterField(
            model_name="customsdocument",
            name="pdf",
            field=models.FileField(
                max_length=200,
                storage=logistics.customs.documents_models.customs_document_storage,
                upload_to="customs/",
            ),
        ),
        # Backwards the files stay private: undoing a fix must not republish personal data.
        migrations.RunPython(move_issued_files, migrations.RunPython.noop),
    ]
