"""Staff pages for news, under ``/staff/news/``: the posts, writing and
editing one (with a photo), publishing, deleting, and the moderation queue
of comments."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user
from pustaka.news import forms, policies, queries, services

PER_PAGE = 30


@staff_required
def post_list(request):
    """The posts of the user's library (every post for the office)."""
    access = access_for(request.user)
    posts = Paginator(queries.posts_for_user(request.user), PER_PAGE)
    context = {
        "page": posts.get_page(request.GET.get("page")),
        "can_write": _may_write_somewhere(access),
        "comments_waiting": queries.comments_waiting_for_user(request.user).count(),
    }
    return render(request, "news/post_list.html", context)


def _may_write_somewhere(access) -> bool:
    """The office, or staff of a library (their own); not the district viewer."""
    return policies.may_write(access, access.library_id)


@staff_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    """Write a post: saved as a draft, or published at once."""
    access = access_for(request.user)
    require(_may_write_somewhere(access))
    libraries = libraries_for_user(request.user) if access.sees_all_libraries else None
    form = forms.PostForm(request.POST or None, request.FILES or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        library = form.cleaned_data["library"] if libraries is not None else _own(request)
        ok, post = call_on_form(
            form,
            services.post_create,
            actor=request.user,
            library=library,
            publish="publish" in request.POST,
            **form.changes(),
        )
        if ok:
            messages.success(request, _message_saved(post))
            return redirect("news_staff:list")
    return render(request, "news/post_form.html", {"form": form, "post": None})


def _own(request):
    return request.user.staff_role.library


def _message_saved(post) -> str:
    if post.status == post.Status.PUBLISHED:
        return _("“%(title)s” is published.") % {"title": post.title}
    return _("“%(title)s” is saved as a draft.") % {"title": post.title}


@staff_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id):
    """Change a post; the page also publishes a draft and leads to deleting it."""
    post = queries.post_for_user(request.user, post_id)
    access = access_for(request.user)
    require(policies.may_write(access, post.library_id))
    initial = {"title": post.title, "text": post.text, "photo_alt": post.photo_alt}
    form = forms.PostForm(
        request.POST or None, request.FILES or None, initial=initial, has_photo=bool(post.photo)
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form, services.post_update, actor=request.user, post=post, changes=form.changes()
        )
        if ok:
            messages.success(request, _message_saved(post))
            return redirect("news_staff:list")
    context = {
        "form": form,
        "post": post,
        "can_delete": policies.may_delete(access, post.library_id),
    }
    return render(request, "news/post_form.html", context)


@staff_required
@require_POST
def post_publish(request, post_id):
    post = queries.post_for_user(request.user, post_id)
    if _call(request, services.post_publish, actor=request.user, post=post):
        messages.success(request, _message_saved(post))
    return redirect("news_staff:list")


@staff_required
@require_http_methods(["GET", "POST"])
def post_delete(request, post_id):
    """Ask, then take the post off the site."""
    post = queries.post_for_user(request.user, post_id)
    require(policies.may_delete(access_for(request.user), post.library_id))
    if request.method == "POST":
        if _call(request, services.post_delete, actor=request.user, post=post):
            messages.success(request, _("“%(title)s” is deleted.") % {"title": post.title})
        return redirect("news_staff:list")
    return render(request, "news/post_delete.html", {"post": post})


@staff_required
def comments(request):
    """Comments waiting for moderation on the posts the user may moderate."""
    waiting = queries.comments_waiting_for_user(request.user)
    context = {
        "page": Paginator(waiting, PER_PAGE).get_page(request.GET.get("page")),
        # Everyone but the district viewer moderates every comment they see.
        "can_moderate": _may_write_somewhere(access_for(request.user)),
    }
    return render(request, "news/comments.html", context)


@staff_required
@require_POST
def comment_moderate(request, comment_id):
    comment = queries.comment_for_user(request.user, comment_id)
    decision = request.POST.get("decision", "")
    if _call(
        request, services.comment_moderate, actor=request.user, comment=comment, decision=decision
    ):
        if decision == comment.Status.APPROVED:
            message = _("The comment by %(name)s is shown under the post.")
        else:
            message = _("The comment by %(name)s is rejected.")
        messages.success(request, message % {"name": comment.name})
    return redirect("news_staff:comments")


def _call(request, service, **kwargs) -> bool:
    """Call ``service``; a refusal becomes an error message (403 stays a 403)."""
    try:
        service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        texts = [str(text) for texts in error.fields.values() for text in texts]
        messages.error(request, " ".join(texts or [str(error.message)]))
        return False
    return True
