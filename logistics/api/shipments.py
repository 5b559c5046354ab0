"""The shipments dispatched to the partner: list (cursor-paginated, filtered by status and updated_since),
detail, and the answer to an offer (accept with a tracking number, or reject with a reason). Another
partner's shipment is a 404 on every one of them, never a 403: its existence is not the asker's to know."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from logistics.api.shipment_serializers import (
    AcceptSerializer,
    RejectedSerializer,
    RejectSerializer,
    ShipmentSerializer,
    ShipmentSummarySerializer,
)
from logistics.dispatch.assignment import shipment_offer_accept, shipment_offer_reject
from logistics.dispatch.models import Shipment
from logistics.dispatch.selectors import shipment_of_partner, shipments_of_partner
from logistics.dispatch.statuses import ShipmentStatus
from logistics.partners.keys_models import ApiScope


class ShipmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ShipmentStatus.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="ISO 8601 with a time zone; changed at or after.",
    )


class ShipmentListView(generics.ListAPIView):
    """The partner's shipments, oldest change first: poll with `updated_since` and follow `next`."""

    required_scopes = {"GET": ApiScope.SHIPMENTS_READ}
    serializer_class = ShipmentSummarySerializer
    filterset_class = ShipmentFilter
    pagination_ordering = ("updated_at", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no partner
            return Shipment.objects.none()
        return shipments_of_partner(partner_id=self.request.user.partner_id).prefetch_related("offers")


class ShipmentDetailView(APIView):
    required_scopes = {"GET": ApiScope.SHIPMENTS_READ}

    @extend_schema(responses=ShipmentSerializer)
    def get(self, request, shipment_id: int):
        shipment = shipment_of_partner(partner_id=request.user.partner_id, shipment_id=shipment_id)
        return Response(ShipmentSerializer(shipment).data)


class ShipmentAcceptView(APIView):
    required_scopes = {"POST": ApiScope.SHIPMENTS_WRITE}

    @extend_schema(request=AcceptSerializer, responses=ShipmentSerializer)
    def post(self, request, shipment_id: int):
        """Take the shipment: it moves to pre_transit with your tracking number. Again with the same values
        is harmless; with others once accepted, 409."""
        answer = AcceptSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        shipment_offer_accept(
            partner_id=request.user.partner_id, shipment_id=shipment_id, **answer.validated_data
        )
        shipment = shipment_of_partner(partner_id=request.user.partner_id, shipment_id=shipment_id)
        return Response(ShipmentSerializer(shipment).data)


class ShipmentRejectView(APIView):
    required_scopes = {"POST": ApiScope.SHIPMENTS_WRITE}

    @extend_schema(request=RejectSerializer, responses=RejectedSerializer)
    def post(self, request, shipment_id: int):
        """Turn the shipment down, saying why: it goes to the next partner and is no longer yours."""
        answer = RejectSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        shipment_offer_reject(
            partner_id=request.user.partner_id, shipment_id=shipment_id, **answer.validated_data
        )
        return Response({"id": shipment_id, "answer": "rejected"})
