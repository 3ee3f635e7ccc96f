"""RSS 2.0 feed of a publication's latest articles."""

from django.utils import timezone

from portal.feeds import PageFeed


class PublicationFeed(PageFeed):
    """The latest live articles (in live issues) of one publication."""

    def title(self, publication):
        return f"《{publication.title}》"

    def description(self, publication):
        return f"《{publication.title}》最新文章"

    def items(self, publication):
        return publication.latest_articles(request=self.request)

    def item_description(self, article):
        return article.lead or article.subtitle or article.title

    def item_pubdate(self, article):
        return article.first_published_at or timezone.now()

    def item_author_name(self, article):
        return article.byline() or None

    def item_categories(self, article):
        return [article.column.name] if article.column else None
