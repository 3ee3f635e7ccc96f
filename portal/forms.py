"""Admin forms shared by every section."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from portal.personal_data import PersonalDataFormMixin
from portal.review.files import SWAP_REFUSED, used_by_live_reviewed_pages
from portal.security.uploads import UploadError, check_document_content, check_image_budget, strip_metadata


class BudgetImageField(WagtailImageField):
    """Wagtail's image field, but the memory budget is checked from the file's header first:
    Wagtail's own checks have Willow decode every pixel."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            try:
                check_image_budget(data)
            except UploadError as error:
                raise ValidationError(str(error), code="image_too_large") from None
        return super().to_python(data)


class ImageForm(PersonalDataFormMixin, BaseImageForm):
    """Images uploaded by editors must carry alt text for residents who use screen readers.
    A new file is refused past the memory budget and stored without EXIF or GPS; title, alt
    text and tags may hold no personal numbers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = "图片说明"
            field.help_text = (
                "用一句话说明图片里是什么，例如：志愿者在楼道里为老人量血压。"
                "它同时是图片的标题和读屏软件朗读的替代文字，插入文章时不用再写。"
            )
            field.error_messages["required"] = "请填写替代文字，说明图片里是什么。"
        # A new image is described once: its title is the description (not the file name, which
        # Wagtail's upload script would put there), and the image block's alt text defaults to it.
        if not self.instance.pk and "title" in self.fields and field is not None:
            self.fields["title"].required = False
            self.fields["title"].widget = forms.HiddenInput()
        # Wagtail builds the file field itself (formfield_for_dbfield); only its check order changes.
        if type(self.fields.get("file")) is WagtailImageField:
            self.fields["file"].__class__ = BudgetImageField

    def clean(self):
        cleaned = super().clean()
        description = (cleaned.get("description") or "").strip()
        if not self.instance.pk and description:
            cleaned["title"] = description[: self.instance._meta.get_field("title").max_length]
        return cleaned

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload
        if used_by_live_reviewed_pages(self.instance):
            raise ValidationError(SWAP_REFUSED, code="approved_file")
        try:
            upload.seek(0)
            data = strip_metadata(upload.read())
        except UploadError as error:
            raise ValidationError(str(error), code="image_refused") from None
        cleaned = SimpleUploadedFile(upload.name, data, getattr(upload, "content_type", None))
        cleaned.image = getattr(upload, "image", None)
        return cleaned


class DocumentForm(PersonalDataFormMixin, BaseDocumentForm):
    """A document's content must match its extension; its title (shown as the link) may hold no
    personal numbers."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and "file" in self.changed_data:
            if used_by_live_reviewed_pages(self.instance):
                raise ValidationError(SWAP_REFUSED, code="approved_file")
            try:
                check_document_content(upload.name, upload)
            except UploadError as error:
                raise ValidationError(str(error), code="document_refused") from None
        return upload
