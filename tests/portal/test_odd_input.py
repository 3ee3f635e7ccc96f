"""Odd query strings on every public page type: never a 500, never a traceback."""

import pytest

from notices.feedback.factories import file as file_feedback
from notices.models import NoticeIndexPage
from tests.corpus import build_corpus
from volunteers.factories import CommendationPeriodFactory
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "",
    " ",
    "²",  # isdigit() is True, int() fails
    "１２",  # full-width digits: int() accepts them
    "٣",  # Arabic-Indic digit
    "1" + "0" * 99,  # 10**99
    "9" * 5000,  # over Python's int() digit limit
    "x" * 5000,
    "-1",
    "0",
    "\x00",
    "2\x00",
    "1.5",
    "1e3",
    "0x10",
    "+3",
    "'\"<script>",
    "%",
]
# Sane values too: the odd ones must not be the only ones that work.
SANE_VALUES = ["1", "2", "2025"]


@pytest.fixture
def urls(home_page):
    pages = build_corpus(home_page)
    board = pages["volunteer_board"]
    period = CommendationPeriodFactory(title="2025年下半年")
    period.publish()
    volunteer = Volunteer.objects.order_by("pk").first()
    report, _ = file_feedback(text="2号楼门口的台阶破损，老人容易绊倒。")
    sub = board.url
    return {
        # url: the query parameters the page reads (plus `page`, which every list could read)
        "/": [],
        pages["board"].url: ["category", "year", "tag"],
        pages["board"].url + "feed/": ["category", "year", "tag"],
        pages["lift"].url: [],
        pages["lift"].url + "print/": [],
        pages["fees"].url: [],
        pages["fees"].url + "print/": [],
        pages["fees"].url + "csv/": [],
        pages["news"].url: [],
        pages["paper_kuaibao"].url: ["year"],
        pages["paper_kuaibao"].url + "feed/": [],
        pages["issue35"].url: [],
        pages["feast"].url: [],
        sub: ["team", "q", "scope"],
        sub + board.reverse_subpage("profile", args=[volunteer.public_id]): [],
        sub + board.reverse_subpage("team", args=[pages["team"].pk]): [],
        sub + board.reverse_subpage("period", args=[period.pk]): ["show"],
        pages["gallery"].url: ["year", "honour"],
        pages["barber"].url: [],
        "/search/": ["q", "type"],
        "/elder-mode/on/": ["next"],
        "/feedback/": ["kind", "status", "year"],
        "/feedback/feed/": ["kind", "status", "year"],
        "/feedback/new/": ["notice"],
        "/feedback/track/": ["number"],
        "/feedback/summary/": ["year", "format"],
        f"/feedback/{report.number}/": [],
    }


def fetch(client, url, params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        assert b"Traceback" not in response.content, (url, params)
    return response


def test_every_public_page_type_survives_odd_query_values(client, urls):
    checked = 0
    for url, names in urls.items():
        assert client.get(url).status_code in (200, 302), url
        for name in ["page", *names]:
            for value in ODD_VALUES + SANE_VALUES:
                params = {name: value}
                if url == "/search/" and name != "q":
                    params["q"] = "电梯"  # a search with results, so pagination runs
                fetch(client, url, params)
                checked += 1
    assert checked > 500


def test_all_parameters_odd_at_once(client, urls):
    every = sorted({n for names in urls.values() for n in names} | {"page"})
    for url in urls:
        for value in ODD_VALUES:
            fetch(client, url, dict.fromkeys(every, value))


@pytest.mark.parametrize("value", ["9" * 30, "1" + "0" * 99])
def test_huge_ids_in_paths_are_not_found(client, urls, value):
    for path in (f"/volunteers/team/{value}/", f"/volunteers/period/{value}/"):
        assert client.get(path).status_code == 404, path


def test_only_ascii_digits_are_page_numbers(client, urls, monkeypatch):
    """?page=２ (full-width) is page 1, not page 2; ?page=2 is page 2."""
    monkeypatch.setattr(NoticeIndexPage, "per_page", 2)
    board_url = next(u for u, names in urls.items() if "category" in names and not u.endswith("feed/"))
    assert client.get(board_url, {"page": "2"}).context["page_obj"].number == 2
    for value in ("２", "²", "٢", "-2", " 2x", "9" * 5000):
        assert client.get(board_url, {"page": value}).context["page_obj"].number == 1, value
