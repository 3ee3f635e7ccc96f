"""A notice's public page: period and days left, attachments, problem handling, related notices."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from notices.blocks import NoticeBodyBlock, ProblemBlock
from notices.factories import NoticePageFactory
from notices.models import NoticePage, RelatedNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="加装电梯意向统计表", file=ContentFile(b"x" * 2048, name="dianti.xlsx")
    )


def test_page_shows_period_days_left_objection_channel_and_attachments(client, notice_index, document):
    today = timezone.localdate()
    notice = NoticePageFactory(
        parent=notice_index,
        title="关于3号楼加装电梯的公示",
        issuing_body="社区居委会",
        summary="3号楼2单元加装电梯意见征询结果公示。",
        public_from=today - datetime.timedelta(days=2),
        public_until=today + datetime.timedelta(days=4),
        objection_office="社区居委会办公室",
        objection_phone="0531-8866 1234",
        objection_deadline=today + datetime.timedelta(days=4),
        body=[
            ("heading", "公示内容"),
            ("paragraph", "<p>同意加装的住户占本单元的 91.7%。</p>"),
            ("table", {"data": [["单元", "同意户数"], ["2单元", "11"]], "first_row_is_table_header": True}),
            ("attachment", {"document": document, "title": "意向统计表"}),
        ],
    )
    notice.tags.add("加装电梯")
    notice.save_revision().publish()

    html = client.get(notice.url).content.decode()
    assert "关于3号楼加装电梯的公示" in html
    assert "居务公开" in html and "社区居委会" in html
    assert "公示中·剩5天" in html
    assert f"{notice.public_until.year}年{notice.public_until.month}月{notice.public_until.day}日" in html
    assert "社区居委会办公室" in html and 'href="tel:05318866' in html
    assert "同意加装的住户占本单元的 91.7%" in html
    assert "<table" in html and "2单元" in html
    assert "意向统计表" in html and "XLSX" in html and "2.0\xa0KB" in html
    assert "?tag=%E5%8A%A0%E8%A3%85%E7%94%B5%E6%A2%AF" in html
    assert f'href="/notices/{notice.slug}/print/"' in html
    assert "notices/notices.css" in html


def test_problem_handling_lists_problems_without_reporters(client, notice_index):
    notice = NoticePageFactory(
        parent=notice_index,
        body=[
            (
                "problems",
                {
                    "heading": "2026年3月居民反映问题处理情况",
                    "problems": [
                        {
                            "date": datetime.date(2026, 3, 2),
                            "kind": "环境卫生",
                            "description": "5号楼北侧垃圾桶满溢。",
                            "status": "done",
                            "handling": "已协调物业每日清运两次。",
                            "reply": "已电话回复反映人。",
                        },
                        {
                            "date": datetime.date(2026, 3, 9),
                            "kind": "停车",
                            "description": "消防通道被占用。",
                            "status": "in_progress",
                            "handling": "",
                            "reply": "",
                        },
                    ],
                },
            )
        ],
    )
    html = client.get(notice.url).content.decode()
    assert "2026年3月居民反映问题处理情况" in html
    assert "环境卫生" in html and "已办结" in html and "处理中" in html
    assert "已协调物业每日清运两次。" in html
    # The block has no place for who reported it (the 受理号 names the report, not the reporter).
    fields = {"date", "kind", "description", "status", "handling", "reply", "number"}
    assert set(ProblemBlock.base_blocks) == fields


@pytest.mark.parametrize("text", ["反映人电话13812345678", "身份证 37010219800101123X"])
def test_problem_text_with_phone_or_id_numbers_is_refused(text):
    block = NoticeBodyBlock()
    value = block.to_python(
        [
            {
                "type": "problems",
                "value": {
                    "heading": "问题处理",
                    "problems": [
                        {"date": "2026-03-02", "kind": "噪音", "description": text, "status": "accepted"}
                    ],
                },
            }
        ]
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_related_notices_link_only_live_ones(client, notice_index):
    other = NoticePageFactory(parent=notice_index, title="关于征求加装电梯意见的通知")
    draft = NoticePageFactory(parent=notice_index, title="未发布的草稿", live=False)
    notice = NoticePageFactory(parent=notice_index, title="加装电梯结果公示")
    RelatedNotice.objects.create(page=notice, notice=other, sort_order=0)
    RelatedNotice.objects.create(page=notice, notice=draft, sort_order=1)
    html = client.get(notice.url).content.decode()
    assert "关于征求加装电梯意见的通知" in html
    assert "未发布的草稿" not in html


def test_period_must_make_sense(notice_index):
    notice = NoticePageFactory.build(
        public_from=datetime.date(2026, 5, 7), public_until=datetime.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        notice.clean()
    assert "公示截止日期不能早于开始日期" in str(error.value)


def test_editor_renders_for_staff(client, staff_user, notice_index):
    notice = NoticePageFactory(parent=notice_index)
    client.force_login(staff_user)
    assert client.get(f"/admin/pages/{notice.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/notices/noticepage/{notice_index.pk}/").status_code == 200
    assert NoticePage.objects.count() == 1


def test_images_in_the_body_carry_their_description(client, notice_index):
    from portal.demo.media import get_or_create_image

    picture = get_or_create_image("电梯井施工现场", text="施工", size=(200, 150))
    notice = NoticePageFactory(
        parent=notice_index,
        body=[
            ("image", {"image": picture, "alt_text": "3号楼电梯井道施工现场", "caption": "施工期间请绕行"})
        ],
    )
    html = client.get(notice.url).content.decode()
    assert 'alt="3号楼电梯井道施工现场"' in html
    assert "<figcaption>施工期间请绕行</figcaption>" in html


@pytest.mark.parametrize("size", [1, 8])
def test_notice_page_and_print_view_queries_do_not_grow_with_attachments_images_and_links(
    client, notice_index, size, django_assert_max_num_queries
):
    from portal.demo.media import get_or_create_image

    body = []
    for n in range(size):
        document = get_document_model().objects.create(
            title=f"附件{n}", file=ContentFile(b"x" * 100, name=f"fujian{n}.pdf")
        )
        picture = get_or_create_image(f"现场照片{n}", size=(200, 150))
        body += [
            ("attachment", {"document": document, "title": ""}),
            ("image", {"image": picture, "alt_text": f"施工现场{n}", "caption": "现场"}),
        ]
    notice = NoticePageFactory(parent=notice_index, slug="main", body=body)
    for n in range(size):
        other = NoticePageFactory(parent=notice_index, slug=f"other{n}", title=f"相关公告{n}")
        RelatedNotice.objects.create(page=notice, notice=other, sort_order=n)
        notice.tags.add(f"标签{n}")
    client.get(notice.url)  # warm the site caches and create the renditions
    with django_assert_max_num_queries(18):
        html = client.get(notice.url).content.decode()
    assert html.count('class="block-attachment"') == size and html.count("相关公告") == size + 1
    with django_assert_max_num_queries(10):
        assert client.get(notice.url + "print/").status_code == 200
