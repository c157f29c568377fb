"""News: posts the libraries and the district office publish, and the
public's comments on them, which wait for moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "pustaka.news"
    label = "news"
    verbose_name = _("News")
