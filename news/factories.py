"""factory_boy factories for the newspaper; build the tree with `parent=`."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.rich_text import RichText

from news.models import ArticlePage, Column, Correspondent, IssuePage, NewsIndexPage, PublicationPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "社区报"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社区快报{n}")
    slug = factory.Sequence(lambda n: f"paper-{n}")
    frequency = "weekly"
    description = "<p>居民自己办的报纸，每周一期。</p>"

    class Meta:
        model = PublicationPage


class ColumnFactory(factory.django.DjangoModelFactory):
    publication = factory.SubFactory(PublicationPageFactory)
    name = factory.Sequence(lambda n: f"栏目{n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Column


class CorrespondentFactory(factory.django.DjangoModelFactory):
    display_name = factory.Sequence(lambda n: f"通讯员{n}")

    class Meta:
        model = Correspondent
        django_get_or_create = ("display_name",)


class IssuePageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"第{o.number}期")
    slug = factory.LazyAttribute(lambda o: f"issue-{o.number}")
    date = factory.LazyAttribute(lambda o: datetime.date(2025, 1, 1) + datetime.timedelta(days=7 * o.number))

    class Meta:
        model = IssuePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"邻里新鲜事之{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    live = True
    first_published_at = factory.LazyAttribute(lambda o: timezone.now() if o.live else None)
    lead = "楼长们把居民的意见一条条记下来，带到了议事会上。"
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>周六上午，志愿者在小区广场为老人义务理发、量血压。</p>"))]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def correspondents(self, create, extracted, **kwargs):
        if create and extracted:
            self.correspondents.set(extracted)
            self.save()
