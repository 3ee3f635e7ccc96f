"""StreamField blocks only newspaper articles use; the shared ones live in portal.blocks."""

from wagtail import blocks

from portal.blocks import HeadingBlock, ImageBlock, QuoteBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class GalleryImageBlock(ImageBlock):
    """One photo in a gallery: the shared image block without a caption of its own."""

    caption = None  # the gallery has one caption for the set

    class Meta:
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
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock(description="一段居民的原话")
    notice_link = NoticeLinkBlock()
