"""StreamField blocks for newspaper articles."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ArticleImageBlock(blocks.StructBlock):
    """A photo with the alt text readers of screen readers hear, and an optional caption."""

    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(
        label="图片说明（替代文字）",
        max_length=200,
        help_text="必填：用一句话说清图片里是什么，供视力不好的读者使用读屏软件时收听。",
    )
    caption = blocks.CharBlock(label="图注", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片"
        template = "news/blocks/image.html"
        description = "一张图片，带替代文字和图注"


class GalleryImageBlock(blocks.StructBlock):
    """One photo in a gallery; alt text is required as for single images."""

    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(label="图片说明（替代文字）", max_length=200)

    class Meta:
        icon = "image"
        label = "图片"


class GalleryBlock(blocks.StructBlock):
    """A small set of photos shown as a grid, with one caption for the set."""

    images = blocks.ListBlock(GalleryImageBlock(), min_num=2, max_num=12, label="图片")
    caption = blocks.CharBlock(label="组图说明", required=False, max_length=200)

    class Meta:
        icon = "doc-full-inverse"
        label = "组图"
        template = "news/blocks/gallery.html"
        description = "两张以上的图片"


class QuoteBlock(blocks.StructBlock):
    """Words a resident said, with who said them."""

    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="说话人", required=False, max_length=80)

    class Meta:
        icon = "openquote"
        label = "引语"
        template = "news/blocks/quote.html"
        description = "一段居民的原话"


class NoticeLinkBlock(blocks.StructBlock):
    """A link to a notice on the community notice board (公开栏)."""

    page = blocks.PageChooserBlock(label="公告", page_type="notices.NoticePage")
    label = blocks.CharBlock(
        label="链接文字", required=False, max_length=80, help_text="留空则使用公告标题。"
    )

    class Meta:
        icon = "link"
        label = "相关公告"
        template = "news/blocks/notice_link.html"
        description = "链接到公开栏里的一条公告"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article."""

    paragraph = blocks.RichTextBlock(label="段落", features=RICH_TEXT_FEATURES, icon="pilcrow")
    heading = blocks.CharBlock(
        label="小标题", max_length=80, icon="title", template="news/blocks/heading.html"
    )
    image = ArticleImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    notice_link = NoticeLinkBlock()
