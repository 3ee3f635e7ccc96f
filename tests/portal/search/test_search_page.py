import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.search.models import SearchSynonym

pytestmark = pytest.mark.django_db


def plain(response):
    """The page's HTML without the highlighting marks."""
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_results_show_title_type_date_and_highlighted_snippet(client, home_page, add_page):
    home_page.intro = "<p>社区电梯维修基金的使用情况每季度公示一次。</p>"
    home_page.save_revision().publish()
    response = client.get("/search/", {"q": "电梯"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>电梯</mark>维修基金" in html
    assert "找到 1 条结果" in html
    assert "<time" in html


def test_unpublished_pages_never_appear(client, add_page):
    page = add_page("关于电梯停运的通知")
    assert "关于<mark>电梯</mark>停运的通知" in client.get("/search/", {"q": "电梯"}).content.decode()
    page.unpublish()
    html = client.get("/search/", {"q": "电梯"}).content.decode()
    assert "停运" not in html
    assert "没有找到与“电梯”相关的内容" in html


def test_pages_of_another_site_are_not_found(client, add_page):
    from wagtail.models import Page, Site

    from home.models import HomePage

    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="乐安社区", slug="lean"))
    Site.objects.create(hostname="lean.example.org", root_page=other_home)
    other_home.add_child(instance=Page(title="乐安社区电梯公示", slug="x"))
    add_page("本社区电梯公示")
    html = client.get("/search/", {"q": "电梯"}).content.decode()
    assert "本社区" in html
    assert "乐安社区<mark>电梯</mark>公示" not in html


def test_ten_results_a_page_and_bad_page_numbers(client, add_page):
    for n in range(23):
        add_page(f"楼道清理通知第{n}号")
    html = client.get("/search/", {"q": "楼道"}).content.decode()
    assert "找到 23 条结果" in html
    assert html.count('class="search-results__title"') == 10
    assert "第 1 / 3 页" in html
    for bad in ("abc", "99999", "-1", "0"):
        assert client.get("/search/", {"q": "楼道", "page": bad}).status_code == 200
    assert html.count("楼道") >= 10
    last = client.get("/search/", {"q": "楼道", "page": "99999"}).content.decode()
    assert last.count('class="search-results__title"') == 3


def test_synonyms_edited_in_admin_widen_the_search(client, add_page):
    add_page("2025年第一季度物业管理费使用明细")
    html = plain(client.get("/search/", {"q": "物业费"}))
    assert "物业管理费使用明细" in html  # default synonym 物业费、物业管理费

    add_page("社区卫生死角清理")
    assert "社区卫生死角清理" not in plain(client.get("/search/", {"q": "环境整治"}))
    SearchSynonym.objects.create(terms="环境整治、卫生死角清理")
    assert "社区卫生死角清理" in plain(client.get("/search/", {"q": "环境整治"}))


def test_synonym_needs_two_words_with_a_chinese_message(client, admin_user_role, password):
    client.login(username=admin_user_role.username, password=password)
    response = client.post("/admin/snippets/search/searchsynonym/add/", {"terms": "物业费"})
    assert response.status_code == 200
    assert "请至少填写两个不同的词" in response.content.decode()
    assert not SearchSynonym.objects.filter(terms="物业费").exists()


def test_staff_promote_a_result(client, add_page):
    page = add_page("物业服务满意度测评结果")
    SearchPromotion.objects.create(query=Query.get("满意度"), page=page, sort_order=0, description="每年一次")
    html = client.get("/search/", {"q": "满意度"}).content.decode()
    assert "推荐结果" in html
    assert "每年一次" in html


def test_a_promotion_added_later_shows_at_once_and_searches_are_counted(client, add_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # the promotions' own cache is what is tested
    page = add_page("物业服务满意度测评结果")
    assert "推荐结果" not in client.get("/search/", {"q": "满意度"}).content.decode()
    SearchPromotion.objects.create(query=Query.get("满意度"), page=page, sort_order=0, description="每年一次")
    assert "每年一次" in client.get("/search/", {"q": "满意度"}).content.decode()
    client.get("/search/", {"q": "满意度"})
    assert sum(h.hits for h in Query.get("满意度").daily_hits.all()) == 3


def test_typo_falls_back_to_partial_matches(client, add_page):
    add_page("党费收缴情况公示")
    html = plain(client.get("/search/", {"q": "党费收激"}))
    assert "党费收缴情况公示" in html
    assert "只包含部分词语" in html


def test_no_results_page_is_friendly(client, home_page):
    html = client.get("/search/", {"q": "火星移民"}).content.decode()
    assert "没有找到与“火星移民”相关的内容" in html
    assert "常用搜索" in html
    assert 'href="?q=%E7%89%A9%E4%B8%9A%E8%B4%B9"' in html  # 物业费


def test_search_box_is_in_every_page_header(client, home_page):
    for url in ("/", "/search/", "/no-such-page/"):
        html = client.get(url).content.decode()
        assert 'role="search"' in html
        assert 'id="site-search-q"' in html


@pytest.mark.parametrize(
    "q",
    [
        "",
        "电",
        "a",
        "电梯" * 250,
        '"电梯',
        "电梯*",
        "电梯 AND 维修",
        "电梯 OR",
        "NEAR(电梯 维修)",
        "(电梯",
        ")",
        "-电梯",
        "^电梯",
        "title:电梯",
        "2024年",
        "12.5万元",
        "Wi-Fi",
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "\x00",
        "　",
    ],
)
def test_any_query_gives_a_normal_page(client, add_page, q):
    add_page("电梯维修通知")
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_long_query_is_cut_to_the_documented_length(client, settings, home_page):
    response = client.get("/search/", {"q": "电" * 500})
    assert len(response.context["query"]) == settings.SEARCH_MAX_QUERY_LENGTH == 100


def test_unknown_type_is_ignored(client, add_page):
    add_page("电梯维修通知")
    response = client.get("/search/", {"q": "电梯", "type": "nonsense"})
    assert response.status_code == 200
    assert "电梯维修通知" in plain(response)


def test_volunteer_teams_are_found_with_their_public_page(client, home_page, site):
    from volunteers.factories import VolunteerBoardPageFactory, VolunteerFactory, VolunteerTeamFactory

    board = VolunteerBoardPageFactory(parent=home_page)
    leader = VolunteerFactory(real_name="欧阳秀兰")
    team = VolunteerTeamFactory(
        name="和事佬调解队", description="化解邻里纠纷，调解家庭矛盾。", leader=leader
    )
    html = plain(client.get("/search/", {"q": "调解"}))
    assert "志愿服务队" in html
    assert f'href="{board.url}team/{team.pk}/"' in html
    assert "化解邻里纠纷" in html
    assert "欧阳秀兰" not in html
    only_teams = plain(client.get("/search/", {"q": "调解", "type": "team"}))
    assert "和事佬调解队" in only_teams


@pytest.mark.parametrize("count", [12, 60])
def test_search_page_runs_a_bounded_number_of_queries(client, add_page, django_assert_max_num_queries, count):
    for n in range(count):
        add_page(f"楼道清理通知第{n}号")
    client.get("/search/", {"q": "楼道"})  # warm caches (site, settings)
    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": "楼道"})
    assert response.status_code == 200


def test_very_common_words_are_counted_up_to_a_limit(client, add_page, monkeypatch):
    from portal.search import bounded, views

    monkeypatch.setattr(bounded, "COUNT_LIMIT", 5)
    monkeypatch.setattr(views, "CANDIDATES", 5)
    for n in range(8):
        add_page(f"楼道清理通知第{n}号")
    html = client.get("/search/", {"q": "楼道"}).content.decode()
    assert "找到超过 5 条结果，请加一个词缩小范围，下面列出最相关的 5 条" in html
    assert html.count('class="search-results__title"') == 5
    # A word that narrows the matches below the limit is counted exactly.
    html = client.get("/search/", {"q": "楼道 第3号"}).content.decode()
    assert "找到 1 条结果" in html


def test_old_synonym_admin_urls_lead_to_the_search_app(client, admin_user_role, password):
    client.login(username=admin_user_role.username, password=password)
    response = client.get("/admin/snippets/portal/searchsynonym/add/")
    assert response.status_code == 301
    assert response["Location"] == "/admin/snippets/search/searchsynonym/add/"
    listing = client.get("/admin/snippets/portal/searchsynonym/", {"q": "物业"}, follow=True)
    assert listing.redirect_chain == [("/admin/snippets/search/searchsynonym/?q=%E7%89%A9%E4%B8%9A", 301)]
    assert "物业管理费" in listing.content.decode()
