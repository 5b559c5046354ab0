"""Tracking events pushed by partners (scope `tracking:write`):

    POST /api/v1/tracking/events/            one event, or {"events": [...]} (up to 1,000)
    POST /api/v1/shipments/{id}/events/      the same, for one shipment named by the path

The views parse the body, call logistics.tracking.ingest and shape its report; the rules (and the event's
fields) are in logistics/tracking/validation.py. Accepted events are applied a moment later by the
`tracking` queue, hence 202. A batch answers each event it could not store in `refused` (a shipment that is
not yours is "not found", exists or not); one event on its own answers that as the error itself (404, or 409
for a tracking number that matches two of your shipments).
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from logistics.dispatch.statuses import TRACKING_STATUSES
from logistics.partners.models import Partner
from logistics.tracking.errors import TrackingEventsInvalidError, TrackingShipmentNotFoundError
from logistics.tracking.ingest import tracking_events_ingest, tracking_events_of_shipment
from logistics.tracking.selectors import partner_has_shipment
from logistics.tracking.validation import MAX_EVENTS, MAX_ID

SCOPE = "tracking:write"
# Named in SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] as TrackingStatusEnum: partners send only these.
TRACKING_STATUS_CHOICES = sorted(TRACKING_STATUSES)


# -- the shapes, for the OpenAPI document (the checks themselves are in logistics.tracking.validation)


class DutiesAssessedSerializer(serializers.Serializer):
    amount = serializers.RegexField(r"^\d+(\.\d+)?$", help_text='A decimal string, e.g. "14.20".')
    currency = serializers.CharField(min_length=3, max_length=3, help_text="ISO 4217, e.g. EUR.")


class TrackingEventSerializer(serializers.Serializer):
    event_id = serializers.CharField(
        max_length=100, help_text="Your id of the event, the same on every retry."
    )
    shipment_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="Or tracking_number."
    )
    tracking_number = serializers.CharField(max_length=60, required=False)
    status = serializers.ChoiceField(choices=TRACKING_STATUS_CHOICES)
    occurred_at = serializers.DateTimeField(help_text="ISO 8601 with a time zone; not in the future.")
    reason = serializers.CharField(max_length=300, required=False, help_text="Required for customs_hold.")
    location = serializers.CharField(max_length=200, required=False)
    estimated_delivery = serializers.DateField(required=False, allow_null=True)
    duties_assessed = DutiesAssessedSerializer(required=False, allow_null=True)


class ShipmentEventSerializer(TrackingEventSerializer):
    shipment_id = None
    tracking_number = None


class TrackingBatchSerializer(serializers.Serializer):
    events = TrackingEventSerializer(many=True, min_length=1, max_length=MAX_EVENTS)


class ShipmentBatchSerializer(serializers.Serializer):
    events = ShipmentEventSerializer(many=True, min_length=1, max_length=MAX_EVENTS)


class RefusalSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    event_id = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class IngestReportSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    stored = serializers.IntegerField(help_text="New events, to be applied in a moment.")
    duplicates = serializers.IntegerField(help_text="Events already received under the same event_id.")
    refused = RefusalSerializer(many=True)
    batch_id = serializers.IntegerField(allow_null=True)


def _one_or_many(name: str, single, batch) -> PolymorphicProxySerializer:
    return PolymorphicProxySerializer(component_name=name, serializers=[single, batch],
                                      resource_type_field_name=None)  # fmt: skip


# -- the views


def _events_of(body) -> tuple[list, bool]:
    """The body's events and whether it was one event on its own (an object without `events`)."""
    if isinstance(body, dict) and "events" not in body:
        return [body], True
    if isinstance(body, dict):
        return body["events"], False
    return body, False  # a bare list is a batch too; anything else is named by the checks


def _ingest(request, events: list, *, single: bool) -> Response:
    partner = Partner.objects.get(pk=request.user.partner_id)
    try:
        report = tracking_events_ingest(partner=partner, events=events)
    except TrackingEventsInvalidError as exc:
        if not single:
            raise
        # One event on its own: its fields by their own names (`status`, not `events[0].status`).
        details = {
            name.removeprefix("events[0]").lstrip(".") or "event": why for name, why in exc.details.items()
        }
        raise TrackingEventsInvalidError(exc.message, details=details) from None
    if single and report.refused:
        raise report.refused[0].error
    return Response(report.as_dict(), status=202)


class TrackingEventsView(APIView):
    required_scopes = {"POST": SCOPE}

    @extend_schema(
        operation_id="tracking_events_create",
        summary="Push tracking events (one, or a batch of up to 1,000)",
        request=_one_or_many("TrackingEventsRequest", TrackingEventSerializer, TrackingBatchSerializer),
        responses={202: IngestReportSerializer},
    )
    def post(self, request):
        events, single = _events_of(request.data)
        return _ingest(request, events, single=single)


class ShipmentEventsView(APIView):
    required_scopes = {"POST": SCOPE}

    @extend_schema(
        operation_id="shipment_events_create",
        summary="Push tracking events of one shipment (one, or a batch of up to 1,000)",
        request=_one_or_many("ShipmentEventsRequest", ShipmentEventSerializer, ShipmentBatchSerializer),
        responses={202: IngestReportSerializer},
    )
    def post(self, request, shipment_id: int):
        if not partner_has_shipment(partner_id=request.user.partner_id, shipment_id=shipment_id):
            raise TrackingShipmentNotFoundError(f"No shipment {shipment_id} among yours.")
        events, single = _events_of(request.data)
        if isinstance(events, list):  # anything else is named by the checks
            events = tracking_events_of_shipment(events, shipment_id=shipment_id)
        return _ingest(request, events, single=single)
