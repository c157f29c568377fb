"""News posts of a library (or of the whole district, from the office) and
the public's comments on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.models import SyncedModel
from pustaka.libraries.models import Library


class Post(SyncedModel):
    """A news post: plain text in paragraphs, perhaps a photo; a library's
    own, or the district's when written by the office for every library."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    library = models.ForeignKey(
        Library,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("library"),
        help_text=_("Empty for news of the whole district."),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    photo = models.ImageField(_("photo"), upload_to="news/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="post_published_idx"),
        ]

    def __str__(self):
        return self.title


class Comment(SyncedModel):
    """A comment of a member of the public on a post; shown once staff approve it.
    The commenter's address is not kept (the rate limit counts in the cache)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="comments", verbose_name=_("post")
    )
    name = models.CharField(_("name"), max_length=80)
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["post", "status"], name="comment_post_status_idx")]

    def __str__(self):
        return f"{self.name}: {self.text[:40]}"
