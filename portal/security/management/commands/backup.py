from django.core.management.base import BaseCommand, CommandError

from portal.security.backup import PASSPHRASE_VARIABLE, BackupError, write_backup


class Command(BaseCommand):
    help = f"把数据库和上传的文件备份成一个加密文件（密码取自环境变量 {PASSPHRASE_VARIABLE}）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件的路径，如 /var/backups/portal/2026-05-01.bak")

    def handle(self, file, **options):
        try:
            manifest = write_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已备份到 {file}：数据库（{manifest['engine']}）和 {manifest['media_files']} 个上传文件。"
        )
