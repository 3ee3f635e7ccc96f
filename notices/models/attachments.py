"""Copies of the files attached to disclosure line items, kept by their SHA-256.

A Wagtail document can be replaced, deleted or hidden later; the copy residents download is
the one whose hash the committee approved, whatever happens to the document afterwards.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone


class AttachmentCopy(models.Model):
    """The bytes of an attachment as submitted for review, named by their SHA-256."""

    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    file = models.FileField("文件", upload_to="disclosure-files/")
    filename = models.CharField("文件名", max_length=255)
    created_at = models.DateTimeField("保存时间", default=timezone.now)

    class Meta:
        verbose_name = "财务公开附件存档"
        verbose_name_plural = "财务公开附件存档"

    def __str__(self):
        return self.filename

    @property
    def is_pdf(self):
        return self.filename.lower().endswith(".pdf")

    def content_is_intact(self):
        try:
            with self.file.open("rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest() == self.sha256
        except (FileNotFoundError, OSError):
            return False


def keep_copy(document):
    """The SHA-256 of a document's current file, with a copy kept under that name; None if missing."""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return None
    digest = hashlib.sha256(data).hexdigest()
    if not AttachmentCopy.objects.filter(sha256=digest).exists():
        filename = document.file.name.rsplit("/", 1)[-1]
        copy = AttachmentCopy(sha256=digest, filename=filename)
        copy.file.save(f"{digest}/{filename}", ContentFile(data), save=False)
        copy.save()
    return digest
