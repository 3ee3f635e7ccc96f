"""The resident's forms (report, track) and staff's (enter on a resident's behalf, status, reply,
note, assign). Public text refuses personal numbers; the contact fields are private."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal.personal_data import PersonalDataFormMixin
from portal.security.uploads import UploadError, check_image_budget, strip_metadata

from .models.items import KIND_CHOICES, OBJECTION, PHONE, SOURCE_CHOICES, VISIT

TEXT_MIN, TEXT_MAX = 5, 2000
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MOBILE = re.compile(r"1[3-9]\d{9}")
CONTACT_FIELDS = ("name", "phone", "email")


def open_for_objections(notice, today=None):
    """Is the notice in its 公示期 (up to its objection deadline, if any) today?"""
    today = today or timezone.localdate()
    if notice is None or not notice.public_from or not notice.public_until:
        return False
    end = notice.objection_deadline or notice.public_until
    return notice.public_from <= today <= max(end, notice.public_until)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to three photos; each checked like every image on the site, EXIF and GPS removed."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise ValidationError(f"最多上传 {MAX_PHOTOS} 张照片。")
        return [clean_photo(f) for f in files]


def clean_photo(upload):
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(f"照片“{upload.name}”超过 5 MB，请缩小后再上传。")
    try:
        check_image_budget(upload)
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
        upload.seek(0)
        if kind not in PHOTO_TYPES:
            raise UploadError("")
        data = strip_metadata(upload.read())
    except UploadError as error:
        raise ValidationError(
            str(error) or f"“{upload.name}”不是照片。请上传 JPG、PNG、GIF 或 WebP 图片。"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(f"“{upload.name}”不是照片。请上传 JPG、PNG、GIF 或 WebP 图片。") from None
    extension = {"JPEG": "jpg"}.get(kind, kind.lower())
    return SimpleUploadedFile(f"photo.{extension}", data, PHOTO_TYPES[kind])


def clean_mobile(value):
    digits = re.sub(r"[\s\-]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if digits and not MOBILE.fullmatch(digits):
        raise ValidationError("请填写 11 位手机号码，或者不填。")
    return digits


class ContactFieldsMixin:
    personal_data_exempt_fields = (*CONTACT_FIELDS, "photos")

    def clean_phone(self):
        return clean_mobile(self.cleaned_data.get("phone"))

    def clean_name(self):
        return " ".join((self.cleaned_data.get("name") or "").split())

    def contact(self):
        return {name: self.cleaned_data.get(name, "") for name in CONTACT_FIELDS}


def text_field(label="内容"):
    return forms.CharField(
        label=label,
        min_length=TEXT_MIN,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
        error_messages={
            "required": "请写下您要反映的内容。",
            "min_length": f"内容太短了，请至少写 {TEXT_MIN} 个字，说清楚是什么事。",
            "max_length": f"内容最多 {TEXT_MAX} 个字（现在 %(show_value)d 个字），请精简后再提交。",
        },
        help_text="不要写身份证号、银行卡号；需要回电请填在下面的“联系方式”里，它不会公开。",
    )


class ReportForm(ContactFieldsMixin, PersonalDataFormMixin, forms.Form):
    """我要反映, no account needed."""

    kind = forms.ChoiceField(label="类别", choices=KIND_CHOICES, widget=forms.RadioSelect, initial="report")
    notice = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = text_field()
    location = forms.ChoiceField(label="位置（可不选）", required=False)
    photos = PhotosField(
        label="照片（可不传，最多 3 张）",
        required=False,
        help_text="照片只给社区工作人员看，不会公开；照片里的拍摄位置等信息会被去掉。",
    )
    name = forms.CharField(label="称呼（可不填）", max_length=40, required=False)
    phone = forms.CharField(label="手机号码（可不填）", max_length=20, required=False)
    email = forms.EmailField(
        label="电子邮箱（可不填）",
        required=False,
        error_messages={"invalid": "电子邮箱格式不对，请检查，或者不填。"},
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(label="请勿填写此项", required=False)

    def __init__(self, *args, locations=(), notices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", "不选")] + [(loc, loc) for loc in locations]
        self.notices = notices
        self.notice_page = None
        self.fields["kind"].error_messages["invalid_choice"] = "请选择反映的类别。"
        self.fields["location"].error_messages["invalid_choice"] = "请从列表里选择位置。"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("提交未成功，请刷新页面后重试。")
        return ""

    def clean_notice(self):
        pk = self.cleaned_data.get("notice")
        if pk is None or self.notices is None:
            return None
        self.notice_page = self.notices.filter(pk=pk).first()
        return pk

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == OBJECTION:
            if self.notice_page is None:
                self.add_error(
                    "kind", "对公示的异议请从那则公示的页面点“我要提出异议”进入，系统会自动关联这则公示。"
                )
            elif not open_for_objections(self.notice_page):
                self.add_error("kind", "这则公示的异议期已经结束，可以选择“意见建议”继续反映。")
        return cleaned


class TrackForm(forms.Form):
    number = forms.CharField(
        label="受理号", max_length=20, error_messages={"required": "请填写受理号，例如 FK20261130-0007。"}
    )
    secret = forms.CharField(
        label="查询码（或留下的手机号码后 4 位）",
        max_length=12,
        error_messages={"required": "请填写查询码，或您留下的手机号码后 4 位。"},
    )


class StaffEntryForm(ContactFieldsMixin, PersonalDataFormMixin, forms.Form):
    """代为登记: a call or a visit, entered by staff for the resident."""

    site = forms.ModelChoiceField(label="社区", queryset=None, empty_label=None)
    source = forms.ChoiceField(label="来源", choices=[c for c in SOURCE_CHOICES if c[0] in (PHONE, VISIT)])
    kind = forms.ChoiceField(label="类别", choices=KIND_CHOICES)
    notice = forms.ModelChoiceField(label="所涉公示（异议必填）", queryset=None, required=False)
    text = text_field("反映内容")
    location = forms.CharField(label="位置", max_length=60, required=False)
    name = forms.CharField(label="称呼", max_length=40, required=False)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)

    def __init__(self, *args, sites, notices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["notice"].queryset = notices

    def clean(self):
        cleaned = super().clean()
        notice, site = cleaned.get("notice"), cleaned.get("site")
        if cleaned.get("kind") == OBJECTION and notice is None:
            self.add_error("notice", "对公示的异议请选择所涉的公示。")
        if notice is not None and site is not None and notice.get_site() != site:
            self.add_error("notice", "请选择本社区的公示。")
        return cleaned


class StatusForm(PersonalDataFormMixin, forms.Form):
    status = forms.ChoiceField(label="改为")
    reason = forms.CharField(
        label="说明（不予受理必填，居民会看到）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    abusive = forms.BooleanField(label="恶意或骚扰内容：不在公开记录中显示", required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class ReplyForm(PersonalDataFormMixin, forms.Form):
    text = forms.CharField(
        label="答复（随反映件公开，不写反映人姓名和电话）",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写答复内容。"},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="办理情况（内部记录，不公开）",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写办理情况。"},
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label="交给", queryset=None, required=False, empty_label="（不指定）")

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users
