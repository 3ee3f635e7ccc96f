"""Service hours in and out of spreadsheets (CSV or XLSX), shared by the commands and the admin.

Import is all-or-nothing: every row is checked first; any bad row means nothing is saved.
Each imported file becomes an ImportBatch: the same file is refused a second time, and the
batch can be undone as a whole for a few days. Exported text cells never become formulas.
"""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.spreadsheets import csv_text, unescape_csv_text, xlsx_text

from . import stats
from .models import ImportBatch, ServiceRecord, Volunteer, VolunteerTeam
from .models.records import sync_service_points
from .models.settings import VolunteerSettings

COLUMNS = ["志愿者编号", "姓名", "日期", "时长", "活动", "服务队"]
FORMATS = (".csv", ".xlsx")
MAX_HOURS = Decimal("24")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong type, wrong header, not a spreadsheet)."""


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self):
        return f"第 {self.row} 行：{self.reason}"


@dataclass
class ImportResult:
    """What a check (and possibly an import) found."""

    total: int = 0
    valid: list = field(default_factory=list)  # unsaved ServiceRecord instances
    errors: list = field(default_factory=list)
    imported: int = 0
    batch: ImportBatch | None = None

    @property
    def ok(self):
        return not self.errors

    @property
    def total_hours(self):
        return sum((r.hours for r in self.valid), Decimal("0"))

    @property
    def duplicate_rows(self):
        return [e.row for e in self.errors if e.reason.startswith("重复")]


def file_format(filename):
    name = (filename or "").lower()
    for ext in FORMATS:
        if name.endswith(ext):
            return ext
    raise SpreadsheetError("只支持 .csv 和 .xlsx 文件。")


# -- reading -------------------------------------------------------------------


def read_rows(fileobj, filename):
    """[(row number, [six cell values])] after checking the header; row numbers as in the file."""
    ext = file_format(filename)
    rows = _read_csv(fileobj) if ext == ".csv" else _read_xlsx(fileobj)
    if not rows:
        raise SpreadsheetError("文件是空的。")
    header = [_text(c) for c in rows[0][1]]
    while header and header[-1] == "":
        header.pop()
    if header != COLUMNS:
        raise SpreadsheetError(f"表头必须正好是：{','.join(COLUMNS)}（当前是：{','.join(header)}）。")
    data = []
    for number, cells in rows[1:]:
        cells = list(cells) + [None] * (len(COLUMNS) - len(cells))
        if all(_text(c) == "" for c in cells):
            continue  # blank lines at the end of a sheet
        data.append((number, cells))
    return data


def _read_csv(fileobj):
    raw = fileobj.read()
    if isinstance(raw, str):
        text = raw.lstrip("\ufeff")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SpreadsheetError("CSV 文件必须是 UTF-8 编码（Excel 请选“CSV UTF-8”另存）。") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    return [(i, row) for i, row in enumerate(reader, start=1)]


def _read_xlsx(fileobj):
    from openpyxl import load_workbook

    data = fileobj.read() if hasattr(fileobj, "read") else fileobj
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise SpreadsheetError("无法读取这个 XLSX 文件，请确认它是 Excel 工作簿。") from exc
    sheet = workbook.worksheets[0]
    rows = [(i, list(row)) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    workbook.close()
    return rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_csv_text(str(value).strip())  # our own CSV exports add an apostrophe


DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = DATE_RE.match(_text(value))
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def parse_hours(value):
    """(hours, error): Decimal with at most one decimal, 0 < h ≤ 24."""
    if isinstance(value, float):
        value = repr(value)
    text = _text(value)
    try:
        hours = Decimal(text)
    except InvalidOperation:
        return None, f"时长“{text}”不是数字"
    if not hours.is_finite():
        return None, f"时长“{text}”不是数字"
    if hours <= 0:
        return None, "时长必须大于 0"
    if hours > MAX_HOURS:
        return None, "时长不能超过 24 小时"
    if hours != hours.quantize(Decimal("0.1")):
        return None, "时长最多保留一位小数"
    return hours.quantize(Decimal("0.1")), None


# -- checking ------------------------------------------------------------------


def check_rows(rows, site, progress=None):
    """Check every row against the database (a fixed number of queries) and each other."""
    result = ImportResult(total=len(rows))
    numbers = {_text(cells[0]) for _, cells in rows}
    volunteers = {v.number: v for v in Volunteer.objects.filter(site=site, number__in=numbers)}
    teams = {t.name: t for t in VolunteerTeam.objects.filter(site=site)}
    existing = set(
        ServiceRecord.objects.filter(volunteer__in=list(volunteers.values())).values_list(
            "volunteer_id", "date", "activity", "hours"
        )
    )
    seen = {}
    today = timezone.localdate()
    for index, (row_no, cells) in enumerate(rows, start=1):
        number, name, date_cell, hours_cell, activity, team_name = (
            _text(cells[0]),
            _text(cells[1]),
            cells[2],
            cells[3],
            _text(cells[4]),
            _text(cells[5]),
        )
        reasons = []
        volunteer = volunteers.get(number)
        if not number:
            reasons.append("缺少志愿者编号")
        elif volunteer is None:
            reasons.append(f"志愿者编号“{number}”不存在")
        elif name != volunteer.real_name:
            reasons.append(f"姓名“{name}”与编号 {number} 登记的姓名不一致")
        date = parse_date(date_cell)
        if date is None:
            reasons.append(f"日期“{_text(date_cell)}”无法识别，请写成 2025-03-01")
        elif date > today:
            reasons.append(f"日期 {date:%Y-%m-%d} 晚于今天")
        hours, hours_error = parse_hours(hours_cell)
        if hours_error:
            reasons.append(hours_error)
        if not activity:
            reasons.append("缺少活动名称")
        elif len(activity) > 120:
            reasons.append("活动名称超过 120 个字")
        team = None
        if team_name:
            team = teams.get(team_name)
            if team is None:
                reasons.append(f"服务队“{team_name}”不存在")
        if not reasons:
            key = (volunteer.pk, date, activity, hours)
            if key in existing:
                reasons.append("重复：与已有服务记录相同（同一志愿者、日期、活动和时长）")
            elif key in seen:
                reasons.append(f"重复：与文件第 {seen[key]} 行相同")
            else:
                seen[key] = row_no
        if reasons:
            result.errors.append(RowError(row_no, "；".join(reasons)))
        else:
            result.valid.append(
                ServiceRecord(volunteer=volunteer, date=date, hours=hours, activity=activity, team=team)
            )
        if progress:
            progress(index, len(rows))
    return result


def file_hash(data):
    return hashlib.sha256(data).hexdigest()


def earlier_batch(site, sha256):
    """The batch (not undone) that already imported a file with this content, if any."""
    return ImportBatch.objects.filter(site=site, sha256=sha256, undone_at__isnull=True).first()


def already_imported(batch):
    return SpreadsheetError(
        f"这个文件已经导入过：{batch.label}，共 {batch.row_count} 条记录。同一个文件不能导入两次；"
        "如果那一批有误，请先在“导入批次”里撤销它，再重新导入。"
    )


def import_file(fileobj, filename, site, user=None, dry_run=False, progress=None):
    """Check, then (unless dry_run or any row is bad) save all rows in one transaction."""
    data = fileobj.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    sha256 = file_hash(data)
    earlier = earlier_batch(site, sha256)
    if earlier is not None:
        raise already_imported(earlier)
    rows = read_rows(io.BytesIO(data), filename)
    result = check_rows(rows, site, progress=progress)
    if result.ok and not dry_run:
        result.batch = save_records(result.valid, site, user, filename=filename, sha256=sha256)
        result.imported = len(result.valid)
    return result


def save_records(records, site, user, filename, sha256):
    """Imported rows are verified by the importing user, earn their points, and form one batch.

    The batch row is written first: a second confirm of the same file (even one checked
    before the first was saved) fails on the unique file hash and writes nothing.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                site=site,
                sha256=sha256,
                filename=filename[:255],
                row_count=len(records),
                total_hours=sum((r.hours for r in records), Decimal("0")),
                imported_at=now,
                imported_by=user,
            )
            for record in records:
                record.verified_by = user
                record.verified_at = now
                record.import_batch = batch
            created = ServiceRecord.objects.bulk_create(records, batch_size=500)
            rate = VolunteerSettings.for_site(site).points_per_hour
            sync_service_points(created, rate_by_site={site.pk: rate})
            # bulk_create sends no signal: the stored totals are recomputed (and pages purged) here.
            stats.changed(volunteers={r.volunteer_id for r in created}, teams={r.team_id for r in created})
    except IntegrityError as exc:
        earlier = earlier_batch(site, sha256)
        if earlier is None:
            raise
        raise already_imported(earlier) from exc
    log(batch, "volunteers.import", user=user, data={"filename": batch.filename, "records": len(records)})
    return batch


# -- writing -------------------------------------------------------------------


def export_rows(site):
    """Rows for staff (with real names); ordered so that exports are stable."""
    records = (
        ServiceRecord.objects.filter(volunteer__site=site)
        .select_related("volunteer", "team")
        .order_by("date", "volunteer__number", "pk")
    )
    for record in records.iterator(chunk_size=2000):
        yield [
            record.volunteer.number,
            record.volunteer.real_name,
            record.date,
            record.hours,
            record.activity,
            record.team.name if record.team else "",
        ]


def write_file(fileobj, filename, site):
    """Write all of a site's service records; returns the number of rows."""
    ext = file_format(filename)
    count = 0
    if ext == ".csv":
        text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        for number, name, date, hours, activity, team in export_rows(site):
            writer.writerow(
                [
                    csv_text(number),
                    csv_text(name),
                    date.isoformat(),
                    str(hours),
                    csv_text(activity),
                    csv_text(team),
                ]
            )
            count += 1
        text.flush()
        text.detach()
        return count
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("服务时长")
    sheet.append(COLUMNS)
    for number, name, date, hours, activity, team in export_rows(site):
        text = [xlsx_text(sheet, value) for value in (number, name, activity, team)]
        sheet.append([text[0], text[1], date, hours, text[2], text[3]])
        count += 1
    workbook.save(fileobj)
    return count
