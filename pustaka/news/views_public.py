"""Public news pages: the list (all libraries, or one), and a post with its
approved comments and a comment form that works without JavaScript."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pustaka.core import abuse
from pustaka.core.errors import call_on_form
from pustaka.libraries.queries import library_public
from pustaka.news import forms, queries, services

PER_PAGE = 10
LIBRARY_PARAMETER = "perpustakaan"


def post_list(request):
    """The district's news, newest first; ``?perpustakaan=CODE``: one library's."""
    code = request.GET.get(LIBRARY_PARAMETER, "").strip()
    library = library_public(code) if code else None
    posts = queries.posts_published(library=library)
    context = {
        "library": library,
        "page": Paginator(posts, PER_PAGE).get_page(request.GET.get("page")),
        "library_parameter": LIBRARY_PARAMETER,
    }
    return render(request, "news/public_list.html", context)


@require_http_methods(["GET", "POST"])
def post_detail(request, post_id):
    """A post with its approved comments; a comment sent here waits for moderation."""
    post = queries.post_public(post_id)
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _comment = call_on_form(
            form,
            services.comment_submit,
            post=post,
            honeypot=request.POST.get(abuse.HONEYPOT_FIELD, ""),
            client=abuse.client_key(request.META),
            **form.cleaned_data,
        )
        if ok:
            messages.success(
                request,
                _("Thank you. Your comment waits for moderation: it appears here once approved."),
            )
            return redirect("news:post", post_id=post.pk)
    context = {"post": post, "comments": queries.comments_approved(post), "form": form}
    return render(request, "news/public_post.html", context)
