"""Reads of news: what the public sees (published posts of active libraries
and the district, approved comments) and what staff see (their library's
posts, the office every post; comments waiting for moderation)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from pustaka.core.permissions import scope_to_user
from pustaka.libraries.models import Library
from pustaka.news.models import Comment, Post

PUBLIC_LIBRARY = Q(library__isnull=True) | Q(
    library__is_active=True, library__deleted_at__isnull=True
)


def posts_published(*, library: Library | None = None) -> QuerySet[Post]:
    """Published posts for the public, newest first: every library's and the
    district's, or one library's own."""
    posts = Post.objects.filter(
        PUBLIC_LIBRARY, status=Post.Status.PUBLISHED, deleted_at__isnull=True
    )
    if library is not None:
        posts = posts.filter(library=library)
    return posts.select_related("library").order_by("-published_at", "-created_at")


def post_public(post_id) -> Post:
    """One published post; 404 for drafts, deleted posts and unknown ones."""
    post = posts_published().filter(pk=post_id).first()
    if post is None:
        raise Http404
    return post


def comments_approved(post: Post) -> QuerySet[Comment]:
    return post.comments.filter(status=Comment.Status.APPROVED, deleted_at__isnull=True).order_by(
        "created_at"
    )


def posts_for_user(user) -> QuerySet[Post]:
    """The posts ``user`` may see on the staff pages (their library's; the
    office every post), newest first, with the number of comments waiting."""
    posts = scope_to_user(Post.objects.filter(deleted_at__isnull=True), user)
    waiting = Q(comments__status=Comment.Status.PENDING, comments__deleted_at__isnull=True)
    return (
        posts.select_related("library", "author")
        .annotate(comments_waiting=Count("comments", filter=waiting))
        .order_by("-created_at")
    )


def post_for_user(user, post_id) -> Post:
    post = scope_to_user(Post.objects.filter(deleted_at__isnull=True), user).filter(pk=post_id)
    post = post.select_related("library").first()
    if post is None:
        raise Http404
    return post


def comments_waiting_for_user(user) -> QuerySet[Comment]:
    """Comments waiting for moderation on the posts ``user`` may see, oldest first."""
    comments = Comment.objects.filter(
        status=Comment.Status.PENDING, deleted_at__isnull=True, post__deleted_at__isnull=True
    )
    comments = scope_to_user(comments, user, library_field="post__library")
    return comments.select_related("post", "post__library").order_by("created_at")


def comment_for_user(user, comment_id) -> Comment:
    comments = scope_to_user(
        Comment.objects.filter(deleted_at__isnull=True, post__deleted_at__isnull=True),
        user,
        library_field="post__library",
    )
    comment = comments.select_related("post").filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    return comment
