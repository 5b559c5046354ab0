"""Tracking: partners' events (pushed through the API or pulled from their tracking URL), stored once by the
partner's event id and applied by the `tracking` queue, so a shipment's status follows event time."""
