"""Per-site rules for star levels and time-bank points."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

STAR_WORDS = {
    0: "暂未评星",
    1: "一星志愿者",
    2: "二星志愿者",
    3: "三星志愿者",
    4: "四星志愿者",
    5: "五星志愿者",
}

DEFAULT_THRESHOLDS = (100, 300, 600, 1000, 1500)


def star_words(level):
    return STAR_WORDS.get(level or 0, STAR_WORDS[0])


@register_setting(icon="pick")
class VolunteerSettings(BaseSiteSetting):
    """Thresholds of cumulative verified hours for one to five stars, and the time-bank rate."""

    star_1_hours = models.PositiveIntegerField("一星所需时长（小时）", default=DEFAULT_THRESHOLDS[0])
    star_2_hours = models.PositiveIntegerField("二星所需时长（小时）", default=DEFAULT_THRESHOLDS[1])
    star_3_hours = models.PositiveIntegerField("三星所需时长（小时）", default=DEFAULT_THRESHOLDS[2])
    star_4_hours = models.PositiveIntegerField("四星所需时长（小时）", default=DEFAULT_THRESHOLDS[3])
    star_5_hours = models.PositiveIntegerField("五星所需时长（小时）", default=DEFAULT_THRESHOLDS[4])
    points_per_hour = models.DecimalField(
        "每小时服务积分",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="经核实的每小时服务折算的公益银行积分。默认 0.5，即服务两小时积 1 分。",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("star_1_hours"),
                FieldPanel("star_2_hours"),
                FieldPanel("star_3_hours"),
                FieldPanel("star_4_hours"),
                FieldPanel("star_5_hours"),
            ],
            heading="星级认证标准（累计经核实的服务时长）",
        ),
        FieldPanel("points_per_hour"),
    ]

    class Meta:
        verbose_name = "志愿服务规则"
        verbose_name_plural = "志愿服务规则"

    def __str__(self):
        return "志愿服务规则"

    @property
    def thresholds(self):
        """Hours for one to five stars, lowest first."""
        return [
            self.star_1_hours,
            self.star_2_hours,
            self.star_3_hours,
            self.star_4_hours,
            self.star_5_hours,
        ]

    def clean(self):
        super().clean()
        values = self.thresholds
        if any(b <= a for a, b in zip(values, values[1:], strict=False)) or values[0] <= 0:
            raise ValidationError("星级标准必须大于 0，且从一星到五星逐级递增。")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from ..stats import restar_site

        restar_site(self.site_id, self.thresholds)

    def level_for(self, hours):
        """The star level for a number of verified hours (used for single values, not lists)."""
        level = 0
        for i, threshold in enumerate(self.thresholds, start=1):
            if hours >= threshold:
                level = i
        return level
