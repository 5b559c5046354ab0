"""Tracking for pages that show an order's shipment: {% load shipment_tracking %}.

    {% shipment_timeline order.shipment_id as tracking %}        the status, estimate and events
    {% shipments_status page.object_list as statuses %}          one query for a list of orders
    {{ statuses|status_of:order.shipment_id }}                   one order's shipment status, or None

The page has already decided who may see the order; these read the shipment it names.
"""

from django import template

from logistics.tracking import selectors

register = template.Library()


@register.simple_tag
def shipment_timeline(shipment_id):
    return selectors.shipment_timeline(shipment_id=shipment_id)


@register.simple_tag
def shipments_status(rows):
    return selectors.shipments_status(shipment_ids=[getattr(row, "shipment_id", None) for row in rows])


@register.filter
def status_of(statuses, shipment_id):
    return statuses.get(shipment_id) if statuses else None
