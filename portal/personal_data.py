"""Personal numbers that must never reach a public page: mainland mobile numbers, resident ID
numbers (checked with their check digit) and bank card numbers (Luhn). Office landlines such as
0531-88661235 are allowed. Pure functions plus one form mixin used by every public form."""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags

SEP = r"[ \-]?"
MOBILE = re.compile(rf"(?<![\d\-+])(?:\+?86{SEP})?(1[3-9]\d){SEP}(\d{{4}}){SEP}(\d{{4}})(?![\d\-])")
ID_NUMBER = re.compile(r"(?<!\d)(\d{17}[\dXx])(?![\dXx])")
CARD = re.compile(r"(?<![\d\-])(\d(?:[ \-]?\d){15,18})(?![\d\-])")
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

KIND_LABELS = {"mobile": "手机号码", "id": "身份证号", "card": "银行卡号"}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def masked(self):
        digits = re.sub(r"[^\dXx]", "", self.text)
        if self.kind == "mobile":
            digits = digits[-11:]  # without +86
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def valid_id_number(number):
    """An 18-character resident ID number whose check digit is right."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def looks_like_id_number(number):
    """A valid ID number, or one mistyped in its check digit: region code and birth date are real."""
    if valid_id_number(number):
        return True
    if not re.fullmatch(r"[1-8]\d{16}[\dXx]", number):
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def luhn(digits):
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_personal_numbers(text):
    """Every personal number in `text` (HTML is read as text), in order of appearance."""
    if not text:
        return []
    text = strip_tags(str(text)) + " " + " ".join(re.findall(r'href="([^"]*)"', str(text)))
    found, taken = [], []

    def add(match, kind, group=0):
        span = match.span(group)
        if not any(start < span[1] and span[0] < end for start, end in taken):
            taken.append(span)
            found.append((span[0], Finding(kind, match.group(group))))

    for match in ID_NUMBER.finditer(text):
        if looks_like_id_number(match.group(1)):
            add(match, "id", 1)
    for match in MOBILE.finditer(text):
        add(match, "mobile")
    for match in CARD.finditer(text):
        if luhn(re.sub(r"\D", "", match.group(1))):
            add(match, "card", 1)
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]


def texts_in(value):
    """Every piece of text inside a form value: strings, rich text, StreamField data, tags, tables."""
    from wagtail.blocks import StreamValue, StructValue
    from wagtail.rich_text import RichText

    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, RichText):
        yield value.source
    elif isinstance(value, StreamValue):
        yield from texts_in(value.get_prep_value())
    elif isinstance(value, dict | StructValue):
        for key, item in value.items():
            if key not in ("id", "type"):  # block ids are UUIDs, not content
                yield from texts_in(item)
    elif isinstance(value, list | tuple | set) or hasattr(value, "__iter__") and not hasattr(value, "_meta"):
        for item in value:
            yield from texts_in(item)
    elif hasattr(value, "name") and hasattr(value, "slug") and not hasattr(value, "_meta_fields"):
        yield value.name  # a tag


def message_for(label, findings):
    kinds = "、".join(dict.fromkeys(f"{f.label}（{f.masked}）" for f in findings))
    return f"“{label}”里有{kinds}。居民的个人号码不能出现在公开页面上，请删除后再保存；办公电话可以保留。"


class PersonalDataFormMixin:
    """Refuses personal numbers in every text field of a public form and its inline forms.

    `personal_data_exempt_fields` lists private fields (never shown publicly) to skip.
    """

    personal_data_exempt_fields = ()

    def clean(self):
        cleaned = super().clean()
        check_form_fields(self)
        for formset in getattr(self, "formsets", {}).values():
            formset.errors  # noqa: B018 - cleans the inline forms so their data can be checked
            for form in formset.forms:
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE"):
                    check_form_fields(form, exempt=self.personal_data_exempt_fields)
        return cleaned


def check_form_fields(form, exempt=None):
    exempt = set(exempt if exempt is not None else getattr(form, "personal_data_exempt_fields", ()))
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if name in exempt or name not in form.fields:
            continue
        findings = [f for text in texts_in(value) for f in find_personal_numbers(text)]
        if findings:
            form.add_error(name, message_for(form.fields[name].label or name, findings))
