"""The customs documents of a shipment dispatched to the partner: listed (every version, newest first) and
downloaded as PDF or JSON, served like the seller's downloads (attachment, no sniffing, no caching)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from logistics.customs.documents_downloads import FILE_FORMATS, customs_document_response
from logistics.customs.documents_models import CustomsDocument
from logistics.dispatch.errors import ShipmentNotFoundError
from logistics.dispatch.selectors import shipment_of_partner
from logistics.partners.keys_models import ApiScope


class DocumentSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField()

    class Meta:
        model = CustomsDocument
        fields = [
            "id",
            "form",
            "kind",
            "number",
            "version",
            "correction_reason",
            "issued_at",
            "sha256",
            "files",
        ]

    def get_files(self, document: CustomsDocument) -> dict[str, str]:
        base = f"{settings.SITE_URL}/api/v1/shipments/{document.shipment_id}/documents/{document.pk}"
        return {file_format: f"{base}/{file_format}/" for file_format in FILE_FORMATS}


class DocumentListSerializer(serializers.Serializer):
    results = DocumentSerializer(many=True)


class ShipmentDocumentListView(APIView):
    required_scopes = {"GET": ApiScope.DOCUMENTS_READ}

    @extend_schema(operation_id="shipment_documents_list", responses=DocumentListSerializer)
    def get(self, request, shipment_id: int):
        shipment = shipment_of_partner(partner_id=request.user.partner_id, shipment_id=shipment_id)
        documents = (
            CustomsDocument.objects.filter(shipment=shipment).defer("content").order_by("-issued_at", "-pk")
        )
        return Response({"results": DocumentSerializer(documents, many=True).data})


class ShipmentDocumentFileView(APIView):
    required_scopes = {"GET": ApiScope.DOCUMENTS_READ}

    @extend_schema(
        operation_id="shipment_document_download",
        parameters=[OpenApiParameter("file_format", str, OpenApiParameter.PATH, enum=list(FILE_FORMATS))],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The PDF, as an attachment."
            ),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="The same content."),
        },
    )
    def get(self, request, shipment_id: int, document_id: int, file_format: str):
        shipment = shipment_of_partner(partner_id=request.user.partner_id, shipment_id=shipment_id)
        document = CustomsDocument.objects.filter(pk=document_id, shipment=shipment).first()
        if document is None:
            raise ShipmentNotFoundError("No such document for this shipment.")
        return customs_document_response(document=document, file_format=file_format)
