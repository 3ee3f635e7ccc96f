"""Every public page type of the site, built from the shared test corpus."""

from volunteers.factories import CommendationPeriodFactory
from volunteers.models import Volunteer


def every_public_url(pages):
    """{name: url} for one page of each public type (404 included)."""
    board = pages["volunteer_board"]
    volunteer = Volunteer.objects.order_by("pk").first()
    period = CommendationPeriodFactory(title="2026年上半年")
    period.publish()
    return {
        "home": "/",
        "notice-board": pages["board"].url,
        "notice": pages["lift"].url,
        "notice-print": pages["lift"].url + "print/",
        "disclosure": pages["fees"].url,
        "disclosure-print": pages["fees"].url + "print/",
        "news-index": pages["news"].url,
        "publication": pages["paper_kuaibao"].url,
        "issue": pages["issue35"].url,
        "article": pages["feast"].url,
        "volunteer-board": board.url,
        "volunteer-profile": board.url + board.reverse_subpage("profile", args=[volunteer.public_id]),
        "volunteer-team": board.url + board.reverse_subpage("team", args=[pages["team"].pk]),
        "volunteer-period": board.url + board.reverse_subpage("period", args=[period.pk]),
        "role-models": pages["gallery"].url,
        "role-model": pages["barber"].url,
        "search": "/search/?q=电梯",
        "not-found": "/no-such-page/",
    }
