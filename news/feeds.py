"""RSS 2.0 feed of a publication's latest articles."""

from django.http import HttpResponse
from django.utils import feedgenerator, timezone


def publication_feed(publication, request):
    """The latest live articles (in live issues) of one publication as RSS 2.0."""
    link = publication.get_full_url(request)
    feed = feedgenerator.Rss201rev2Feed(
        title=f"《{publication.title}》",
        link=link,
        description=f"《{publication.title}》最新文章",
        language="zh-cn",
        feed_url=link + publication.reverse_subpage("feed"),
    )
    for article in publication.latest_articles():
        url = article.get_full_url(request)
        feed.add_item(
            title=article.title,
            link=url,
            description=article.lead or article.subtitle or article.title,
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=article.first_published_at or timezone.now(),
            author_name=article.byline() or None,
            categories=[article.column.name] if article.column else None,
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
