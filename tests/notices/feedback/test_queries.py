"""Bounded queries: the record, an item, the summary, the track page and a notice showing its
objections cost the same number of queries with 3 reports as with 30."""

import datetime

import pytest

from notices.feedback import factories, handling

pytestmark = pytest.mark.django_db
D = datetime.date
SIZES = [3, 30]


@pytest.fixture
def filled(open_notice, staff_user, request):
    size = request.param
    items = []
    for n in range(size):
        kind = "objection" if n % 3 == 0 else "report"
        item, code = factories.file(
            f"第{n}件反映：楼道堆放杂物。",
            kind=kind,
            notice=open_notice if kind == "objection" else None,
            when=D(2026, 11, 1 + n % 28),
            location=f"{n % 5 + 1}号楼",
        )
        if n % 2 == 0:
            handling.publish_reply(item, f"第{n}件已清理。", staff_user)
        items.append((item, code))
    # One report with a long history: every reply and event shows on its pages.
    first, code = items[0]
    handling.change_status(first, "in_progress", staff_user)
    for n in range(size):
        handling.publish_reply(first, f"第{n}次更正的答复。", staff_user)
    return size, first, code, open_notice


def counted(client, django_assert_max_num_queries, limit, *args, method="get", **kwargs):
    getattr(client, method)(*args, **kwargs)  # warm the site caches
    with django_assert_max_num_queries(limit):
        response = getattr(client, method)(*args, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("filled", SIZES, indirect=True)
def test_the_record_and_its_feed(client, filled, django_assert_max_num_queries):
    size, first, _, _ = filled
    html = counted(client, django_assert_max_num_queries, 12, "/feedback/")
    assert html.count('href="/feedback/FK') == min(size, 20)
    feed = counted(client, django_assert_max_num_queries, 10, "/feedback/feed/")
    assert first.number in feed


@pytest.mark.parametrize("filled", SIZES, indirect=True)
def test_an_item_and_its_track_page(client, filled, django_assert_max_num_queries):
    size, first, code, _ = filled
    html = counted(client, django_assert_max_num_queries, 12, f"/feedback/{first.number}/")
    assert html.count("次更正的答复") == size
    data = {"number": first.number, "secret": code}
    html = counted(client, django_assert_max_num_queries, 14, "/feedback/track/", data, method="post")
    assert html.count("次更正的答复") == size


@pytest.mark.parametrize("filled", SIZES, indirect=True)
def test_the_summary(client, filled, django_assert_max_num_queries):
    size, *_ = filled
    html = counted(client, django_assert_max_num_queries, 10, "/feedback/summary/?year=2026")
    assert "2026年11月" in html
    counted(client, django_assert_max_num_queries, 8, "/feedback/summary/?year=2026&format=csv")


@pytest.mark.parametrize("filled", SIZES, indirect=True)
def test_a_notice_shows_its_objections(client, filled, django_assert_max_num_queries):
    size, _, _, notice = filled
    objections = len(range(0, size, 3))
    replied = len(range(0, size, 6))
    html = counted(client, django_assert_max_num_queries, 25, notice.url)
    assert f"本公示期内收到异议 {objections} 件，已答复 {replied} 件" in html
    assert f'href="/feedback/new/?notice={notice.pk}"' in html and "我要提出异议" in html
