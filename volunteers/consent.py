"""Withdrawn consent takes effect at once: old photo URLs stop working and search forgets the name.

Pages already read consent when they render (display_name, public_portrait, masked story text);
what would otherwise outlive the withdrawal is kept elsewhere: image files at known URLs and the
search index, which holds the text as it was when the page was last indexed.
"""

import os
import secrets

from django.core.files import File
from django.db import transaction
from wagtail.search import index

from portal.page_cache.purge import purge_site


def consent_withdrawn(volunteer=None, role_model=None):
    """Called when a volunteer's or a role model's publish consent has just been withdrawn."""
    from .models import RoleModelPage

    if volunteer is not None:
        pages = list(RoleModelPage.objects.filter(volunteer=volunteer).select_related("portrait"))
        images = [volunteer.photo, *(page.portrait for page in pages)]
        site = volunteer.site
    else:
        images = [role_model.portrait]
        site = role_model.get_site()
    for image in {image for image in images if image is not None}:
        retire_image_urls(image)
    reindex_role_models(site)
    # The flag may have changed by QuerySet.update(), which purges no cached page by itself.
    purge_site(site)


def reindex_role_models(site):
    """Every role model of the site: any story may name the person."""
    from .models import RoleModelPage

    if site is None:
        return
    for page in RoleModelPage.objects.descendant_of(site.root_page):
        index.insert_or_update_object(page)


def retire_image_urls(image):
    """Delete the image's renditions and move the original to a new random name.

    The image stays in the library for staff (consent may be given again), but every URL
    that was ever public for it now gives 404.
    """
    for rendition in image.renditions.all():
        rendition.delete()  # Wagtail deletes the file once the transaction commits
    storage = image.file.storage
    old_name = image.file.name
    extension = os.path.splitext(old_name)[1].lower()
    try:
        with storage.open(old_name, "rb") as original:
            new_name = storage.save(image.get_upload_to(secrets.token_hex(16) + extension), File(original))
    except FileNotFoundError:
        return
    image.file.name = new_name
    image.save(update_fields=["file"])
    transaction.on_commit(lambda: storage.delete(old_name))
