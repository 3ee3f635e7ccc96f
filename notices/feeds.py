"""RSS 2.0 feed of the notice board, optionally of one category."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from portal.feeds import PageFeed

from .models.pages import CATEGORY_LABELS


class NoticeBoardFeed(PageFeed):
    """The board's latest notices and disclosures, newest first; `?category=` narrows it."""

    def get_object(self, request, *args, **kwargs):
        board = super().get_object(request, *args, **kwargs)
        self.category = board.clean_filters(request.GET)["category"]
        return board

    def title(self, board):
        site = Site.find_for_request(self.request)
        title = f"{site.site_name if site else ''}{board.title}"
        return f"{title} · {CATEGORY_LABELS[self.category]}" if self.category else title

    def description(self, board):
        return f"{self.title(board)}：党务、政务、居务、财务公开"

    def feed_url(self, board):
        url = super().feed_url(board)
        return f"{url}?category={self.category}" if self.category else url

    def items(self, board):
        return board.filtered({"category": self.category, "year": None, "tag": ""})[: board.feed_size]

    def item_description(self, notice):
        return notice.summary or notice.title

    def item_pubdate(self, notice):
        # Notices carry a date, not a time: 8 a.m. Beijing time, when the office opens.
        return datetime.datetime.combine(
            notice.date, datetime.time(8, 0), tzinfo=timezone.get_current_timezone()
        )

    def item_categories(self, notice):
        return [notice.get_category_display()]
