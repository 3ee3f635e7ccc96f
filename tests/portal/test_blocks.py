"""The blocks every section shares (portal.blocks): one shape in notices, articles and role-model
stories, rendered by one template each, previewed in the editor with the site's styles."""

import pytest
from django.urls import reverse
from wagtail.models import Collection

from news.blocks import ArticleBodyBlock
from notices.blocks import NoticeBodyBlock
from portal import blocks as shared
from volunteers.models.role_models import StoryBlock

pytestmark = pytest.mark.django_db

SHARED = [shared.HeadingBlock, shared.ImageBlock, shared.QuoteBlock, shared.AttachmentBlock]


@pytest.fixture
def picture(db):
    import wagtail_factories

    return wagtail_factories.ImageFactory(title="百家宴", collection=Collection.get_first_root_node())


def test_each_section_uses_the_shared_blocks():
    bodies = {
        "notices": NoticeBodyBlock(),
        "news": ArticleBodyBlock(),
        "volunteers": StoryBlock(),
    }
    expected = {
        "notices": {
            "heading": shared.HeadingBlock,
            "image": shared.ImageBlock,
            "attachment": shared.AttachmentBlock,
        },
        "news": {"heading": shared.HeadingBlock, "image": shared.ImageBlock, "quote": shared.QuoteBlock},
        "volunteers": {"heading": shared.HeadingBlock, "quote": shared.QuoteBlock},
    }
    for app, body in bodies.items():
        for name, block_class in expected[app].items():
            assert type(body.child_blocks[name]) is block_class, (app, name)
    gallery_image = bodies["news"].child_blocks["gallery"].child_blocks["images"].child_block
    assert isinstance(gallery_image, shared.ImageBlock)
    assert list(gallery_image.child_blocks) == ["image", "alt_text"]  # one caption for the set


@pytest.mark.parametrize("block_class", SHARED)
def test_shared_blocks_describe_themselves(block_class):
    block = block_class()
    assert block_class.__doc__.strip()
    assert block.meta.icon and block.meta.description and block.meta.preview_value
    assert block.meta.template.startswith("blocks/")


def test_one_template_renders_the_image_and_quote_everywhere(picture):
    image = shared.ImageBlock()
    html = image.render(
        image.to_python({"image": picture.pk, "alt_text": "居民吃百家宴", "caption": "重阳节"})
    )
    assert 'alt="居民吃百家宴"' in html and "<figcaption>重阳节</figcaption>" in html
    assert 'type="image/webp"' in html and 'loading="lazy"' in html
    quote = shared.QuoteBlock()
    html = quote.render(quote.to_python({"text": "远亲不如近邻。\n谁家没个难处。", "attribution": "王秀英"}))
    assert html.count('class="block-quote"') == 1 and "远亲不如近邻。<br>谁家没个难处。" in html
    assert "—— 王秀英" in html
    assert "<footer>" not in quote.render(quote.to_python({"text": "好", "attribution": ""}))
    assert shared.HeadingBlock().render("公示内容") == "<h2>公示内容</h2>\n"


def test_the_image_block_needs_alt_text(picture):
    from wagtail.blocks import StructBlockValidationError

    image = shared.ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        image.clean(image.to_python({"image": picture.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors


@pytest.mark.parametrize("block_class", SHARED)
def test_block_previews_use_the_site_styles(client, admin_user_role, picture, block_class):
    from wagtail.documents import get_document_model

    get_document_model().objects.create(title="意见征询统计表", file="documents/tongji.xlsx")
    body = NoticeBodyBlock() if block_class is not shared.QuoteBlock else ArticleBodyBlock()
    block = next(b for b in body.child_blocks.values() if type(b) is block_class)
    client.force_login(admin_user_role)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/portal.css" in html
    if block_class is shared.ImageBlock:
        assert 'alt="居民在社区广场参加重阳节百家宴"' in html
    if block_class is shared.AttachmentBlock:
        assert "意见征询统计表" in html


def test_the_problem_list_previews_without_any_reporter(client, admin_user_role):
    block = NoticeBodyBlock().child_blocks["problems"]
    client.force_login(admin_user_role)
    html = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}).content.decode()
    assert block.meta.description and "北侧垃圾桶满溢" in html and "已办结" in html
