"""RSS feeds: Django's syndication `Feed` with what every portal feed shares, and the feed of a
page's items."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class PortalFeed(Feed):
    """RSS 2.0 in Chinese, every link absolute on the request's site."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"
    item_guid_is_permalink = True


class PageFeed(PortalFeed):
    """A page's latest items as RSS 2.0 in Chinese, every link absolute on the request's site.

    A routable page serves it from its `feed/` route with `SomeFeed(self)(request)`; subclasses
    say what the items are (`title`, `description`, `items`, `item_description`, ...).
    """

    def __init__(self, page):
        self.page = page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request  # a feed object serves one request
        return self.page

    def link(self, page):
        return page.get_full_url(self.request)

    def feed_url(self, page):
        return self.link(page) + page.reverse_subpage("feed")

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_updateddate(self, item):
        # With the pubdates it sets Last-Modified and lastBuildDate: a notice published today
        # under last month's date still counts as new for feed readers and caches.
        return item.last_published_at
