"""Template context every page needs: the user's access and the district."""

from pustaka.core.permissions import access_for


def pustaka(request):
    return {"access": access_for(getattr(request, "user", None))}
