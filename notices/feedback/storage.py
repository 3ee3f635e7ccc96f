"""Where report photos are kept: a folder outside MEDIA_ROOT with no public URL; the admin serves
them to the item's community staff (admin_views.photo)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Report photos have no public URL; the admin serves them.")


def private_storage():
    """FEEDBACK_PRIVATE_ROOT, never under MEDIA_ROOT (nginx serves that folder to anyone)."""
    return PrivateStorage(location=settings.FEEDBACK_PRIVATE_ROOT)
