"""Export a site's service records to CSV or XLSX (for staff: contains real names)."""

from django.core.management.base import BaseCommand, CommandError

from volunteers.spreadsheet import SpreadsheetError, file_format, write_file

from ._common import get_site


class Command(BaseCommand):
    help = "导出服务时长到 CSV 或 XLSX 文件（按扩展名），列为：志愿者编号,姓名,日期,时长,活动,服务队。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="输出文件，.csv 或 .xlsx")
        parser.add_argument("--site", help="站点主机名（默认：默认站点）")

    def handle(self, file, site=None, **options):
        try:
            file_format(file)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        site_obj = get_site(site)
        with open(file, "wb") as fileobj:
            count = write_file(fileobj, file, site_obj)
        self.stdout.write(self.style.SUCCESS(f"已导出 {count} 条服务记录到 {file}。"))
