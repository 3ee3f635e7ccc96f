"""StreamField blocks of a notice's body."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock

from portal.blocks import AttachmentBlock, HeadingBlock, ImageBlock
from portal.personal_data import find_personal_numbers

PROBLEM_STATUS_CHOICES = [("accepted", "已受理"), ("in_progress", "处理中"), ("done", "已办结")]


class ProblemBlock(blocks.StructBlock):
    """One reported problem and how it was handled; deliberately has no field for the reporter."""

    date = blocks.DateBlock(label="反映日期")
    kind = blocks.CharBlock(label="问题类别", max_length=40, help_text="例如：环境卫生、物业服务、停车")
    description = blocks.TextBlock(label="问题概要", help_text="不要写反映人姓名、电话、门牌号。")
    status = blocks.ChoiceBlock(label="办理状态", choices=PROBLEM_STATUS_CHOICES, default="accepted")
    handling = blocks.TextBlock(label="处理情况", required=False)
    reply = blocks.TextBlock(label="答复", required=False)
    number = blocks.CharBlock(
        label="受理号", required=False, max_length=20, help_text="网上受理的反映：打印版为它印二维码。"
    )

    class Meta:
        icon = "help"
        label = "问题"

    def clean(self, value):
        value = super().clean(value)
        for name in ("description", "handling", "reply"):
            if find_personal_numbers(value.get(name) or ""):
                raise ValidationError(
                    "不能公开居民的电话号码或身份证号，请删除后再保存。",
                    params={name: ValidationError("含有电话号码或身份证号")},
                )
        return value


class ProblemListBlock(blocks.StructBlock):
    """居民反映问题处理情况: a list of problems with status, handling and reply."""

    heading = blocks.CharBlock(label="标题", default="居民反映问题处理情况", max_length=80)
    problems = blocks.ListBlock(ProblemBlock(), label="问题")

    class Meta:
        icon = "list-ul"
        label = "问题处理情况"
        template = "notices/blocks/problem_list_block.html"
        description = "居民反映的问题、办理状态和答复，不写反映人"
        preview_value = {
            "heading": "居民反映问题处理情况",
            "problems": [
                {
                    "date": "2026-03-06",
                    "kind": "环境卫生",
                    "description": "北侧垃圾桶满溢，夏季有异味。",
                    "status": "done",
                    "handling": "已协调物业增加清运频次为每日两次。",
                    "reply": "问题已解决。",
                }
            ],
        }


class NoticeBodyBlock(blocks.StreamBlock):
    """What a notice's body may contain."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="正文", features=["bold", "italic", "ol", "ul", "link", "document-link"]
    )
    table = TableBlock(label="表格", template="notices/blocks/table_block.html")
    image = ImageBlock()
    attachment = AttachmentBlock()
    problems = ProblemListBlock()
