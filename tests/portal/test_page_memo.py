"""site_memo: a value computed once per site until anything on that site is written."""

import datetime

import pytest
from wagtail.images import get_image_model
from wagtail.models import Site

from notices.factories import NoticePageFactory
from portal.models import CommunitySettings
from portal.page_cache.memo import site_memo

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_value_is_computed_once_until_the_site_is_written(site, notice_index):
    compute = Counter()
    assert site_memo(site.pk, "n", compute) == 1
    assert site_memo(site.pk, "n", compute) == 1
    NoticePageFactory(parent=notice_index, title="新通知")
    assert site_memo(site.pk, "n", compute) == 2


def test_settings_change_recomputes(site):
    compute = Counter()
    site_memo(site.pk, "n", compute)
    settings = CommunitySettings.for_site(site)
    settings.community_name = "新名字社区"
    settings.save()
    assert site_memo(site.pk, "n", compute) == 2


def test_another_sites_write_keeps_the_value(site, home_page, notice_index):
    other = Site.objects.create(hostname="other.localhost", port=80, root_page=home_page)
    compute = Counter()
    site_memo(other.pk, "n", compute)
    CommunitySettings.objects.filter(site=site).delete()
    CommunitySettings.for_site(site).save()
    assert site_memo(other.pk, "n", compute) == 1


def test_daily_values_are_recomputed_the_next_day(site, monkeypatch):
    compute = Counter()
    today = datetime.date(2026, 11, 30)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    assert site_memo(site.pk, "d", compute, daily=True) == 1
    assert site_memo(site.pk, "d", compute, daily=True) == 1
    today = datetime.date(2026, 12, 1)
    assert site_memo(site.pk, "d", compute, daily=True) == 2


def test_a_changed_hostname_or_home_page_applies_at_the_next_request(client, site, home_page, settings):
    from wagtail.models import Page

    from home.models import HomePage

    settings.PAGE_CACHE_ENABLED = False  # the cached Site is what is tested
    settings.ALLOWED_HOSTS = ["*"]
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="锦绣社区首页", slug="jinxiu"))
    other = Site.objects.create(hostname="jinxiu.localhost", port=80, root_page=other_home)
    assert "锦绣社区首页" in client.get("/", HTTP_HOST="jinxiu.localhost").content.decode()
    other.hostname = "jinxiu2.localhost"
    other.save()
    assert "锦绣社区首页" not in client.get("/", HTTP_HOST="jinxiu.localhost").content.decode()
    assert "锦绣社区首页" in client.get("/", HTTP_HOST="jinxiu2.localhost").content.decode()
    other_home.title = "锦绣社区新首页"
    other_home.save_revision().publish()
    assert "锦绣社区新首页" in client.get("/", HTTP_HOST="jinxiu2.localhost").content.decode()


def test_storing_an_images_size_or_hash_keeps_the_sites_caches(site):
    from wagtail.images.tests.utils import get_test_image_file

    from portal.page_cache import keys

    image = get_image_model().objects.create(title="楼道", file=get_test_image_file())
    before = keys.generation(site.pk)
    image.file_size = None
    image.get_file_size()  # Wagtail saves it with update_fields=["file_size"]
    image.file_hash = ""
    image.get_file_hash()
    assert keys.generation(site.pk) == before
    image.title = "新标题"
    image.save()
    assert keys.generation(site.pk) != before
