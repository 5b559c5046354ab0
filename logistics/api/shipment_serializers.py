"""What a partner reads of a shipment: a summary in lists, everything it needs to carry it in the detail."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from logistics.dispatch.assignment import offer_expires_at
from logistics.dispatch.models import Parcel, Party, Shipment, ShipmentLine
from logistics.dispatch.statuses import OfferStatus
from logistics.incoterms import Incoterm
from logistics.partners.models import ServiceLevel


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["name", "business", "street", "postcode", "city", "country", "phone", "email", "eori",
                  "vat_number", "ioss_number"]  # fmt: skip


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShipmentLine
        fields = ["position", "description", "quantity", "unit", "unit_value", "hs_code", "origin_country",
                  "net_weight_kg"]  # fmt: skip


class ParcelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Parcel
        fields = ["position", "kind", "gross_weight_kg", "length_cm", "width_cm", "height_cm"]


class AmountSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=4)
    currency = serializers.CharField()


class DutiesSerializer(serializers.Serializer):
    incoterm = serializers.ChoiceField(choices=Incoterm.choices)
    paid = serializers.BooleanField(help_text="DDP: the buyer paid duties and taxes at checkout.")
    due_on_delivery = AmountSerializer(
        allow_null=True, help_text="DAP: the checkout's estimate of what the receiver pays on delivery."
    )


class ShipmentSummarySerializer(serializers.ModelSerializer):
    origin_country = serializers.CharField(source="sender.country")
    destination_country = serializers.CharField(source="receiver.country")
    offer_expires_at = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Shipment
        fields = ["id", "reference", "status", "status_at", "tracking_number", "service_level",
                  "origin_country", "destination_country", "offer_expires_at", "created_at", "updated_at",
                  "url"]  # fmt: skip

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_offer_expires_at(self, shipment: Shipment):
        """While the shipment waits for the partner's answer: when the offer passes to the next partner."""
        offer = next((o for o in shipment.offers.all() if o.status == OfferStatus.OFFERED), None)
        return serializers.DateTimeField().to_representation(offer_expires_at(offer)) if offer else None

    @extend_schema_field(serializers.URLField())
    def get_url(self, shipment: Shipment) -> str:
        return f"{settings.SITE_URL}/api/v1/shipments/{shipment.pk}/"


class ShipmentSerializer(ShipmentSummarySerializer):
    sender = PartySerializer()
    receiver = PartySerializer()
    lines = LineSerializer(many=True)
    parcels = ParcelSerializer(many=True)
    duties = serializers.SerializerMethodField()

    class Meta(ShipmentSummarySerializer.Meta):
        fields = [*ShipmentSummarySerializer.Meta.fields, "status_reason", "estimated_delivery", "category",
                  "category_explanation", "invoice_number", "currency", "freight", "insurance", "incoterm",
                  "duties", "sender", "receiver", "lines", "parcels"]  # fmt: skip

    @extend_schema_field(DutiesSerializer)
    def get_duties(self, shipment: Shipment) -> dict:
        due = None
        if shipment.incoterm != Incoterm.DDP and shipment.duties_estimated_amount is not None:
            due = {"amount": shipment.duties_estimated_amount, "currency": shipment.duties_estimated_currency}
        return DutiesSerializer(
            {"incoterm": shipment.incoterm, "paid": shipment.incoterm == Incoterm.DDP, "due_on_delivery": due}
        ).data


class AcceptSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=60)
    service_level = serializers.ChoiceField(choices=ServiceLevel.choices)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class RejectedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    answer = serializers.CharField()
