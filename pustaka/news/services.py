"""Every change to news: posts that library staff (or the office, for the
whole district) write and publish, and the public's comments, which wait
until staff approve them.

Who may do what: the office everywhere and alone for district-wide posts;
a library's managers and volunteers write, publish and moderate their own
library's news (volunteers run many village libraries day to day); deleting
a post is for the library's manager and the office, as with other deletions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError

from pustaka.catalog.covers import image_jpeg
from pustaka.core import abuse
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.libraries.models import Library
from pustaka.news import policies
from pustaka.news.models import Comment, Post

POST_FIELDS = {"title", "text", "photo", "photo_alt"}


@transaction.atomic
def post_create(
    *,
    actor,
    library: Library | None,
    title: str,
    text: str,
    photo=None,
    photo_alt: str = "",
    publish: bool = False,
) -> Post:
    """Write a post for ``library`` (``None``: the whole district), kept as a
    draft unless ``publish``. A photo is made smaller before it is kept."""
    if not policies.may_write(access_for(actor), library.pk if library else None):
        raise NotPermitted
    fields = _post_fields_clean({"title": title, "text": text, "photo_alt": photo_alt})
    photo = _photo_small(photo) if photo else ""
    _check_photo_described(photo, fields["photo_alt"])
    post = Post(library=library, author=actor, photo=photo, **fields)
    if publish:
        post.status, post.published_at = Post.Status.PUBLISHED, timezone.now()
    return insert_logged(post, actor=actor)


@transaction.atomic
def post_update(*, actor, post: Post, changes: dict) -> list[str]:
    """Change a post's title, text or photo (``photo``: an upload replaces it,
    ``""`` removes it). Returns the changed fields."""
    _post_for_change(actor, post)
    changes = _post_fields_clean(changes)
    if changes.get("photo"):
        changes["photo"] = _photo_small(changes["photo"])
    _check_photo_described(
        changes.get("photo", post.photo), changes.get("photo_alt", post.photo_alt)
    )
    return update_logged(post, actor=actor, changes=changes, allowed=POST_FIELDS)


@transaction.atomic
def post_publish(*, actor, post: Post) -> Post:
    """Publish a draft: it appears on the library's page and the district's."""
    _post_for_change(actor, post)
    if post.status == Post.Status.PUBLISHED:
        raise Invalid(_("This post is published already."), code="published")
    changes = {"status": Post.Status.PUBLISHED, "published_at": timezone.now()}
    update_logged(post, actor=actor, changes=changes, allowed=set(changes))
    return post


@transaction.atomic
def post_delete(*, actor, post: Post) -> None:
    """Take a post (and so its comments) off the site; it is marked deleted."""
    if post.deleted_at is not None:
        raise NotFound
    if not policies.may_delete(access_for(actor), post.library_id):
        raise NotPermitted
    changes = {"deleted_at": timezone.now()}
    update_logged(post, actor=actor, changes=changes, allowed=set(changes))


def _post_for_change(actor, post: Post) -> None:
    if post.deleted_at is not None:
        raise NotFound
    if not policies.may_write(access_for(actor), post.library_id):
        raise NotPermitted


def _post_fields_clean(fields: dict) -> dict:
    """Titles and texts trimmed; the text a plain text of bounded length."""
    fields = dict(fields)
    for name in ("title", "photo_alt"):
        if name in fields:
            fields[name] = " ".join((fields[name] or "").split())
    if "text" in fields:
        fields["text"] = policies.clean_text(fields["text"])
        if len(fields["text"]) > policies.TEXT_MAX:
            message = _("Keep the text under %(count)s characters.") % {"count": policies.TEXT_MAX}
            raise Invalid(fields={"text": [message]})
    return fields


def _photo_small(upload):
    """The uploaded photo as a JPEG that fits the news pages (made locally)."""
    if upload.size > policies.PHOTO_MAX_BYTES:
        raise Invalid(fields={"photo": [_("The image is too large: choose one under 10 MB.")]})
    try:
        return image_jpeg(
            upload, max_width=policies.PHOTO_MAX_WIDTH, max_height=policies.PHOTO_MAX_HEIGHT
        )
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise Invalid(fields={"photo": [_("This file could not be read as an image.")]}) from error


def _check_photo_described(photo, photo_alt: str) -> None:
    """A photo needs words for people who cannot see it."""
    if photo and not photo_alt:
        raise Invalid(
            fields={"photo_alt": [_("Say in a few words what the photo shows.")]},
            code="photo_alt",
        )


@transaction.atomic
def comment_submit(
    *, post: Post, name: str, text: str, honeypot: str = "", client: str = ""
) -> Comment:
    """A comment from anyone on a published post; it waits for moderation.
    Robots are refused by the honeypot and floods by a rate limit per
    ``client`` (a keyed hash of the address, see ``core.abuse``)."""
    abuse.honeypot_check(honeypot)
    if post.status != Post.Status.PUBLISHED or post.deleted_at is not None:
        raise NotFound
    name, text = " ".join((name or "").split()), policies.clean_text(text)
    _check_comment(name, text)
    abuse.rate_limit(
        scope="news.comment",
        client=client,
        limit=policies.COMMENT_LIMIT,
        window=policies.COMMENT_WINDOW,
    )
    return insert_logged(Comment(post=post, name=name, text=text), actor=None)


def _check_comment(name: str, text: str) -> None:
    problems = {}
    if not name:
        problems["name"] = [_("Give your name.")]
    elif len(name) > policies.COMMENT_NAME_MAX:
        problems["name"] = [
            _("Keep your name under %(count)s characters.") % {"count": policies.COMMENT_NAME_MAX}
        ]
    if len(text) < policies.COMMENT_TEXT_MIN:
        problems["text"] = [_("Write your comment.")]
    elif len(text) > policies.COMMENT_TEXT_MAX:
        problems["text"] = [
            _("Keep your comment under %(count)s characters.")
            % {"count": policies.COMMENT_TEXT_MAX}
        ]
    if problems:
        raise Invalid(fields=problems)


MODERATION = {Comment.Status.APPROVED, Comment.Status.REJECTED}


@transaction.atomic
def comment_moderate(*, actor, comment: Comment, decision: str) -> Comment:
    """Approve a comment (it appears under the post) or reject it (it never
    does); a decision may be changed later, e.g. to take a comment down."""
    if not policies.may_write(access_for(actor), comment.post.library_id):
        raise NotPermitted
    if decision not in MODERATION:
        raise Invalid(fields={"decision": [_("Choose approve or reject.")]})
    if comment.status == decision:
        raise Invalid(_("This decision was taken already."), code="moderated")
    update_logged(comment, actor=actor, changes={"status": decision}, allowed={"status"})
    return comment
