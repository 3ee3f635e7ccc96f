"""Demo volunteers for 历山名郡社区: teams, 150 volunteers, three years of verified hours,
time-bank points with monthly 信用大集, two published commendation periods and role models.

Idempotent: everything is looked up by natural key (team name, volunteer number, period title,
page slug); the bulk data is generated once, from a fixed random seed.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.models import Collection

from portal.demo.media import get_or_create_image
from portal.keys import keyed
from volunteers.models import (
    CommendationPeriod,
    PointsTransaction,
    RoleModelHonour,
    RoleModelIndexPage,
    RoleModelPage,
    ServiceRecord,
    Volunteer,
    VolunteerBoardPage,
    VolunteerSettings,
    VolunteerTeam,
)
from volunteers.privacy import mask_name
from volunteers.provisioning import COLLECTION_KEY
from volunteers.stats import recompute_site

SEED = 20260101
NUMBER_PREFIX = "LSMJ-"
VOLUNTEER_COUNT = 150

TEAMS = [
    (
        "邻里守望服务队",
        "巡访独居和高龄老人，帮忙买菜、取药、代缴水电费。",
        ["独居老人巡访", "代买生活用品", "陪老人就医", "节日慰问"],
    ),
    (
        "和事佬调解队",
        "由退休干部和楼长组成，调解邻里纠纷、物业矛盾。",
        ["邻里纠纷调解", "物业矛盾协调", "楼道议事会"],
    ),
    (
        "治安巡逻队",
        "佩戴红袖标，夜间和节假日在小区巡逻，排查安全隐患。",
        ["夜间治安巡逻", "消防隐患排查", "节假日值守"],
    ),
    (
        "文明劝导服务队",
        "劝导文明养犬、垃圾分类和规范停车。",
        ["垃圾分类督导", "文明养犬劝导", "规范停车劝导"],
    ),
    ("红心理发服务队", "每月为老人和残疾人义务理发、上门理发。", ["义务理发", "上门理发"]),
    ("四点半课堂服务队", "放学后为双职工家庭的孩子辅导作业。", ["四点半课堂辅导", "暑期托管", "亲子阅读"]),
    ("爱心助餐服务队", "在长者食堂帮厨，为行动不便的老人送餐上门。", ["长者食堂帮厨", "送餐上门"]),
    ("环境美化服务队", "清理楼道杂物、小广告，认领绿地。", ["楼道清扫", "清理小广告", "绿地认养"]),
    (
        "健康义诊服务队",
        "退休医护人员组成，量血压、测血糖、讲健康知识。",
        ["健康义诊", "健康讲座", "量血压测血糖"],
    ),
]

SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫"]
GIVEN = [
    "秀英",
    "桂英",
    "玉兰",
    "秀兰",
    "淑珍",
    "凤英",
    "建国",
    "建华",
    "志强",
    "德明",
    "国庆",
    "海燕",
    "丽华",
    "立平",
    "文杰",
    "春梅",
    "红霞",
    "振华",
    "玉珍",
    "光明",
    "永福",
    "金凤",
    "小红",
    "明",
    "芳",
    "军",
    "静",
]

HONOUR_BODIES = {
    "时代先锋": "历山路街道党工委",
    "中国好人": "中央文明办",
    "山东好人": "山东省文明办",
    "烟台好人": "烟台市文明办",
    "济南好人": "济南市文明办",
    "道德模范": "济南市委宣传部",
    "公益之星": "历山路街道办事处",
    "优秀志愿者": "历山名郡社区居委会",
    "文明家庭": "济南市妇联",
    "最美家庭": "历下区妇联",
    "优秀共产党员": "历山名郡社区党委",
    "好婆婆好媳妇": "历山路街道妇联",
}

ROLE_MODELS = [
    # name, consent, honours [(honour, year)], summary, story, linked volunteer index or None;
    # the story is paragraphs and (quote, who said it) pairs.
    (
        "王秀英",
        True,
        [("中国好人", 2023), ("道德模范", 2021)],
        "照顾瘫痪邻居十二年，从不言累。",
        [
            "2011年起，王秀英每天上楼两趟，为瘫痪在床的邻居翻身、擦洗、做饭。",
            ("远亲不如近邻，谁家没个难处。", "王秀英"),
        ],
        0,
    ),
    (
        "李建国",
        True,
        [("时代先锋", 2024), ("优秀共产党员", 2022)],
        "退休后组建和事佬调解队，调解纠纷三百余起。",
        [
            "从区法院退休后，李建国把调解室搬到了社区。",
            "三年来，调解队化解邻里、物业纠纷三百余起，无一升级。",
            ("邻里之间没有解不开的疙瘩，坐下来慢慢谈。", "李建国"),
        ],
        1,
    ),
    (
        "张玉兰",
        False,
        [("公益之星", 2024)],
        "长者食堂里最早到、最晚走的帮厨志愿者。",
        [
            "每天清晨六点，她就在长者食堂择菜洗菜。她坚持不留名。",
            ("做饭给老人吃，心里踏实。", "张玉兰"),
        ],
        2,
    ),
    (
        "赵德明",
        True,
        [("烟台好人", 2022)],
        "跳海救起落水儿童的退休海员。",
        [
            "2022年夏天回烟台探亲时，他跳入海中救起落水儿童，悄然离开。",
            "直到孩子家长送来锦旗，邻居们才知道这件事。",
        ],
        None,
    ),
    (
        "刘海燕",
        True,
        [("优秀志愿者", 2025), ("公益之星", 2023)],
        "四点半课堂的“刘妈妈”。",
        ["她带着十几个孩子写作业，寒暑假也不间断。"],
        3,
    ),
    (
        "陈淑珍",
        False,
        [("文明家庭", 2023)],
        "三代同堂、和睦孝亲的文明家庭。",
        ["一家三代同住，婆媳相处二十年没红过脸。"],
        None,
    ),
    (
        "欧阳振华",
        True,
        [("道德模范", 2024), ("济南好人", 2023)],
        "捐出积蓄设立社区助学金。",
        ["他把多年积蓄捐给社区公益基金，资助困难家庭学生二十余名。"],
        None,
    ),
    (
        "杨国庆",
        True,
        [("时代先锋", 2025)],
        "治安巡逻队队长，十年夜巡不缺勤。",
        ["无论寒暑，他每晚九点准时带队巡逻。", "十年来，小区入室盗窃案降为零。"],
        4,
    ),
    (
        "黄春梅",
        False,
        [("最美家庭", 2024)],
        "把自家小院变成邻里共享花园。",
        ["她和丈夫把小院打理成花园，每逢周末邀请邻居喝茶赏花。"],
        None,
    ),
    (
        "周立平",
        True,
        [("优秀志愿者", 2024)],
        "为社区报写稿十七年的老通讯员。",
        ["《社区快报》创刊起，他每周都交一篇稿子，记录身边的好人好事。"],
        None,
    ),
    (
        "吴桂英",
        True,
        [("好婆婆好媳妇", 2022)],
        "悉心照料患病婆婆十五年。",
        ["婆婆卧床十五年，她端水喂药从未间断。"],
        None,
    ),
    (
        "徐文杰",
        True,
        [("公益之星", 2025), ("优秀志愿者", 2023)],
        "年轻的健康义诊志愿者。",
        ["社区医院的年轻医生，每月两次到社区义诊。"],
        5,
    ),
    (
        "孙丽华",
        False,
        [("山东好人", 2021)],
        "坚持照顾孤寡老人的“编外女儿”。",
        ["她照顾三位孤寡老人，被老人们称为“编外女儿”。"],
        None,
    ),
    (
        "司马光明",
        True,
        [("中国好人", 2021), ("时代先锋", 2023)],
        "无偿献血四十余次的热心人。",
        ["二十年来，他无偿献血四十余次，还动员身边人加入献血队伍。"],
        None,
    ),
    (
        "马金凤",
        True,
        [("文明家庭", 2025)],
        "一家人都是红马甲。",
        ["丈夫、女儿和外孙都注册成了志愿者，周末一起清扫楼道。"],
        6,
    ),
    (
        "朱永福",
        False,
        [("优秀志愿者", 2025)],
        "义务理发十年的老手艺人。",
        ["每月第一个周日，他在社区门口摆开理发摊，十年理发四千余人次。"],
        7,
    ),
    (
        "胡红霞",
        True,
        [("道德模范", 2022), ("公益之星", 2021)],
        "垃圾分类的“宣讲员”。",
        ["她自编快板宣讲垃圾分类，带动整栋楼分类投放。"],
        None,
    ),
    (
        "郭振华",
        True,
        [("济南好人", 2024)],
        "拾金不昧，归还装有八万元现金的提包。",
        ["在公交站捡到提包后，他守候两个小时等到失主。"],
        None,
    ),
]

HOURS_CHOICES = [
    Decimal(h) for h in ("1.0", "1.5", "2.0", "2.0", "2.5", "3.0", "3.0", "4.0", "4.0", "6.0", "8.0")
]


def load(ctx):
    rng = random.Random(SEED)
    site = ctx.site
    rules = VolunteerSettings.for_site(site)
    if not rules.pk:
        rules.save()
    board = get_board(ctx)
    teams = load_teams(site)
    volunteers = load_volunteers(ctx, site, teams, rng)
    if volunteers is not None:
        load_records(ctx, site, teams, volunteers, rules, rng)
    load_periods(ctx, site)
    recompute_site(site)  # the records and points above were bulk-inserted
    index = get_role_model_index(board)
    load_role_models(ctx, site, index)


def get_board(ctx):
    board = VolunteerBoardPage.objects.descendant_of(ctx.home).first()
    if board is None:
        board = VolunteerBoardPage(
            title="志愿服务",
            slug="volunteers",
            show_in_menus=True,
            intro=(
                "<p>社区志愿者按累计经核实的服务时长评定星级：100、300、600、1000、1500 小时分别为一至五星。"
                "服务两小时积 1 分公益银行积分，每月 15 日在社区广场信用大集兑换生活用品。</p>"
            ),
        )
        ctx.home.add_child(instance=board)
        board.save_revision().publish()
        ctx.log("志愿服务星级榜")
    return board


def get_role_model_index(board):
    index = RoleModelIndexPage.objects.child_of(board).first()
    if index is None:
        index = RoleModelIndexPage(
            title="身边的榜样",
            slug="role-models",
            intro="<p>他们是我们的邻居：时代先锋、中国好人、道德模范、公益之星……向身边的榜样学习。</p>",
        )
        board.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_teams(site):
    teams = {}
    for name, description, activities in TEAMS:
        team, _ = VolunteerTeam.objects.get_or_create(
            site=site, name=name, defaults={"description": description}
        )
        team.demo_activities = activities
        teams[name] = team
    return teams


def make_name(rng, i):
    if i % 23 == 7:
        return rng.choice(COMPOUND) + rng.choice(GIVEN)
    return SURNAMES[i % len(SURNAMES)] + rng.choice(GIVEN)


def target_hours(rank):
    """A realistic spread: a few five-star volunteers, most below one star."""
    if rank < 4:
        return 1540 + rank * 90
    if rank < 9:
        return 1020 + (rank - 4) * 90
    if rank < 18:
        return 610 + (rank - 9) * 38
    if rank < 40:
        return 305 + (rank - 18) * 13
    if rank < 85:
        return 100 + (rank - 40) * 4.4
    return 12 + (rank - 85) * 1.3


def load_volunteers(ctx, site, teams, rng):
    """Create the 150 volunteers once; returns None when they already exist."""
    if Volunteer.objects.filter(site=site, number__startswith=NUMBER_PREFIX).exists():
        return None
    today = timezone.localdate()
    team_list = list(teams.values())
    role_names = [r[0] for r in ROLE_MODELS]
    volunteers = []
    for i in range(VOLUNTEER_COUNT):
        # The first volunteers are the role models who are linked to a record.
        name = role_names[i] if i < len(role_names) else make_name(rng, i)
        consent = ROLE_MODELS[i][1] if i < len(ROLE_MODELS) else i % 4 == 0
        # Role models linked to a record are long-serving volunteers.
        joined = today - datetime.timedelta(days=rng.randint(1200, 3000) if i < 8 else rng.randint(200, 2400))
        volunteers.append(
            Volunteer(
                site=site,
                number=f"{NUMBER_PREFIX}{joined.year}-{i + 1:04d}",
                real_name=name,
                masked_name=mask_name(name),
                phone=f"139{rng.randint(10000000, 99999999)}",
                address=f"历山名郡小区{rng.randint(1, 24)}号楼{rng.randint(1, 4)}单元",
                joined_on=joined,
                publish_consent=consent,
                consent_date=joined if consent else None,
            )
        )
    volunteers = Volunteer.objects.bulk_create(volunteers)
    links = []
    for i, volunteer in enumerate(volunteers):
        volunteer.demo_teams = rng.sample(team_list, k=1 if i % 3 else 2)
        links += [
            Volunteer.teams.through(volunteer_id=volunteer.pk, volunteerteam_id=t.pk)
            for t in volunteer.demo_teams
        ]
    Volunteer.teams.through.objects.bulk_create(links)
    for team in team_list:
        members = [v for v in volunteers if team in v.demo_teams]
        if members and team.leader_id is None:
            team.leader = members[0]
            team.save(update_fields=["leader"])
    ctx.log(f"{len(volunteers)} 位志愿者，{len(team_list)} 支服务队")
    return volunteers


def load_records(ctx, site, teams, volunteers, rules, rng):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=3 * 365)
    staff = ctx.users.get("staff1")
    # The most hours go to linked role models (the first eight), then to those who joined earliest.
    order = sorted(
        range(len(volunteers)),
        key=lambda i: (i >= 8, volunteers[i].joined_on + datetime.timedelta(days=rng.randint(0, 400))),
    )
    records = []
    for rank, index in enumerate(order):
        volunteer = volunteers[index]
        first_day = max(start, volunteer.joined_on)
        span = (today - first_day).days - 1
        remaining = Decimal(str(round(target_hours(rank), 1)))
        seen = set()
        while remaining > 0:
            team = rng.choice(volunteer.demo_teams)
            hours = min(rng.choice(HOURS_CHOICES), remaining) if remaining > 1 else Decimal("1.0")
            date = first_day + datetime.timedelta(days=rng.randint(0, span))
            activity = rng.choice(team.demo_activities)
            if (date, activity, hours) in seen:
                continue
            seen.add((date, activity, hours))
            remaining -= hours
            records.append([volunteer, team, date, hours.quantize(Decimal("0.1")), activity])
    when = timezone.now()
    objs = []
    for volunteer, team, date, hours, activity in records:
        # The last fortnight is still waiting for a team leader's check.
        verified = (today - date).days > 14 or rng.random() < 0.5
        objs.append(
            ServiceRecord(
                volunteer=volunteer,
                team=team,
                date=date,
                hours=hours,
                activity=activity,
                verified_by=staff if verified else None,
                verified_at=when if verified else None,
            )
        )
    objs = ServiceRecord.objects.bulk_create(objs, batch_size=1000)
    load_points(objs, volunteers, rules, rng)
    ctx.log(f"{len(objs)} 条服务记录")


def load_points(records, volunteers, rules, rng):
    """Service points per verified record, and redemptions at each month's 信用大集."""
    rate = rules.points_per_hour
    txns = []
    earned_by_month = {}
    for record in records:
        if record.verified_at is None:
            continue
        points = (record.hours * rate).quantize(Decimal("0.01"))
        txns.append(
            PointsTransaction(
                volunteer_id=record.volunteer_id,
                date=record.date,
                points=points,
                reason=PointsTransaction.Reason.SERVICE,
                note=record.activity,
                service_record=record,
            )
        )
        key = (record.date.year, record.date.month)
        earned_by_month.setdefault(key, {}).setdefault(record.volunteer_id, Decimal("0"))
        earned_by_month[key][record.volunteer_id] += points
    balances = {v.pk: Decimal("0") for v in volunteers}
    goods = ["大米一袋", "食用油一桶", "洗衣液两瓶", "毛巾一套", "鸡蛋一盒", "挂面五斤", "电费抵扣"]
    for year, month in sorted(earned_by_month):
        # Points earned before the 15th can be spent at that month's fair; close enough here.
        for volunteer_id, points in earned_by_month[(year, month)].items():
            balances[volunteer_id] += points
        fair = datetime.date(year, month, 15)
        if fair > timezone.localdate():
            continue
        for volunteer_id, balance in balances.items():
            if balance >= 10 and rng.random() < 0.35:
                spend = Decimal(rng.randint(5, int(min(balance, 60))))
                balances[volunteer_id] -= spend
                txns.append(
                    PointsTransaction(
                        volunteer_id=volunteer_id,
                        date=fair,
                        points=-spend,
                        reason=PointsTransaction.Reason.EXCHANGE,
                        note=f"{month}月信用大集兑换{rng.choice(goods)}",
                    )
                )
    PointsTransaction.objects.bulk_create(txns, batch_size=1000)


def half_years(today):
    """The last two complete half-years before today, oldest first."""
    if today.month > 6:
        last = (today.year, 1)
        previous = (today.year - 1, 2)
    else:
        last = (today.year - 1, 2)
        previous = (today.year - 1, 1)
    result = []
    for year, half in (previous, last):
        start = datetime.date(year, 1 if half == 1 else 7, 1)
        end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
        result.append((f"{year}年{'上' if half == 1 else '下'}半年", start, end))
    return result


def load_periods(ctx, site):
    staff = ctx.users.get("staff1")
    for title, start, end in half_years(timezone.localdate()):
        period, _ = CommendationPeriod.objects.get_or_create(
            site=site,
            title=title,
            defaults={
                "start_date": start,
                "end_date": end,
                "commendation": "优秀志愿者",
                "commend_min_hours": Decimal("60"),
            },
        )
        if not period.is_published:
            count = period.publish(user=staff)
            commended = period.entries.filter(commended=True).values_list("volunteer_id", flat=True)
            PointsTransaction.objects.bulk_create(
                [
                    PointsTransaction(
                        volunteer_id=vid,
                        date=end,
                        points=Decimal("10"),
                        reason=PointsTransaction.Reason.COMMENDATION,
                        note=f"{title}优秀志愿者奖励",
                    )
                    for vid in commended
                    if vid
                ]
            )
            ctx.log(f"评星表彰：{title}（{count} 人，表彰 {len(commended)} 人）")


def draw_portrait(seed):
    """A friendly flat portrait: coloured background, head and shoulders."""
    rng = random.Random(seed)
    backgrounds = ["#f3e3c3", "#d8e8f0", "#e6f0d8", "#f0dede", "#e8e0f0", "#f5efd6"]
    clothes = ["#a61b1b", "#0b4f8a", "#1d6b2f", "#8a4b00", "#5b2a86", "#2b5d6b"]
    skins = ["#f1c27d", "#e0ac69", "#f5d0a9", "#d9a066"]
    hairs = ["#2b2b2b", "#4a3b2a", "#8c8c8c", "#d0d0d0"]
    img = PILImage.new("RGB", (600, 800), rng.choice(backgrounds))
    draw = ImageDraw.Draw(img)
    cloth = rng.choice(clothes)
    draw.ellipse([90, 520, 510, 1000], fill=cloth)
    draw.rectangle([255, 470, 345, 560], fill=rng.choice(skins))
    skin = rng.choice(skins)
    hair = rng.choice(hairs)
    draw.ellipse([170, 170, 430, 490], fill=hair)
    draw.ellipse([190, 220, 410, 500], fill=skin)
    draw.ellipse([245, 330, 270, 355], fill="#2b2b2b")
    draw.ellipse([330, 330, 355, 355], fill="#2b2b2b")
    draw.arc([260, 380, 340, 440], 20, 160, fill="#7d1414", width=6)
    if rng.random() < 0.5:  # the red volunteer vest
        draw.polygon([(150, 640), (260, 560), (300, 800), (120, 800)], fill="#c62828")
        draw.polygon([(450, 640), (340, 560), (300, 800), (480, 800)], fill="#c62828")
    return img


def story_block(part):
    """A paragraph, or a quote with who said it (names without consent are masked when shown)."""
    if isinstance(part, tuple):
        text, attribution = part
        return ("quote", {"text": text, "attribution": attribution})
    return ("paragraph", f"<p>{part}</p>")


def load_role_models(ctx, site, index):
    collection = keyed(Collection, COLLECTION_KEY)
    # Volunteer i carries role model i's name; numbers end in the volunteer's index.
    by_index = {
        int(number.rsplit("-", 1)[1]) - 1: pk
        for number, pk in Volunteer.objects.filter(site=site, number__startswith=NUMBER_PREFIX).values_list(
            "number", "pk"
        )
    }
    created = 0
    for i, (name, consent, honours, summary, story, linked) in enumerate(ROLE_MODELS):
        slug = f"rolemodel-{i + 1:02d}"
        if RoleModelPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        portrait = get_or_create_image(
            f"榜样肖像 {i + 1:02d}", picture=draw_portrait(SEED + i), collection=collection
        )
        page = RoleModelPage(
            slug=slug,
            real_name=name,
            publish_consent=consent,
            consent_date=datetime.date(honours[0][1], 3, 1) if consent else None,
            volunteer_id=by_index.get(i) if linked is not None else None,
            portrait=portrait,
            portrait_alt=f"{mask_name(name) if not consent else name}的肖像插画：{summary}",
            summary=summary,
            story=[story_block(part) for part in story],
        )
        page.honours = [
            RoleModelHonour(honour=honour, year=year, awarding_body=HONOUR_BODIES.get(honour, ""))
            for honour, year in honours
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    if created:
        ctx.log(f"{created} 位榜样")
