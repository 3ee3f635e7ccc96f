"""Snippets the newspaper pages point to: columns (栏目) and correspondents (通讯员)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.base_forms import PublicModelForm
from portal.roles import default_site_id


class Column(index.Indexed, Orderable):
    """A column (栏目) of one publication; editors drag them into the order the TOC uses."""

    base_form_class = PublicModelForm

    publication = models.ForeignKey(
        "news.PublicationPage",
        verbose_name="所属报刊",
        on_delete=models.CASCADE,
        related_name="columns",
    )
    name = models.CharField("栏目名称", max_length=40)
    description = models.CharField("栏目说明", max_length=200, blank=True)

    panels = [FieldPanel("publication"), FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Orderable.Meta):
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "name"],
                name="news_column_unique_name_per_publication",
                violation_error_message="这份报刊已经有同名栏目。",
            )
        ]

    def __str__(self):
        return self.name


class Correspondent(index.Indexed, models.Model):
    """A resident correspondent (通讯员) under the byline they chose.

    Only the chosen display name is public; linking to a volunteer record comes later.
    """

    base_form_class = PublicModelForm

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="所属社区",
        on_delete=models.CASCADE,
        related_name="+",
        default=default_site_id,
    )
    display_name = models.CharField(
        "署名",
        max_length=40,
        help_text="文章上显示的名字，可用笔名或“张*芬”这样的隐去部分的名字。",
    )
    note = models.CharField(
        "简介", max_length=120, blank=True, help_text="例如：3号楼居民、老年大学学员。不要填写电话或住址。"
    )

    panels = [FieldPanel("site"), FieldPanel("display_name"), FieldPanel("note")]
    search_fields = [index.SearchField("display_name"), index.AutocompleteField("display_name")]

    class Meta:
        verbose_name = "通讯员"
        verbose_name_plural = "通讯员"
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "display_name"], name="news_correspondent_name_per_site")
        ]

    def __str__(self):
        return self.display_name
