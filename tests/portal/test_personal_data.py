"""No personal number reaches a public page, whichever field it was typed into."""

import json

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.factories import ColumnFactory, IssuePageFactory
from news.models import ArticlePage, Column, Correspondent
from notices.models import FinancialDisclosurePage, Fund, NoticePage
from portal.models import CommunitySettings
from portal.personal_data import PersonalDataFormMixin, find_personal_numbers
from tests.news.conftest import article_form_data
from tests.notices.admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, notice_form
from volunteers.models import VolunteerTeam

MOBILE, ID_NUMBER, CARD = "13912345678", "370102198001011234", "6222 0212 3456 7897"


@pytest.mark.parametrize(
    "text, kinds",
    [
        (f"请联系王阿姨{MOBILE}", ["mobile"]),
        ("手机 139 1234 5678 或 139-1234-5678", ["mobile", "mobile"]),
        ("+86 13912345678", ["mobile"]),
        (f"身份证号{ID_NUMBER}", ["id"]),  # check digit mistyped, birth date and region real
        ("11010519491231002X", ["id"]),  # valid check digit
        ("4111111111111111", ["card"]),
        ('<p><a href="tel:13912345678">打电话</a></p>', ["mobile"]),
        ("办公电话 0531-88661235，0531-8866 1235 转 8001", []),
        ("支出 36,500.00 元，凭证号 记-001，2026年11月30日", []),
        ("订单 20261130123456", []),
        ("卡号 6222 0212 3456 7890", []),  # fails the Luhn check
    ],
)
def test_the_finder(text, kinds):
    assert [f.kind for f in find_personal_numbers(text)] == kinds


def test_masked_numbers_in_messages():
    (finding,) = find_personal_numbers(f"电话{MOBILE}")
    assert finding.masked == "139****5678" and MOBILE not in finding.masked


def test_every_page_type_and_public_snippet_uses_the_check():
    page_models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    assert len(page_models) >= 12
    for model in page_models:
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, PersonalDataFormMixin), model.__name__
    for model in (Fund, Column, Correspondent, VolunteerTeam, CommunitySettings):
        from wagtail.admin.panels import get_edit_handler

        assert issubclass(get_edit_handler(model).get_form_class(), PersonalDataFormMixin), model.__name__


def errors_text(response):
    """The page as the editor sees it plus every form error (StreamField errors sit in its JSON)."""
    assert response.status_code == 200, "the page was saved"
    form = response.context["form"]
    errors = [str(form.errors)]
    for formset in getattr(form, "formsets", {}).values():
        errors += [str(f.errors) for f in formset.forms]
    return response.content.decode() + "".join(errors)


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field, value, label",
    [
        ("title", f"关于{MOBILE}的通知", "标题"),
        ("summary", f"请联系王阿姨{MOBILE}", "摘要"),
        ("tags", f"楼长{MOBILE}", "标签"),
        ("objection_phone", MOBILE, "异议受理电话"),
        ("body", streamfield([("paragraph", rich_text(f"<p>住户身份证号{ID_NUMBER}</p>"))]), "正文"),
        (
            "body",
            streamfield(
                [
                    (
                        "table",
                        json.dumps(
                            {"data": [["姓名", "电话"], ["张*", MOBILE]], "table_header_choice": "row"}
                        ),
                    )
                ]
            ),
            "正文",
        ),
    ],
)
def test_notices_refuse_personal_numbers_naming_the_field(
    client, staff_user, notice_index, field, value, label
):
    client.force_login(staff_user)
    data = (
        notice_form(**{field: value})
        if field != "body"
        else {**notice_form(), **nested_form_data({"body": value})}
    )
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    html = errors_text(client.post(url, {**data, "action-publish": "1"}))
    assert f"“{label}”里有" in html and "不能出现在公开页面上" in html
    assert not NoticePage.objects.exists()


def test_office_landlines_stay_allowed(client, staff_user, notice_index):
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    data = notice_form(objection_phone="0531-88661235", summary="咨询电话 0531-8866 1235")
    assert client.post(url, {**data, "action-publish": "1"}).status_code == 302
    assert NoticePage.objects.get().live


def test_disclosure_line_items_are_checked(client, staff_user, finance_index, fund):
    client.force_login(staff_user)
    items = [(*GOOD_ITEMS[0][:3], f"张先生{MOBILE}", *GOOD_ITEMS[0][4:]), *GOOD_ITEMS[1:]]
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    html = errors_text(client.post(url, disclosure_form(fund, items, closing=GOOD_CLOSING)))
    assert "“对方”里有手机号码（139****5678）" in html
    assert not FinancialDisclosurePage.objects.exists()


def test_article_captions_alt_text_and_quotes_are_checked(client, make_user, publication, cover_image):
    from portal import roles

    issue = IssuePageFactory(parent=publication, number=1)
    client.force_login(make_user(roles.EDITOR_IN_CHIEF))
    body = streamfield(
        [("image", {"image": cover_image.pk, "alt_text": "照片", "caption": f"联系人电话{MOBILE}"})]
    )
    data = {**article_form_data("图书角", "corner"), **nested_form_data({"body": body})}
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    assert "“正文”里有手机号码" in errors_text(client.post(url, data))
    assert not ArticlePage.objects.exists()


def test_public_snippets_and_settings_are_checked(client, admin_user_role, site, publication):
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailsnippets_notices_fund:add"), {"name": "基金", "description": f"经手人{MOBILE}"}
    )
    assert "“说明”里有手机号码" in errors_text(response)
    column = ColumnFactory(publication=publication)
    response = client.post(
        reverse("wagtailsnippets_news_column:edit", args=(column.pk,)),
        {"name": f"热线{MOBILE}", "publication": publication.pk, "description": ""},
    )
    assert "手机号码" in errors_text(response)
    url = reverse("wagtailsettings:edit", args=("portal", "communitysettings", site.pk))
    html = client.get(url).content.decode()
    assert "服务热线" in html
    response = client.post(url, {"community_name": "测试社区", "hotline": MOBILE})
    assert "“服务热线”里有手机号码" in errors_text(response)


def test_find_personal_data_lists_pages_saved_before_the_check(notice_index):
    import io

    from django.core.management import CommandError, call_command

    from notices.factories import NoticePageFactory

    NoticePageFactory(parent=notice_index, summary="请联系王阿姨13912345678")
    NoticePageFactory(parent=notice_index, summary="办公电话 0531-88661235")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("find_personal_data", stdout=out)
    assert out.getvalue().count("139****5678") == 1 and "summary" in out.getvalue()


def test_image_titles_and_alt_text_and_document_titles_are_checked(client, admin_user_role):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from tests.portal.security.images import photo

    client.force_login(admin_user_role)
    root = str(Collection.get_first_root_node().pk)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "楼长照片",
            "description": f"楼长老王，电话{MOBILE}",
            "file": SimpleUploadedFile("wang.jpg", photo(), content_type="image/jpeg"),
            "collection": root,
            "tags": "",
        },
    )
    assert "“图片说明”里有手机号码" in errors_text(response)
    assert not get_image_model().objects.exists()
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"低保名单（身份证{ID_NUMBER}）",
            "file": SimpleUploadedFile("list.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
            "collection": root,
            "tags": "",
        },
    )
    assert "身份证号" in errors_text(response)
    assert not get_document_model().objects.exists()
