import pytest
from django.core.cache import cache
from wagtail.models import Page


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """The suggestions' vocabulary is cached per site: each test starts without it."""
    cache.clear()


@pytest.fixture
def add_page(home_page):
    """add_page("标题") -> a live plain page under the home page, indexed on save."""

    def add(title, live=True, parent=None, **kwargs):
        parent = parent or home_page
        slug = kwargs.pop("slug", f"p{Page.objects.count()}")
        return parent.add_child(instance=Page(title=title, slug=slug, live=live, **kwargs))

    return add
