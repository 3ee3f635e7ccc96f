"""Blocks every section's StreamFields share: an image, a quote, a heading and an attachment.

Wagtail's own `wagtail.images.blocks.ImageBlock` has no caption and lets an editor mark an image
"decorative" (no alt text); notices and articles need captions and every published image
carries a description, so the image block here is a plain struct of image, alt text and caption.
"""

import copy

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock


def with_newest(block, name, model):
    """The block's preview value with the library's newest image or document as child `name`:
    the preview shows the layout, not real content."""
    return block.normalize({**block.meta.preview_value, name: model.objects.order_by("-pk").first()})


class HeadingBlock(blocks.CharBlock):
    """A sub-heading inside a text."""

    def __init__(self, max_length=80, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    class Meta:
        icon = "title"
        label = "小标题"
        template = "blocks/heading.html"
        preview_value = "公示内容"
        description = "正文里的一个小标题"


ALT_TEXT_HELP = "留空则使用上传图片时写的图片说明；为这篇文章换一种说法时再填写。"


class ImageBlock(blocks.StructBlock):
    """A picture with the alt text screen readers read out, and an optional caption."""

    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(
        label="图片说明（替代文字）",
        max_length=200,
        help_text="必填：用一句话说清图片里是什么，供视力不好的读者使用读屏软件时收听。",
    )
    caption = blocks.CharBlock(label="图注", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the editor is told (not part of the block's definition, so no migration): the alt
        # text may stay empty when the image has its description; clean() still insists on one.
        alt_text = copy.copy(self.child_blocks["alt_text"])
        alt_text.field = copy.copy(alt_text.field)
        alt_text.field.help_text = ALT_TEXT_HELP
        alt_text.field.required = False
        self.child_blocks["alt_text"] = alt_text

    def clean(self, value):
        """An empty alt text takes the image's own description (asked for once, at upload)."""
        image = value.get("image")
        if image is not None and not (value.get("alt_text") or "").strip():
            value["alt_text"] = (getattr(image, "description", "") or "").strip()
        if image is not None and not value["alt_text"]:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError("这张图片还没有说明：请填写替代文字，说清图片里是什么。")
                }
            )
        return super().clean(value)

    def get_preview_value(self):
        return with_newest(self, "image", get_image_model())

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image.html"
        preview_value = {"alt_text": "居民在社区广场参加重阳节百家宴", "caption": "重阳节百家宴"}
        description = "一张图片，带替代文字和图注"


class QuoteBlock(blocks.StructBlock):
    """Words someone said, with who said them."""

    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="说话人", required=False, max_length=80)

    class Meta:
        icon = "openquote"
        label = "引语"
        template = "blocks/quote.html"
        preview_value = {"text": "远亲不如近邻，谁家没个难处。", "attribution": "楼长老王"}
        description = "一段原话和说话人"


class AttachmentBlock(blocks.StructBlock):
    """A downloadable document (a scanned notice, a spreadsheet) under a title readers understand."""

    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(
        label="显示名称", required=False, max_length=200, help_text="留空则使用文件标题。"
    )

    def get_preview_value(self):
        return with_newest(self, "document", get_document_model())

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "blocks/attachment.html"
        preview_value = {"title": "意见征询统计表"}
        description = "一个可以下载的文件，如扫描件、表格"
