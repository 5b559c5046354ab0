"""/api/v1/: the partner REST API. One module per resource keeps its views; this file only mounts them.

Add a resource by writing its views in a module of this package and listing its paths below, in its own
block. Every view gets the shared plumbing from settings.REST_FRAMEWORK (ewtp/api: bearer keys, scopes
through `required_scopes`, per-partner throttles, the error shape, cursor pagination) and Idempotency-Key
on POST and PUT from ewtp.api.idempotency.
"""

from ewtp.api.urls import api_docs_urlpatterns

app_name = "api-v1"

urlpatterns = [
    *api_docs_urlpatterns(namespace=app_name),
]
