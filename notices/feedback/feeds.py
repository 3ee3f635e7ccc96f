"""RSS of a community's public record of feedback (/feedback/feed/)."""

from django.urls import reverse

from portal.communities import community_name
from portal.feeds import PortalFeed

from .models import FeedbackReply

FEED_SIZE = 30


class FeedbackFeed(PortalFeed):
    def __init__(self, site, items):
        self.site = site
        self.items_queryset = items
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.site

    def title(self, site):
        return f"{community_name(site)}·居民反映办理情况"

    def description(self, site):
        return "居民反映的问题、意见建议、异议和咨询，以及社区的答复（不含反映人信息）。"

    def link(self, site):
        return self.request.build_absolute_uri(reverse("feedback_record"))

    def feed_url(self, site):
        return self.request.build_absolute_uri(reverse("feedback_feed"))

    def items(self, site):
        items = list(self.items_queryset.defer("code_hash")[:FEED_SIZE])
        latest = {}
        for reply in FeedbackReply.objects.filter(feedback__in=[i.pk for i in items]).order_by("created_at"):
            latest[reply.feedback_id] = reply
        for item in items:
            item.current_reply = latest.get(item.pk)
        return items

    def item_title(self, item):
        location = f"·{item.location}" if item.location else ""
        return f"{item.number} {item.kind_label}{location}（{item.status_label}）"

    def item_description(self, item):
        text = item.text
        if item.current_reply is not None:
            text += f"\n答复：{item.current_reply.text}"
        return text

    def item_link(self, item):
        return self.request.build_absolute_uri(reverse("feedback_item", args=[item.number]))

    def item_pubdate(self, item):
        return item.received_at
