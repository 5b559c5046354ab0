"""manage.py customs_documents_make_private: move customs document files left in public media to private
storage. Migration 0005 does this once; run this where the media files are reachable if it could not."""

from django.core.files.storage import storages
from django.core.management.base import BaseCommand

from logistics.customs.documents_files import customs_document_files, customs_document_files_make_private
from logistics.customs.documents_models import CustomsDocument


class Command(BaseCommand):
    help = "Move customs document files still in public media to private storage (safe to rerun)."

    def handle(self, *args, **options):
        report = customs_document_files_make_private(
            files=customs_document_files(CustomsDocument.objects.all()),
            public=storages["default"],
            private=storages["private"],
        )
        self.stdout.write(
            f"{report.moved} moved, {report.already_private} already private, {len(report.missing)} missing."
        )
        for name in report.missing:
            self.stderr.write(f"missing from public and private storage: {name}")
        for name in report.altered:
            self.stderr.write(f"moved, but the PDF does not match the sha256 recorded at issue: {name}")
