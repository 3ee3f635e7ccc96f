"""Search synonyms that staff edit in the admin."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

SYNONYM_SEPARATORS = re.compile(r"[,，、;；\s]+")


class SearchSynonym(models.Model):
    """A group of words residents use for the same thing; a search for one finds all."""

    terms = models.CharField(
        "同义词",
        max_length=200,
        help_text="两个或以上的词，用顿号或逗号分隔，例如：物业费、物业管理费",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"
        ordering = ["terms"]

    def __str__(self):
        return "、".join(self.term_list)

    @property
    def term_list(self):
        seen = []
        for term in SYNONYM_SEPARATORS.split(self.terms or ""):
            if term and term not in seen:
                seen.append(term)
        return seen

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": "请至少填写两个不同的词，用顿号或逗号分隔。"})
        too_long = [t for t in terms if len(t) > 20]
        if too_long:
            raise ValidationError({"terms": f"每个词不超过20个字：{'、'.join(too_long)}"})
        self.terms = "、".join(terms)
