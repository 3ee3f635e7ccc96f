"""Admin forms shared by every section."""

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Images uploaded by editors must carry alt text for residents who use screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = "替代文字（图片说明）"
            field.help_text = "用一句话说明图片内容，供读屏软件朗读，例如：志愿者在楼道里为老人量血压。"
            field.error_messages["required"] = "请填写替代文字，说明图片里是什么。"
