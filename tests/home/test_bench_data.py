"""make bench's bulk data: a valid page tree whose pages all serve."""

from wagtail.models import Page

from home.bench import data
from news.models import ArticlePage, IssuePage
from notices.models import NoticePage
from volunteers.models import ServiceRecord, Volunteer


def test_bulk_inserted_pages_form_a_valid_tree_and_every_measured_url_serves(client, site):
    urls = data.build(0.002)
    assert NoticePage.objects.live().count() == 20
    assert IssuePage.objects.count() == 2
    assert ArticlePage.objects.count() == 2 * data.ARTICLES_PER_ISSUE
    assert Volunteer.objects.count() == 6 and ServiceRecord.objects.count() == 200
    assert Page.find_problems() == ([], [], [], [], [])
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
    notice = NoticePage.objects.order_by("pk").last()
    assert notice.title in client.get(notice.url).content.decode()
    # The pages are in the search index: the measured search finds the articles on its word.
    found = client.get(urls["search-rare-word"]).content.decode()
    wanted = ArticlePage.objects.filter(lead__contains=data.SEARCH_WORD)
    assert wanted.exists()
    for article in wanted:
        assert f'href="{article.url}"' in found
