"""Journey: a resident editor writes an article with an image; the chief approves; it is live."""

import pytest
import wagtail_factories
from playwright.sync_api import expect
from wagtail.models import Collection, WorkflowState

from news.factories import IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from news.models import ArticlePage
from portal import roles
from tests.browser.conftest import DESKTOP
from tests.browser.journeys import Clicks, admin_login, snap

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "楼道里的图书角开张了"
ALT = "三位老人坐在楼道图书角的长椅上翻看报纸"
# "Write an article with a photo and submit it" took about 14 clicks (issue 15's count): down the
# page tree to the issue (页面, 社区报, the publication, the issue), 添加子页面, insert a block, 段落,
# the paragraph, insert a block, 图片, 选择一个图片, the photo, the footer's ^ and 提交, with the
# photo's alt text typed a second time. Now at most half of that.
CLICKS_BEFORE = 14
INSERT_BLOCK = "插入区块"


def test_editor_writes_chief_approves_article_goes_live(new_page, home_page, make_user, password):
    make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")
    make_user(roles.EDITOR_IN_CHIEF, username="chief", first_name="李建国")
    news = NewsIndexPageFactory(parent=home_page)
    paper = PublicationPageFactory(parent=news, title="社区快报", slug="kuaibao")
    # A draft issue: its articles go out only when the chief publishes it (news.signal_handlers).
    issue = IssuePageFactory(parent=paper, number=12, live=False)
    photo = wagtail_factories.ImageFactory(
        title="图书角", description=ALT, collection=Collection.objects.get(name="社区报")
    )

    page = new_page(viewport=DESKTOP)
    admin_login(page, "editor1", password)
    clicks = Clicks()
    # The dashboard's 社区报写稿 panel opens a new article in the current issue, a paragraph ready.
    with page.expect_navigation():
        clicks.click(page.get_by_role("link", name="在本期写稿"))
    snap(page, "journey-editor-2-add")
    page.get_by_placeholder("页面标题*").fill(TITLE)
    page.get_by_role("textbox", name="导语").fill("3号楼的居民把家里的旧书搬到楼道，办起了图书角。")
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.press_sequentially("图书角每天上午九点到下午五点开放，借书不用登记，看完放回原处就行。")
    clicks.click(page.get_by_role("button", name=INSERT_BLOCK).last)
    clicks.click(page.get_by_role("option", name="图片"))
    snap(page, "journey-editor-3-blocks")
    clicks.click(page.get_by_role("button", name="选择一个图片"))
    clicks.click(page.get_by_role("dialog").get_by_role("link", name="图书角"))
    page.locator(".modal-backdrop").wait_for(state="detached")
    # The photo's description is its alt text: nothing to type twice.
    page.get_by_label("图注").fill("图书角由3号楼楼长牵头布置。")
    snap(page, "journey-editor-4-filled")
    with page.expect_navigation():
        clicks.click(page.locator("footer").get_by_role("button", name="提交主编审核"))
    expect(page.get_by_role("status")).to_contain_text("已创建并提交审核")
    expect(page.locator("tr").filter(has_text=TITLE)).to_contain_text("审核中")
    snap(page, "journey-editor-5-submitted")
    assert clicks.count <= CLICKS_BEFORE // 2, f"{clicks.count} clicks"
    page.context.close()

    article = ArticlePage.objects.get(title=TITLE)
    assert article.get_parent().pk == issue.pk
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "社区报审稿"
    image_block = article.get_latest_revision_as_object().body[1]
    assert image_block.block_type == "image"
    assert image_block.value["image"].pk == photo.pk
    assert image_block.value["alt_text"] == ALT
    public = new_page()
    assert public.goto(article.url).status == 404

    page = new_page(viewport=DESKTOP)
    admin_login(page, "chief", password)
    panel = page.get_by_role("region", name="等待你的审查")
    snap(page, "journey-editor-6-chief-dashboard")
    panel.locator("tr").filter(has_text=TITLE).get_by_role("button").last.click()
    snap(page, "journey-editor-7-chief-review")
    page.get_by_role("button", name="审核通过", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("核验码")
    with page.expect_navigation():
        dialog.get_by_role("button", name="审核通过", exact=True).click()
    expect(panel.locator("tr").filter(has_text=TITLE)).to_have_count(0)

    # Approved, but held back until its issue is out; the chief then publishes the issue.
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    article.refresh_from_db()
    assert not article.live
    assert article.held_revision_id is not None
    assert public.goto(article.url).status == 404

    page.goto(f"/admin/pages/{issue.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    publish = page.get_by_role("button", name="发布", exact=True)
    publish.hover()  # waits until the menu has finished opening
    snap(page, "journey-editor-8-chief-publishes-issue")
    with page.expect_navigation():
        publish.click()
    expect(page.get_by_role("status")).to_contain_text("已经发布")
    issue.refresh_from_db()
    article.refresh_from_db()
    assert issue.live
    assert article.live

    response = public.goto(article.url)
    assert response.status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    picture = public.locator("main picture").filter(has=public.get_by_alt_text(ALT))
    expect(picture).to_have_count(1)
    img = picture.get_by_alt_text(ALT)
    img.scroll_into_view_if_needed()
    expect(public.locator("main figcaption")).to_have_text("图书角由3号楼楼长牵头布置。")
    # Polled from Python: wait_for_function evaluates strings in the page, which the CSP forbids.
    for _ in range(50):
        if img.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        public.wait_for_timeout(100)
    assert img.evaluate("img => img.complete && img.naturalWidth > 0")
    snap(public, "journey-editor-9-public-article")
