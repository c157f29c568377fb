"""Plain Django views of the API's URL space."""

from django.http import JsonResponse

from pustaka.core.errors import NotFound


def not_found(request, rest=""):
    """Any path under ``/api/`` that no endpoint serves: the API's JSON 404."""
    return JsonResponse(
        {"code": NotFound.code, "message": str(NotFound.default_message)}, status=404
    )
