from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from portal.security.uploads import UploadError, strip_metadata


class Command(BaseCommand):
    help = "去掉已上传图片原件里的 EXIF、GPS 等信息，并删除旧的缩略图（之后按需重新生成）。新上传的图片已自动处理。"

    def handle(self, **options):
        changed = 0
        for image in get_image_model().objects.all().iterator():
            try:
                with image.open_file() as f:
                    data = f.read()
                stripped = strip_metadata(data)
            except (OSError, UploadError) as error:
                self.stderr.write(f"跳过图片 {image.pk}（{image.title}）：{error}")
                continue
            if stripped == data:
                continue
            storage, name = image.file.storage, image.file.name
            storage.delete(name)
            image.file.name = storage.save(name, ContentFile(stripped))
            image.file_size = len(stripped)
            image._set_file_hash()
            image.save(update_fields=["file", "file_size", "file_hash"])
            image.renditions.all().delete()  # they were made from the old file and carry its EXIF
            changed += 1
        self.stdout.write(f"处理了 {changed} 张图片。")
