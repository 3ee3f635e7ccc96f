"""Per-community rules of the feedback desk: deadlines, the location list, text messages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from portal.base_forms import PublicModelForm


@register_setting(icon="mail")
class FeedbackSettings(BaseSiteSetting):
    """How many working days each kind of feedback has, and where in the community it can be."""

    base_form_class = PublicModelForm

    reply_working_days = models.PositiveSmallIntegerField(
        "问题反映、意见建议的答复期限（工作日）",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    enquiry_working_days = models.PositiveSmallIntegerField(
        "咨询的答复期限（工作日）", default=3, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    locations = models.TextField(
        "楼栋单元",
        blank=True,
        help_text="居民反映时可选的位置，每行一个，例如：1号楼1单元、北门停车场。",
    )
    sms_enabled = models.BooleanField(
        "短信通知",
        default=False,
        help_text="状态变化时给留了手机号的居民发短信（短信通道由服务器设置 FEEDBACK_SMS_BACKEND 决定）。",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("reply_working_days"), FieldPanel("enquiry_working_days")],
            heading="答复期限",
            help_text="对公示的异议须在该公示的异议截止日期（没有则为公示截止日期）前答复。",
        ),
        FieldPanel("locations"),
        FieldPanel("sms_enabled"),
    ]

    class Meta:
        verbose_name = "居民反映规则"
        verbose_name_plural = "居民反映规则"

    def __str__(self):
        return "居民反映规则"

    @property
    def location_list(self):
        return [line.strip() for line in self.locations.splitlines() if line.strip()][:200]
