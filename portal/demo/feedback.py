"""Demo feedback: a year of residents' reports in 历山名郡社区 (every kind and status, a few overdue,
two objections on a notice in its 公示期) and a handful in 锦绣 and 乐安. Each report is found by
its text, so a second run adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from notices.feedback import handling
from notices.feedback.models import Feedback, FeedbackSettings
from notices.models import NoticePage
from portal.workdays import add_working_days, is_working_day

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
LOCATIONS = [f"{n}号楼" for n in range(1, 19)] + ["北门", "南门", "地下车库", "中心广场", "社区服务中心"]
# (kind, text with the building {b}, whether the building is the location)
REPORTS = [
    ("report", "{b}号楼2单元楼道声控灯坏了，晚上上下楼看不清台阶。", True),
    ("suggestion", "建议在{b}号楼旁边的空地加几张长椅，方便老人歇脚。", True),
    ("enquiry", "{b}号楼的住户想问：老年人优待证在哪里办理，需要带什么材料？", False),
    ("report", "{b}号楼北侧的雨水井盖松动，车压过去响声很大。", True),
    ("report", "{b}号楼东侧绿化带有人私自种菜，浇粪水气味很重。", True),
    ("suggestion", "希望在{b}号楼附近增设电动自行车充电桩，减少飞线充电。", True),
    ("enquiry", "{b}号楼的居民咨询：孩子上小学需要开居住证明吗？", False),
    ("report", "{b}号楼单元门禁坏了，门一直关不上。", True),
    ("suggestion", "建议社区报多登一些{b}号楼志愿者的好人好事。", False),
    ("enquiry", "{b}号楼的住户想了解：加装电梯的补贴怎么申请？", False),
]
REPLIES = {
    "report": "已通知物业维修，现已修复。感谢您的反映，如仍有问题请再联系我们。",
    "suggestion": "您的建议已提交居民议事会讨论，结果将在公开栏公示。",
    "enquiry": "请带户口本和身份证到社区服务中心一楼窗口办理，工作日上午均可。",
}
REPLY_DAYS = [2, 3, 5, 6, 8, 9, 4, 12, 7, 15]  # working days to reply; 12 and 15 are late
OVERDUE = {4, 7, 9}  # still open past their deadline
REFUSED = {13, 33, 47}
ABUSIVE = 33
WITHDRAWN = {26, 52}
OBJECTIONS = [
    "公示名单中有一户家里有经营性门面，是否符合条件？",
    "对公示中第二户的家庭收入有疑问，请核实。",
]
OTHER_COMMUNITIES = {
    "jinxiu": [
        ("report", "锦绣社区5号楼前路灯不亮。"),
        ("suggestion", "建议锦绣社区广场晚上八点半后降低音响音量。"),
        ("enquiry", "锦绣社区的残疾人证年审在哪里办？"),
        ("report", "锦绣社区西门垃圾桶满溢。"),
    ],
    "lean": [
        ("report", "乐安社区3号楼楼顶漏水。"),
        ("suggestion", "希望乐安社区开设老年人智能手机课。"),
        ("enquiry", "乐安社区的独生子女父母奖励怎么领？"),
    ],
}


def at(day, hour):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def working_day_on_or_after(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


class FeedbackDemo:
    def __init__(self, ctx):
        self.ctx = ctx
        self.site = ctx.site
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.staff = ctx.users["staff1"]
        self.grid = ctx.users.get("grid1")
        self.existing = set(Feedback.objects.filter(site=self.site).values_list("text", flat=True))
        self.created = 0

    def run(self):
        rules = FeedbackSettings.for_site(self.site)
        if not rules.locations:
            rules.locations = "\n".join(LOCATIONS)
            rules.save()
        for i in range(62):
            self.report(i)
        self.old_objections()
        self.current_objections()
        self.other_communities()
        self.ctx.log(f"居民反映：新建 {self.created} 件")

    def file(self, site, kind, text, when, **kwargs):
        if text in self.existing and site == self.site:
            return None
        if site != self.site and Feedback.objects.filter(site=site, text=text).exists():
            return None
        item, code = handling.file_feedback(site, kind, text, when=when, **kwargs)
        self.created += 1
        if kwargs.get("contact"):
            self.ctx.log(f"演示查询：受理号 {item.number}，查询码 {code}（或手机号码后 4 位 1234）")
        return item

    def moment(self, day, hour):
        """A moment on `day`, never later than now."""
        return min(at(day, hour), self.now)

    def report(self, i):
        kind, template, located = REPORTS[i % len(REPORTS)]
        building = 1 + i % 18
        day = self.today - datetime.timedelta(days=round(i * 355 / 61))
        contact = {"name": "张女士", "phone": "13800001234"} if i == 0 else None
        item = self.file(
            self.site,
            kind,
            template.format(b=building),
            self.moment(day, 8 + i % 9),
            location=f"{building}号楼" if located else "",
            contact=contact,
        )
        if item is None or i < 3:
            return  # just received
        if i % 6 == 1 and self.grid is not None:
            handling.assign(item, self.grid, self.staff)
        start = working_day_on_or_after(day + datetime.timedelta(days=1))
        if start > self.today:
            return
        handling.change_status(item, "in_progress", self.staff, when=self.moment(start, 9))
        if i in OVERDUE:
            handling.add_note(
                item,
                "已联系物业，等待配件到货。",
                item.assigned_to or self.staff,
                when=self.moment(start, 10),
            )
            return
        if i in REFUSED:
            reason = (
                "内容与社区事务无关，且含有辱骂。"
                if i == ABUSIVE
                else "不属于社区职责，已告知居民向供电公司反映。"
            )
            handling.change_status(
                item, "refused", self.staff, reason, abusive=i == ABUSIVE, when=self.moment(start, 11)
            )
            return
        if i in WITHDRAWN:
            handling.withdraw(item, when=self.moment(start, 12))
            return
        days = REPLY_DAYS[i % len(REPLY_DAYS)]
        if kind == "enquiry" and i % 5:
            days = min(days, 3)
        reply_day = add_working_days(item.received_on, days)
        if reply_day > self.today:
            return
        handling.publish_reply(item, REPLIES[kind], self.staff, when=self.moment(reply_day, 15))
        if i % 4 == 0:
            handling.publish_reply(
                item,
                REPLIES[kind] + "（更正：维修已于次日复查完毕。）",
                self.staff,
                when=self.moment(reply_day, 17),
            )
        close_day = add_working_days(reply_day, 3)
        if i % 3 and close_day <= self.today:
            handling.change_status(item, "closed", self.staff, when=self.moment(close_day, 16))

    def notices_in_period(self):
        return (
            NoticePage.objects.live()
            .descendant_of(self.site.root_page)
            .filter(public_from__isnull=False, public_until__isnull=False)
        )

    def old_objections(self):
        """An objection on four past notices, answered within their period."""
        past = self.notices_in_period().filter(
            public_from__gte=self.today - datetime.timedelta(days=330),
            public_until__lt=self.today - datetime.timedelta(days=7),
        )
        for n, notice in enumerate(past.order_by("public_from")[:4]):
            text = f"对“{notice.title}”的异议：名单中有一户的情况与实际不符，请核实。"
            item = self.file(self.site, "objection", text, self.moment(notice.public_from, 10), notice=notice)
            if item is None:
                continue
            reply_day = min(notice.public_until, add_working_days(notice.public_from, 2 + n % 2))
            handling.publish_reply(
                item,
                "经入户核实，该户情况符合条件，公示结果维持不变。",
                self.staff,
                when=self.moment(reply_day, 15),
            )
            handling.change_status(item, "closed", self.staff, when=self.moment(reply_day, 16))

    def current_objections(self):
        """Two objections on a notice in its 公示期 today, one answered."""
        notice = (
            self.notices_in_period()
            .filter(public_from__lte=self.today, public_until__gte=self.today)
            .order_by("-public_from")
            .first()
        )
        if notice is None:
            return
        first = self.file(
            self.site, "objection", OBJECTIONS[0], self.moment(notice.public_from, 10), notice=notice
        )
        if first is not None:
            handling.publish_reply(first, "已入户核实：该门面已于去年转让，家庭收入符合条件。", self.staff)
        self.file(
            self.site, "objection", OBJECTIONS[1], self.now - datetime.timedelta(hours=2), notice=notice
        )

    def other_communities(self):
        User = get_user_model()
        for prefix, reports in OTHER_COMMUNITIES.items():
            site = Site.objects.filter(hostname__startswith=f"{prefix}.").first()
            staff = User.objects.filter(username=f"{prefix}-staff").first()
            if site is None or staff is None:
                continue
            for n, (kind, text) in enumerate(reports):
                day = self.today - datetime.timedelta(days=9 + 23 * n)
                item = self.file(site, kind, text, self.moment(day, 10))
                if item is None or n == 0:
                    continue
                reply_day = add_working_days(item.received_on, 2 + n)
                handling.publish_reply(item, REPLIES[kind], staff, when=self.moment(reply_day, 15))


def load(ctx):
    FeedbackDemo(ctx).run()
