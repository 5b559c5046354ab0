"""/api/v1/: the partner REST API. Each resource keeps its views in its own module; this file only mounts
them, one block per resource. A shipment's sub-resources hang under `shipments/<int:shipment_id>/`.

Every view gets the shared plumbing from settings.REST_FRAMEWORK (ewtp/api: bearer keys, scopes through a
view's `required_scopes`, per-partner throttles, the one error shape, cursor pagination) and Idempotency-Key
on POST and PUT from ewtp.api.idempotency, with nothing to declare.
"""

from django.urls import path, register_converter

from ewtp.api.urls import api_docs_urlpatterns
from logistics.api import documents, rate_cards, shipments
from logistics.api.tracking_views import ShipmentEventsView, TrackingEventsView


class FileFormatConverter:
    regex = "pdf|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormatConverter, "file_format")

app_name = "api-v1"

SHIPMENT = "shipments/<int:shipment_id>/"

urlpatterns = [
    *api_docs_urlpatterns(namespace=app_name),
    # -- shipments dispatched to the partner, and its answer
    path("shipments/", shipments.ShipmentListView.as_view(), name="shipments"),
    path(SHIPMENT, shipments.ShipmentDetailView.as_view(), name="shipment"),
    path(f"{SHIPMENT}accept/", shipments.ShipmentAcceptView.as_view(), name="shipment-accept"),
    path(f"{SHIPMENT}reject/", shipments.ShipmentRejectView.as_view(), name="shipment-reject"),
    # -- customs documents
    path(f"{SHIPMENT}documents/", documents.ShipmentDocumentListView.as_view(), name="shipment-documents"),
    path(
        f"{SHIPMENT}documents/<int:document_id>/<file_format:file_format>/",
        documents.ShipmentDocumentFileView.as_view(),
        name="shipment-document-file",
    ),
    # -- tracking events (tracking_views.py)
    path("tracking/events/", TrackingEventsView.as_view(), name="tracking-events"),
    path(f"{SHIPMENT}events/", ShipmentEventsView.as_view(), name="shipment-events"),
    # -- the partner's rate cards
    path("rate-cards/", rate_cards.RateCardsView.as_view(), name="rate-cards"),
]
