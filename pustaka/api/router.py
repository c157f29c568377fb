"""The REST API frame: ``/api/v1/``, its authentication and its error format."""

from ninja import NinjaAPI

api = NinjaAPI(title="Pustaka API", version="1", urls_namespace="api")
