"""A resident's report (反映件): what was said, where, when, its 受理号 and deadline. The reporter's
name and phone live apart (FeedbackContact) and never reach a public page."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..storage import private_storage

REPORT, SUGGESTION, OBJECTION, ENQUIRY = "report", "suggestion", "objection", "enquiry"
KIND_CHOICES = [
    (REPORT, "问题反映"),
    (SUGGESTION, "意见建议"),
    (OBJECTION, "对公示的异议"),
    (ENQUIRY, "咨询"),
]
ACCEPTED, IN_PROGRESS, REPLIED, CLOSED, REFUSED, WITHDRAWN = (
    "accepted",
    "in_progress",
    "replied",
    "closed",
    "refused",
    "withdrawn",
)
STATUS_CHOICES = [
    (ACCEPTED, "已受理"),
    (IN_PROGRESS, "处理中"),
    (REPLIED, "已答复"),
    (CLOSED, "已办结"),
    (REFUSED, "不予受理"),
    (WITHDRAWN, "已撤回"),
]
OPEN_STATUSES = (ACCEPTED, IN_PROGRESS)
ONLINE, PHONE, VISIT = "online", "phone", "visit"
SOURCE_CHOICES = [(ONLINE, "网上提交"), (PHONE, "电话"), (VISIT, "来访")]


class FeedbackQuerySet(models.QuerySet):
    def public(self):
        """What the public record shows: not withdrawn, not refused as abuse."""
        return self.filter(hidden=False)

    def of_site(self, site):
        return self.filter(site=site)


class Feedback(models.Model):
    """One report, suggestion, objection or enquiry, with its 受理号 and working-day deadline."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="社区", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("受理号", max_length=20, unique=True)
    code_hash = models.CharField("查询码（已加密）", max_length=128, editable=False)
    kind = models.CharField("类别", max_length=20, choices=KIND_CHOICES, default=REPORT)
    text = models.TextField("内容")
    location = models.CharField("位置", max_length=60, blank=True)
    notice = models.ForeignKey(
        "notices.NoticeBase",
        verbose_name="所涉公示",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    source = models.CharField("来源", max_length=10, choices=SOURCE_CHOICES, default=ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="代为登记",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES, default=ACCEPTED)
    abusive = models.BooleanField("恶意或骚扰内容", default=False)
    hidden = models.BooleanField("不在公开记录中", default=False)
    received_at = models.DateTimeField("受理时间", default=timezone.now)
    received_on = models.DateField("受理日期")
    deadline = models.DateField("答复期限")
    replied_on = models.DateField("首次答复日期", null=True, blank=True)
    working_days_taken = models.PositiveSmallIntegerField("答复用时（工作日）", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_feedback",
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "居民反映"
        verbose_name_plural = "居民反映"
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "hidden", "received_on"]),
            models.Index(fields=["site", "status", "deadline"]),
        ]
        permissions = [
            ("reveal_contact", "查看反映人联系方式"),
            ("note_feedback", "记录办理情况"),
        ]

    def __str__(self):
        return self.number

    @property
    def kind_label(self):
        return dict(KIND_CHOICES).get(self.kind, "")

    @property
    def status_label(self):
        return dict(STATUS_CHOICES).get(self.status, "")

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def deadline_state(self, today=None):
        from ..deadlines import deadline_state

        return deadline_state(self, today)


class FeedbackContact(models.Model):
    """Who to call back: kept apart from the report, shown to staff masked unless opened (logged)."""

    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField("称呼", max_length=40, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)

    class Meta:
        verbose_name = "反映人联系方式"
        verbose_name_plural = "反映人联系方式"

    def __str__(self):
        return self.masked_name or "（未留姓名）"

    @property
    def masked_name(self):
        name = "".join(self.name.split())
        if not name:
            return ""
        return name[0] + "*" * (len(name) - 1) if len(name) > 1 else "*"

    @property
    def masked_phone(self):
        digits = "".join(c for c in self.phone if c.isdigit())
        return digits[:3] + "****" + digits[-4:] if len(digits) >= 11 else ("*" * len(digits))

    @property
    def masked_email(self):
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}" if domain else ""

    @property
    def phone_last4(self):
        digits = "".join(c for c in self.phone if c.isdigit())
        return digits[-4:] if len(digits) >= 4 else ""


def photo_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{instance.feedback.number}/{instance.token}.{extension}"


class FeedbackPhoto(models.Model):
    """A photo a resident attached: stored outside the public media folder, shown only to the
    item's community staff through the admin."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="photos")
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField("照片", storage=private_storage, upload_to=photo_path)
    content_type = models.CharField(max_length=40)

    class Meta:
        verbose_name = "照片"
        verbose_name_plural = "照片"

    def __str__(self):
        return self.token
