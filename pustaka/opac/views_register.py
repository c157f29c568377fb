"""Online registration on the public site: a person fills in a short form and
waits, pending, until their chosen home library confirms them at the desk."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pustaka.core import abuse
from pustaka.core.errors import call_on_form
from pustaka.libraries.queries import libraries_public, library_public
from pustaka.members import policies, services
from pustaka.opac.forms_register import RegisterForm

LIBRARY_PARAMETER = "perpustakaan"


@require_http_methods(["GET", "POST"])
def register(request):
    """The form; ``?perpustakaan=CODE`` chooses the home library beforehand."""
    code = request.GET.get(LIBRARY_PARAMETER, "").strip().upper()
    chosen = libraries_public().filter(code=code).first() if code else None
    form = RegisterForm(request.POST or None, initial={"library": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, member = call_on_form(
            form,
            services.member_register_online,
            library=data["library"],
            fields=form.member_fields(),
            consent_statement=str(policies.CONSENT_TEXT),
            consent_given_by=data["consent_given_by"],
            guardian_relation=data["guardian_relation"],
            honeypot=request.POST.get(abuse.HONEYPOT_FIELD, ""),
            client=abuse.client_key(request.META),
        )
        if ok:
            done = reverse("opac:register_done")
            return redirect(f"{done}?{LIBRARY_PARAMETER}={member.library.code}")
    context = {"form": form, "consent_text": policies.CONSENT_TEXT}
    return render(request, "opac/register.html", context)


def register_done(request):
    """What happens next: bring an identity card to the chosen library."""
    code = request.GET.get(LIBRARY_PARAMETER, "").strip()
    library = library_public(code) if code else None
    return render(request, "opac/register_done.html", {"library": library})
