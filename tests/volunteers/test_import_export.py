"""import_service_hours / export_service_hours: all-or-nothing, every kind of bad row, round trips."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from volunteers.factories import ServiceRecordFactory, VolunteerFactory, VolunteerTeamFactory
from volunteers.models import PointsTransaction, ServiceRecord
from volunteers.spreadsheet import COLUMNS

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


@pytest.fixture
def people(site):
    team = VolunteerTeamFactory(name="治安巡逻队")
    return {
        "zhang": VolunteerFactory(number="ZY001", real_name="张秀英", teams=[team]),
        "ouyang": VolunteerFactory(number="ZY002", real_name="欧阳建国"),
        "team": team,
    }


def write_csv(tmp_path, lines, bom=True, name="hours.csv"):
    path = tmp_path / name
    text = "\n".join([HEADER, *lines]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def write_xlsx(tmp_path, rows, name="hours.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_service_hours", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def yesterday():
    return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def test_good_csv_with_bom_imports_all_verified_by_user(tmp_path, people, make_user):
    user = make_user("社区工作人员", username="wangxm")
    path = write_csv(
        tmp_path,
        [f"ZY001,张秀英,{yesterday()},2.5,楼道清扫,治安巡逻队", "ZY002,欧阳建国,2025/3/1,4,夜间巡逻,"],
    )
    out, _ = run_import(path, "--user", "wangxm")
    assert "已导入 2 条服务记录，共 6.5 小时" in out
    records = ServiceRecord.objects.order_by("date")
    assert [r.hours for r in records] == [Decimal("4.0"), Decimal("2.5")]
    assert all(r.verified_by == user and r.verified_at for r in records)
    assert records[1].team == people["team"]
    # Imported hours earn points at the site's rate.
    assert PointsTransaction.objects.filter(reason="service").count() == 2


def test_csv_without_bom_and_dry_run(tmp_path, people):
    path = write_csv(tmp_path, [f"ZY001,张秀英,{yesterday()},1,读报,"], bom=False)
    out, _ = run_import(path, "--dry-run")
    assert "检查通过（试运行，未导入）：1 行" in out
    assert not ServiceRecord.objects.exists()


BAD_ROWS = [
    ("ZY999,张秀英,{d},2,巡逻,", "志愿者编号“ZY999”不存在"),
    ("ZY001,张秀芬,{d},2,巡逻,", "姓名“张秀芬”与编号 ZY001 登记的姓名不一致"),
    ("ZY001,张秀英,2025-02-30,2,巡逻,", "日期“2025-02-30”无法识别"),
    ("ZY001,张秀英,昨天,2,巡逻,", "日期“昨天”无法识别"),
    ("ZY001,张秀英,{future},2,巡逻,", "晚于今天"),
    ("ZY001,张秀英,{d},0,巡逻,", "时长必须大于 0"),
    ("ZY001,张秀英,{d},-1,巡逻,", "时长必须大于 0"),
    ("ZY001,张秀英,{d},24.5,巡逻,", "时长不能超过 24 小时"),
    ("ZY001,张秀英,{d},1.25,巡逻,", "时长最多保留一位小数"),
    ("ZY001,张秀英,{d},两小时,巡逻,", "时长“两小时”不是数字"),
    ("ZY001,张秀英,{d},2,巡逻,不存在的队", "服务队“不存在的队”不存在"),
    ("ZY001,张秀英,{d},2,,", "缺少活动名称"),
    ("ZY001,张秀英,2025-01-05,3,送餐,", "重复：与已有服务记录相同"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_ROWS)
def test_each_kind_of_bad_row_imports_nothing(tmp_path, people, line, reason):
    ServiceRecordFactory(
        volunteer=people["zhang"], date=datetime.date(2025, 1, 5), activity="送餐", hours=Decimal("3")
    )
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    path = write_csv(
        tmp_path,
        [f"ZY002,欧阳建国,{yesterday()},2,巡逻,", line.format(d=yesterday(), future=future)],
    )
    with pytest.raises(CommandError, match="没有导入任何记录"):
        run_import(path)
    assert ServiceRecord.objects.count() == 1  # only the existing one; the good row was not saved


def test_every_bad_row_is_listed_with_its_number(tmp_path, people, capsys):
    path = write_csv(
        tmp_path,
        [
            f"ZY001,张秀英,{yesterday()},2,巡逻,",
            "ZY999,某某,2025-01-01,2,巡逻,",
            f"ZY001,张秀英,{yesterday()},2,巡逻,",  # duplicate of row 2 in the file
            "ZY002,欧阳建国,2025-01-01,30,巡逻,",
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_service_hours", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "第 3 行：志愿者编号“ZY999”不存在" in lines
    assert "第 4 行：重复：与文件第 2 行相同" in lines
    assert "第 5 行：时长不能超过 24 小时" in lines
    assert "共 4 行，其中 3 行有问题" in str(excinfo.value)
    assert not ServiceRecord.objects.exists()


def test_wrong_header_and_wrong_type(tmp_path, people):
    path = tmp_path / "bad.csv"
    path.write_text("编号,姓名,日期,时长,活动\nZY001,张秀英,2025-01-01,2,巡逻\n", encoding="utf-8")
    with pytest.raises(CommandError, match="表头必须正好是"):
        run_import(path)
    other = tmp_path / "hours.txt"
    other.write_text("x")
    with pytest.raises(CommandError, match="只支持 .csv 和 .xlsx"):
        run_import(other)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((HEADER + "\nZY001,张秀英,2025-01-01,2,巡逻,\n").encode("gbk"))
    with pytest.raises(CommandError, match="UTF-8"):
        run_import(gbk)
    with pytest.raises(CommandError, match="找不到文件"):
        run_import(tmp_path / "missing.csv")


def test_xlsx_import_with_date_cells_and_numbers(tmp_path, people):
    path = write_xlsx(
        tmp_path,
        [
            ["ZY001", "张秀英", datetime.datetime(2025, 6, 1), 3.5, "义诊", "治安巡逻队"],
            ["ZY002", "欧阳建国", "2025-06-02", 2, "巡逻", None],
        ],
    )
    out, _ = run_import(path)
    assert "已导入 2 条服务记录，共 5.5 小时" in out
    assert ServiceRecord.objects.get(activity="义诊").hours == Decimal("3.5")


def test_xlsx_bad_rows(tmp_path, people):
    path = write_xlsx(tmp_path, [["ZY001", "张秀英", datetime.datetime(2025, 6, 1), 2.25, "义诊", None]])
    with pytest.raises(CommandError):
        run_import(path)
    assert not ServiceRecord.objects.exists()


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_round_trip_reports_every_row_as_duplicate(tmp_path, people, ext):
    for i in range(5):
        ServiceRecordFactory(
            volunteer=people["zhang"] if i % 2 else people["ouyang"],
            date=datetime.date(2025, 4, i + 1),
            hours=Decimal("1.5") + i,
            activity=f"为老服务{i}",
            team=people["team"] if i % 2 else None,
        )
    path = tmp_path / f"export.{ext}"
    out = StringIO()
    call_command("export_service_hours", str(path), stdout=out)
    assert "已导出 5 条服务记录" in out.getvalue()
    err = StringIO()
    with pytest.raises(CommandError, match="共 5 行，其中 5 行有问题"):
        call_command("import_service_hours", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 5
    assert all("重复：与已有服务记录相同" in line for line in lines)
    assert ServiceRecord.objects.count() == 5


def test_export_csv_columns_and_bom(tmp_path, people):
    ServiceRecordFactory(
        volunteer=people["zhang"], date=datetime.date(2025, 4, 1), hours=Decimal("2"), activity="读报"
    )
    path = tmp_path / "out.csv"
    call_command("export_service_hours", str(path), stdout=StringIO())
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines == [HEADER, "ZY001,张秀英,2025-04-01,2.0,读报,"]


def test_progress_on_long_files(tmp_path, people):
    lines = [f"ZY001,张秀英,2024-{m:02d}-{d:02d},1,巡逻{m}-{d}," for m in range(1, 13) for d in range(1, 28)]
    path = write_csv(tmp_path, lines)
    out, err = run_import(path)
    assert "已导入 324 条" in out
    assert "检查中" in err and "324/324" in err
