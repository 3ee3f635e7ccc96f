"""Benchmark the Chinese search: index build time and query times at three corpus sizes (200, 2,000 and 20,000 pages).

Run it on an empty, freshly migrated database (`make bench-search` does that for SQLite, or
for PostgreSQL when DATABASE_URL points at one). It prints figures; it asserts nothing.
"""

import gc
import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from modelsearch.index import SearchField
from wagtail.models import Page, Site

from portal.search.models import SearchSynonym
from portal.search.query import build_query

# Vocabulary for generated community pages.
PLACES = ["一号楼", "二号楼", "三号楼", "五号楼", "东区", "西区", "南门", "北苑", "社区广场", "党群服务中心"]
SUBJECTS = [
    "电梯维修",
    "加装电梯",
    "物业管理费使用明细",
    "党费收缴情况",
    "垃圾分类",
    "老旧小区改造",
    "消防安全检查",
    "停车位划线",
    "绿化补植",
    "路灯更换",
    "雨污分流",
    "供暖设施检修",
    "社区公益基金",
    "志愿服务",
    "邻里守望",
    "文明家庭评选",
    "时代先锋",
    "居民议事会",
    "公共维修资金",
    "楼道清理",
    "健康义诊",
    "防诈骗宣传",
    "助老餐桌",
    "四点半课堂",
]
KINDS = ["通知", "公示", "情况说明", "工作报告", "活动回顾", "意见征集", "明细公开", "处理结果"]
SENTENCES = [
    "社区党委和居委会高度重视，组织网格员和楼长逐户走访，听取居民意见。",
    "经居务监督委员会审核，现将有关情况公示如下，公示期为七天。",
    "如有异议，请在公示期内到社区党群服务中心反映，或拨打服务热线。",
    "本次活动共有志愿者三十余人参加，累计服务时长一百二十小时。",
    "费用由物业管理费列支，收支明细附后，欢迎居民监督。",
    "施工期间请居民注意安全，给大家带来的不便敬请谅解。",
    "社区报通讯员全程记录，详细报道见《社区快报》本期。",
    "下一步，社区将继续推进老旧小区改造和适老化改造工作。",
]
QUERIES = [
    "电梯",
    "物业费",
    "物业",
    "党费",
    "垃圾分类",
    "改造",
    "消防",
    "停车",
    "绿化",
    "路灯",
    "公益基金",
    "志愿者",
    "时代先锋",
    "文明家庭",
    "维修资金",
    "义诊",
    "防诈骗",
    "助老",
    "三号楼",
    "2024年",
    "公示",
    "监委会",
    "快报",
    "楼长",
    "电梯 维修",
    "物业管理费 明细",
    "党费 收缴",
    "供暖",
    "雨污分流",
    "议事会",
]


def page_type(parent):
    """The page model to generate, the site root's (the home page), and its first own indexed
    text field, which gets the generated body."""
    model = parent.specific_class
    if model._meta.get_parent_list() != [Page]:
        raise CommandError(
            f"站点根页面的类型“{model._meta.verbose_name}”不是 Page 的直接子类，无法批量生成。"
        )
    own = {f.name: f for f in model._meta.local_concrete_fields}
    for field in model.get_search_fields():
        if isinstance(field, SearchField) and isinstance(own.get(field.field_name), models.TextField):
            return model, own[field.field_name]
    raise CommandError(f"站点根页面的类型“{model._meta.verbose_name}”没有可以写正文的全文检索字段。")


def make_page_data(rng, n):
    subject = rng.choice(SUBJECTS)
    year = rng.choice([2023, 2024, 2025, 2026])
    title = f"{year}年{rng.choice(PLACES)}{subject}{rng.choice(KINDS)}（第{n}号）"
    body = "".join(rng.sample(SENTENCES, 4)) + f"本事项涉及{subject}，地点在{rng.choice(PLACES)}。"
    return title, f"<p>{body}</p>"


class Command(BaseCommand):
    help = (
        "搜索基准测试：生成 200、2,000、20,000 个页面，打印建索引时间和查询耗时（中位数、95 分位）及其比值。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--small", type=int, default=200)
        # Between the two: from here on most queries find more pages than a search ranks, so
        # this and the large size compare searches doing the same work on more data.
        parser.add_argument("--middle", type=int, default=2000)
        parser.add_argument("--large", type=int, default=20000)
        parser.add_argument("--queries", type=int, default=200)

    def handle(self, *args, small, middle, large, queries, **options):
        if Page.objects.count() > 2:
            raise CommandError("请在新建的空数据库上运行（例如 make bench-search），它会写入大量页面。")
        site = Site.objects.get(is_default_site=True)
        parent = site.root_page
        self.stdout.write(f"数据库：{connection.vendor}")
        rng = random.Random(2026)  # noqa: S311 (repeatable corpus, not security)
        created = 0
        results = {}
        for size in sorted({small, middle, large} - {0}):
            created += self.add_pages(parent, rng, created, size - created)
            start = time.perf_counter()
            call_command("update_index", verbosity=0)
            if connection.vendor == "postgresql":
                # Planner statistics, as autovacuum keeps them on a live site (a fresh bulk load
                # has none, and the planner then scans instead of using the GIN index).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            build = time.perf_counter() - start
            # The pages just built stay out of the garbage collector's passes, as a server's
            # preloaded objects do (portal/wsgi.py): the timings are the searches', not theirs.
            gc.collect()
            gc.freeze()
            times = self.time_queries(site, rng, queries)
            results[size] = times
            self.stdout.write(
                f"{size:>6} 页：建索引 {build:.1f} 秒；{queries} 次查询 "
                f"中位数 {statistics.median(times):.1f} ms，95 分位 {self.p95(times):.1f} ms"
            )
        for base in sorted({small, middle} - {0, large}):
            ratio = statistics.median(results[large]) / max(statistics.median(results[base]), 0.001)
            ratio95 = self.p95(results[large]) / max(self.p95(results[base]), 0.001)
            self.stdout.write(
                f"{large} 页与 {base} 页的中位数之比：{ratio:.2f} 倍；95 分位之比：{ratio95:.2f} 倍"
            )

    @staticmethod
    def p95(times):
        ordered = sorted(times)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]

    def add_pages(self, parent, rng, offset, count):
        """Bulk-insert pages of the root's type (title + body) under `parent`; treebeard paths
        by hand, the page type's own columns by SQL with their defaults."""
        if count <= 0:
            return 0
        model, body_field = page_type(parent)
        content_type = ContentType.objects.get_for_model(model)
        step = Page.steplen
        alphabet = Page.alphabet
        rows = []
        bodies = []
        for i in range(offset, offset + count):
            title, body = make_page_data(rng, i + 1)
            number, digits = i + 1, ""
            for _ in range(step):
                number, rest = divmod(number, len(alphabet))
                digits = alphabet[rest] + digits
            rows.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=f"bench-{i + 1}",
                    path=parent.path + digits,
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}bench-{i + 1}/",
                    content_type=content_type,
                    live=True,
                    locale_id=parent.locale_id,
                )
            )
            bodies.append(body)
        with transaction.atomic():
            pages = Page.objects.bulk_create(rows, batch_size=500)
            if not all(p.pk for p in pages):
                pages = Page.objects.filter(slug__in=[p.slug for p in rows]).order_by("path")
            defaults = {
                f.column: f.get_db_prep_save(f.get_default(), connection)
                for f in model._meta.local_concrete_fields
                if not f.primary_key and f is not body_field
            }
            columns = [model._meta.pk.column, body_field.column, *defaults]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {model._meta.db_table} ({quoted}) VALUES ({marks})",  # noqa: S608 (names from the model)
                    [(p.pk, body, *defaults.values()) for p, body in zip(pages, bodies, strict=True)],
                )
            Page.objects.filter(pk=parent.pk).update(numchild=offset + count)
        return count

    def time_queries(self, site, rng, count):
        synonyms = [s.term_list for s in SearchSynonym.objects.all()]
        base = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
        list(base.search(build_query("预热", synonyms))[:1])  # load jieba before timing
        times = []
        for _ in range(count):
            text = rng.choice(QUERIES)
            start = time.perf_counter()
            results = base.search(build_query(text, synonyms))
            list(results[:10])
            results.count()
            times.append((time.perf_counter() - start) * 1000)
        return times
