"""A fixed corpus of realistic pages of every public type, shared by the search quality
test and the browser tests."""

import datetime
from decimal import Decimal

from wagtail.rich_text import RichText

from news.factories import ArticlePageFactory, IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from notices.factories import (
    FinancialDisclosureIndexPageFactory,
    FundFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    make_disclosure,
)
from notices.finance import EXPENSE, INCOME
from volunteers.factories import (
    RoleModelHonourFactory,
    RoleModelIndexPageFactory,
    RoleModelPageFactory,
    ServiceRecordFactory,
    VolunteerBoardPageFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)


def paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def build_corpus(home):
    board = NoticeIndexPageFactory(parent=home, show_in_menus=True)
    finance = FinancialDisclosureIndexPageFactory(parent=board)
    notice = lambda key, title, summary, body="", **kw: (  # noqa: E731
        key,
        NoticePageFactory(
            parent=board, title=title, slug=key, summary=summary, body=paragraph(body or summary), **kw
        ),
    )
    pages = dict(
        [
            notice("lift", "关于3号楼加装电梯意见征集的公示", "3号楼2单元拟加装电梯，现征求全体业主意见。"),
            notice(
                "dues",
                "2025年度党费收缴情况公示",
                "社区党委2025年度党费收缴情况如下，请党员监督。",
                category="party",
            ),
            notice("waste", "关于开展垃圾分类志愿宣传活动的通知", "周六上午在社区广场开展垃圾分类宣传。"),
            notice(
                "problems",
                "居民反映问题处理情况（2025年第三季度）",
                "本季度共受理居民反映问题12件，已办结10件。",
                "东门路灯不亮已更换灯泡；5号楼楼道堆放杂物已清理。",
            ),
            notice(
                "renovation",
                "老旧小区改造项目施工公告",
                "改造内容包括雨污分流、外墙保温和屋面防水，项目总投资12.5万元。",
                category="government",
            ),
            notice("grid", "社区网格员和楼长名单公示", "全社区划分为8个网格，每栋楼设楼长一名。"),
            notice(
                "hours",
                "关于调整社区服务中心办公时间的通知",
                "自11月1日起，冬季办公时间调整为下午1点半上班。",
            ),
            notice("fire", "消防安全隐患排查整治通知", "严禁电动车在楼道内停放和充电，发现隐患请及时报告。"),
            notice("wifi", "党群服务中心开通免费Wi-Fi的通知", "居民可在党群服务中心免费上网，无需密码。"),
            notice("election", "居务监督委员会换届选举公告", "第三届居务监督委员会换届选举将于12月举行。"),
        ]
    )
    property_fee = FundFactory(name="物业管理费")
    charity = FundFactory(name="云香激励基金")
    pages["fees"] = make_disclosure(
        finance,
        title="2025年第二季度物业管理费使用明细",
        slug="fees",
        fund=property_fee,
        year=2025,
        period_number=2,
        date=datetime.date(2025, 7, 5),
        rows=[
            (3, INCOME, "收取第二季度物业管理费", "全体业主", "41200.00", "记-021"),
            (9, EXPENSE, "电梯维保费", "通力电梯有限公司", "6800.00", "记-022"),
            (15, EXPENSE, "绿化养护", "青青园林公司", "3200.00", "记-023"),
        ],
        publish=True,
    )
    pages["charity"] = make_disclosure(
        finance,
        title="云香激励基金2024年度收支公示",
        slug="charity",
        fund=charity,
        year=2024,
        period_number=4,
        date=datetime.date(2025, 1, 8),
        rows=[
            (5, INCOME, "爱心企业捐赠", "历山商贸有限公司", "20000.00", "记-101"),
            (20, EXPENSE, "发放助学金", "困难家庭学生", "6000.00", "记-102"),
            (40, EXPENSE, "慰问困难家庭", "独居老人", "3500.00", "记-103"),
        ],
        publish=True,
    )

    news = NewsIndexPageFactory(parent=home)
    pages["news"] = news
    pages["board"] = board
    pages["finance"] = finance
    pages["paper_mingjun"] = PublicationPageFactory(
        parent=news,
        title="名郡生活",
        slug="mingjun",
        description="<p>社区俱乐部主办，双月刊，刊登服务承诺。</p>",
    )
    pages["paper_kuaibao"] = PublicationPageFactory(
        parent=news, title="社区快报", slug="kuaibao", description="<p>每周一期，连续编印十七年。</p>"
    )
    pages["issue35"] = IssuePageFactory(
        parent=pages["paper_kuaibao"],
        number=35,
        date=datetime.date(2025, 10, 29),
        editor_note="<p>本期聚焦重阳节。</p>",
    )
    pages["issue6"] = IssuePageFactory(
        parent=pages["paper_mingjun"], number=6, date=datetime.date(2025, 12, 1)
    )
    article = lambda key, issue, title, lead, body: (  # noqa: E731
        key,
        ArticlePageFactory(parent=pages[issue], title=title, slug=key, lead=lead, body=paragraph(body)),
    )
    pages.update(
        [
            article(
                "feast",
                "issue35",
                "重阳节百家宴暖了老人心",
                "一百多位老人吃上了志愿者包的饺子。",
                "社区广场摆起了百家宴。",
            ),
            article(
                "garden",
                "issue35",
                "楼道里的“微菜园”",
                "退休教师在阳台种菜，分给邻居。",
                "小小微菜园拉近了邻里距离。",
            ),
            article(
                "mediation",
                "issue6",
                "小区来了“和事佬”",
                "和事佬调解队化解邻里纠纷三十余起。",
                "调解员耐心倾听双方意见。",
            ),
            article(
                "afterschool",
                "issue6",
                "四点半课堂开课啦",
                "大学生志愿者辅导孩子写作业。",
                "双职工家庭解决了接送难题。",
            ),
        ]
    )

    volunteer_board = VolunteerBoardPageFactory(parent=home, show_in_menus=True)
    pages["volunteer_board"] = volunteer_board
    team = VolunteerTeamFactory(name="和事佬调解队", description="化解邻里纠纷，调解家庭矛盾。")
    for records in (15, 4, 40):  # 120, 32 and 320 verified hours
        volunteer = VolunteerFactory()
        volunteer.teams.add(team)
        ServiceRecordFactory.create_batch(records, volunteer=volunteer, team=team, hours=Decimal("8.0"))
    pages["team"] = team
    gallery = RoleModelIndexPageFactory(parent=volunteer_board)
    pages["gallery"] = gallery
    for key, name, summary, honour, body in [
        ("barber", "王秀芬", "二十年义务理发，服务老人上万人次。", "中国好人", "中央文明办"),
        ("rescuer", "欧阳建国", "跳入冰河救起落水儿童。", "道德模范", "山东省文明委"),
        ("family", "李德明", "三代同堂孝老爱亲，邻里和睦。", "文明家庭", "济南市文明委"),
    ]:
        page = RoleModelPageFactory(parent=gallery, real_name=name, slug=key, summary=summary)
        RoleModelHonourFactory(page=page, honour=honour, year=2023, awarding_body=body)
        page.save_revision().publish()
        pages[key] = page
    return pages
