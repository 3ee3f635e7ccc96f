"""Import service hours from CSV or XLSX: every row is checked first, then all or nothing."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from volunteers.spreadsheet import SpreadsheetError, import_file

from ._common import get_site

PROGRESS_FROM = 200  # rows; shorter files need no progress bar


class Command(BaseCommand):
    help = (
        "从 CSV（UTF-8，可带 BOM）或 XLSX 文件导入服务时长，列为：志愿者编号,姓名,日期,时长,活动,服务队。"
        "先检查每一行，有任何一行出错就什么也不导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=".csv 或 .xlsx 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")
        parser.add_argument("--user", help="核实人用户名（导入的记录记为此人核实）")
        parser.add_argument("--site", help="站点主机名（默认：默认站点）")

    def handle(self, file, dry_run=False, user=None, site=None, **options):
        site_obj = get_site(site)
        user_obj = None
        if user:
            user_obj = get_user_model().objects.filter(username=user, is_active=True).first()
            if user_obj is None:
                raise CommandError(f"没有用户名为 {user} 的有效用户。")
        try:
            with open(file, "rb") as fileobj:
                result = import_file(
                    fileobj, file, site_obj, user=user_obj, dry_run=dry_run, progress=self.progress
                )
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{file}") from exc
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc

        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"共 {result.total} 行，其中 {len(result.errors)} 行有问题，没有导入任何记录。"
            )
        if dry_run:
            self.stdout.write(
                f"检查通过（试运行，未导入）：{result.total} 行，共 {result.total_hours} 小时。"
            )
            return
        verifier = f"核实人：{user_obj.get_username()}" if user_obj else "未指定 --user，核实人留空"
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入 {result.imported} 条服务记录，共 {result.total_hours} 小时（{verifier}）。"
            )
        )

    def progress(self, done, total):
        """A one-line progress bar on the terminal for long files."""
        if total < PROGRESS_FROM or (done % 100 and done != total):
            return
        width = 30
        filled = width * done // total
        bar = "█" * filled + "░" * (width - filled)
        stream = self.stderr if sys.stderr.isatty() else None
        line = f"检查中 [{bar}] {done}/{total}"
        if stream is not None:
            stream.write(f"\r{line}", ending="\n" if done == total else "")
        elif done == total:
            self.stderr.write(line)
