"""Site-wide settings editable per community site."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from portal.base_forms import PublicModelForm
from portal.page_cache.memo import site_memo


class CachedSiteSetting(BaseSiteSetting):
    """A site setting that public pages read from the shared cache (`site_memo`), so it costs
    no query; it is dropped whenever anything on the site, this setting included, is saved."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if request.method not in ("GET", "HEAD") or site is None:
            return super().for_request(request)
        instance = site_memo(site.pk, f"setting:{cls._meta.label_lower}", lambda: cls.for_site(site))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


@register_setting(icon="home")
class CommunitySettings(CachedSiteSetting):
    """Who runs this site and how residents reach them; shown in header and footer."""

    base_form_class = PublicModelForm

    community_name = models.CharField("社区名称", max_length=60, default="社区公开栏")
    sub_district = models.CharField("所属街道", max_length=60, blank=True)
    description = models.CharField(
        "一句话介绍",
        max_length=160,
        blank=True,
        help_text="用于微信分享卡片和搜索引擎摘要。",
    )
    address = models.CharField("社区办公地址", max_length=200, blank=True)
    office_hours = models.CharField(
        "办公时间", max_length=200, blank=True, help_text="例如：周一至周五 8:30—12:00，14:00—17:30"
    )
    hotline = models.CharField("服务热线", max_length=40, blank=True)
    wechat_account = models.CharField("微信公众号名称", max_length=60, blank=True)
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="公众号二维码",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    newspaper_names = models.CharField(
        "社区报名称",
        max_length=200,
        blank=True,
        help_text="多个报名用顿号或逗号分隔，例如：名郡生活、社区快报",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("community_name"), FieldPanel("sub_district"), FieldPanel("description")],
            heading="社区",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("office_hours"), FieldPanel("hotline")],
            heading="联系方式",
        ),
        MultiFieldPanel(
            [FieldPanel("wechat_account"), FieldPanel("wechat_qr"), FieldPanel("newspaper_names")],
            heading="公众号与社区报",
        ),
    ]

    class Meta:
        verbose_name = "社区信息"
        verbose_name_plural = "社区信息"

    def __str__(self):
        return self.community_name

    @property
    def newspaper_list(self):
        """The newspaper names as a list, accepting 、 , ， as separators."""
        raw = self.newspaper_names.replace("，", "、").replace(",", "、")
        return [n.strip(" 《》") for n in raw.split("、") if n.strip(" 《》")]


class StableKey(models.Model):
    """A group, workflow, task or collection the portal set up, found by a key that renaming it in
    the admin cannot change. `site` is empty for objects every community shares."""

    key = models.CharField("键", max_length=80)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "稳定键"
        verbose_name_plural = "稳定键"
        constraints = [
            models.UniqueConstraint(fields=["key", "site"], name="portal_stable_key_per_site"),
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(site__isnull=True), name="portal_stable_key_shared"
            ),
        ]

    def __str__(self):
        return self.key


class WorkdayOverride(models.Model):
    """A day whose working status differs from `chinese_calendar`'s, or a year the package does not
    know yet: the State Council's holidays and swapped working days, entered each November."""

    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField(
        "上班", default=False, help_text="勾选：这天上班（如周末调休上班）；不勾选：这天放假。"
    )
    name = models.CharField("说明", max_length=40, help_text="例如：春节、国庆节、调休上班")

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("name")]

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{'上班' if self.is_working_day else '放假'}）"
