"""``/me``: the account an API call acts as, handy for checking a token in scripts."""

from ninja import Router, Schema

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.permissions import access_for

router = Router(tags=["me"])


class MeOut(Schema):
    username: str
    name: str
    role: str
    library: str | None


@router.get("/me", response={200: MeOut, frozenset({401, 403}): ErrorOut})
def me(request):
    """The calling account: username, full name, staff role and library code (if any)."""
    user = caller(request)
    staff_role = getattr(user, "staff_role", None)
    library = staff_role.library if staff_role is not None else None
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "role": access_for(user).role,
        "library": library.code if library is not None else None,
    }
