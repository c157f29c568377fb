"""Where staff-only files (activity documents) are kept: under
``settings.PUSTAKA_PRIVATE_ROOT``, outside ``MEDIA_ROOT`` (which the site
serves to anyone at ``/media/``), so a file is reached only through the staff
page that checks who asks."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files with no public address, in the folder the setting names (read at
    each use, so tests and installations may move it)."""

    @property
    def base_location(self):
        return str(settings.PUSTAKA_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()
