"""Fixtures for the sections of a community site, shared by every app's tests (registered in
tests/conftest.py): the notice board with its 财务公开, /news/ with one publication, a picture."""

import pytest
import wagtail_factories
from wagtail.models import Collection

from news.factories import NewsIndexPageFactory, PublicationPageFactory
from notices.factories import FinancialDisclosureIndexPageFactory, FundFactory, NoticeIndexPageFactory


@pytest.fixture
def notice_index(home_page):
    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def finance_index(notice_index):
    return FinancialDisclosureIndexPageFactory(parent=notice_index)


@pytest.fixture
def fund(db):
    return FundFactory(name="物业管理费")


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def publication(news_index):
    return PublicationPageFactory(parent=news_index, title="社区快报", slug="kuaibao")


@pytest.fixture
def cover_image(db):
    return wagtail_factories.ImageFactory(title="封面", collection=Collection.get_first_root_node())
