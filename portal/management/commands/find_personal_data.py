"""Lists published pages whose text holds personal numbers (saved before the check existed)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from portal.personal_data import find_personal_numbers, texts_in


class Command(BaseCommand):
    help = "查找已发布页面里的手机号码、身份证号和银行卡号（保存校验上线之前录入的内容）。"

    def handle(self, *args, **options):
        hits = 0
        for page in Page.objects.live().specific().iterator(chunk_size=200):
            for field, value in page.serializable_data().items():
                if field in ("pk", "path", "url_path", "translation_key", "content_type", "latest_revision"):
                    continue
                findings = [f for text in texts_in(value) for f in find_personal_numbers(text)]
                if findings:
                    hits += 1
                    numbers = "、".join(f"{f.label} {f.masked}" for f in findings)
                    self.stdout.write(
                        f"{page.title}（页面 {page.pk}，{page.url_path}）字段 {field}：{numbers}"
                    )
        if hits:
            raise CommandError(f"发现 {hits} 处个人号码，请在后台逐一删除后重新发布。")
        self.stdout.write("没有发现个人号码。")
