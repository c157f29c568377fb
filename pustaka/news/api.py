"""The news API: the published posts, writing (and publishing) a post, and
moderating the comments that wait — through the same services as the pages."""

import datetime
from typing import Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_for_user, library_public
from pustaka.news import queries, services
from pustaka.news.models import Comment, Post

router = Router(tags=["news"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})


class PostOut(Schema):
    id: UUID
    library: str | None = Field(description="The library's code; null: news of the district.")
    title: str
    text: str = Field(description="Plain text; paragraphs are separated by an empty line.")
    photo: str | None = Field(description="The photo's address on this server.")
    photo_alt: str
    status: Post.Status
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_library(obj):
        return obj.library.code if obj.library_id else None

    @staticmethod
    def resolve_photo(obj):
        return obj.photo.url if obj.photo else None


class PostIn(Schema):
    """A new post: a draft unless ``publish``. ``library`` is the caller's own
    library unless the district office names one; the office leaves it out
    for news of the whole district."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    library: str | None = Field(None, description="A library code (district office only).")
    publish: bool = False


class CommentOut(Schema):
    id: UUID
    post: UUID = Field(description="The post commented on.")
    name: str
    text: str
    status: Comment.Status
    created_at: datetime.datetime

    @staticmethod
    def resolve_post(obj):
        return obj.post_id


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approved", "rejected"]


@router.get("/news", response={200: list[PostOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def news_list(request, library: str = ""):
    """Published posts as the public sees them, newest first; ``library``: one
    library's (by code). Paged with ``limit`` and ``offset``."""
    return queries.posts_published(library=library_public(library) if library else None)


@router.post("/news", response={201: PostOut, WRITE_ERRORS: ErrorOut})
def news_post(request, payload: PostIn):
    """Write a post (a draft, or published at once with ``publish``)."""
    user = caller(request)
    post = services.post_create(
        actor=user,
        library=_library(user, payload.library),
        title=payload.title,
        text=payload.text,
        publish=payload.publish,
    )
    return Status(201, post)


@router.post("/news/{id}/publish", response={200: PostOut, WRITE_ERRORS: ErrorOut})
def news_publish(request, id: UUID):
    """Publish a draft."""
    user = caller(request)
    return services.post_publish(actor=user, post=queries.post_for_user(user, id))


@router.get("/news/comments", response={200: list[CommentOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def comments_waiting(request):
    """Comments waiting for moderation on the posts the caller may see, oldest first."""
    return queries.comments_waiting_for_user(caller(request))


@router.post("/news/comments/{id}/moderate", response={200: CommentOut, WRITE_ERRORS: ErrorOut})
def comment_moderate(request, id: UUID, payload: DecisionIn):
    """Approve a comment (it is shown under its post) or reject it."""
    user = caller(request)
    comment = queries.comment_for_user(user, id)
    return services.comment_moderate(actor=user, comment=comment, decision=payload.decision)


def _library(user, code: str | None):
    """The post's library: the caller's own, or the one the office names
    (``None`` for district news)."""
    access = access_for(user)
    if access.library_id is not None:
        own = user.staff_role.library
        if code is not None and code.strip().upper() != own.code:
            raise NotPermitted
        return own
    if code is None:
        return None
    library = libraries_for_user(user).filter(code=code.strip().upper()).first()
    if library is None:
        raise Invalid(
            fields={"library": [_("There is no library with code “%(code)s”.") % {"code": code}]}
        )
    return library
