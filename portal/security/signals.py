"""Images held back by the multiple uploader (while their alt text is asked for) are stored as
Wagtail UploadedFile objects straight from the request: strip their metadata there too."""

from django.core.files.base import ContentFile

from portal.security.uploads import UploadError, strip_metadata


def strip_held_upload(sender, instance, **kwargs):
    upload = instance.file
    if not upload or upload._committed:
        return
    upload.seek(0)
    data = upload.read()
    try:
        stripped = strip_metadata(data)
    except UploadError:
        return  # not a well-formed image: the image form refuses it when it is completed
    if stripped != data:
        instance.file = ContentFile(stripped, name=upload.name)
