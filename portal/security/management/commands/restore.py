from django.core.management.base import BaseCommand, CommandError

from portal.security.backup import PASSPHRASE_VARIABLE, BackupError, restore_backup


class Command(BaseCommand):
    help = f"从 backup 命令生成的加密文件恢复数据库和上传的文件（密码取自环境变量 {PASSPHRASE_VARIABLE}）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件的路径")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库不是空的也恢复（会被备份完全替换）"
        )

    def handle(self, file, force=False, **options):
        try:
            manifest = restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已从 {file}（{manifest['created'][:19]} 的备份）恢复数据库和 {manifest['media_files']} 个上传文件。"
        )
