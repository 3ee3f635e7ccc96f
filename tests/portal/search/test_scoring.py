"""The ranking of the few candidates a search reads: BM25's saturation and length norm over
their indexed text, title counting double, newest first among equals."""

from modelsearch.query import And, Boost, Not, Or, PlainText

from portal.search import scoring

COLUMNS = ["title", "body"]


def test_words_come_from_every_part_of_the_query_but_what_is_excluded():
    query = Or([And([PlainText("电梯 维修"), Boost(PlainText("加装"), 2)]), Not(PlainText("停运"))])
    assert scoring.query_words(query) == {"电梯", "维修", "加装"}


def test_more_of_the_words_and_the_title_rank_higher():
    rows = [
        ("body-once", "近期 安排", "电梯 维修 请 走 楼梯"),
        ("title", "电梯 维修 通知", "请 走 楼梯"),
        ("body-twice", "近期 安排", "电梯 维修 电梯 检查"),
    ]
    assert scoring.ranked(rows, {"电梯"}, COLUMNS) == ["title", "body-twice", "body-once"]


def test_a_shorter_text_with_the_same_words_ranks_higher():
    rows = [("long", "通知", "电梯 " + "其他 " * 60), ("short", "通知", "电梯 维修")]
    assert scoring.ranked(rows, {"电梯"}, COLUMNS) == ["short", "long"]


def test_equal_scores_keep_the_newest_first():
    rows = [("newest", "电梯", "维修"), ("older", "电梯", "维修")]
    assert scoring.ranked(rows, {"电梯"}, COLUMNS) == ["newest", "older"]


def test_columns_that_do_not_rank_leave_the_newest_first():
    rows = [("newest", "电"), ("older", "电梯 电梯")]
    assert scoring.ranked(rows, {"电梯"}, ["autocomplete"]) == ["newest", "older"]


def test_texts_read_as_utf8_bytes_rank_as_the_same_text():
    rows = [
        ("a", "近期 安排", "电梯 维修 请 走 楼梯"),
        ("b", "电梯 维修 通知", "请 走 楼梯"),
        ("c", None, "电梯 维修 电梯 检查 " + "其他 " * 30),
        ("d", "电梯电梯", ""),
    ]
    as_bytes = [(key, *(None if t is None else t.encode() for t in texts)) for key, *texts in rows]
    words = {"电梯", "维修"}
    assert scoring.ranked(as_bytes, words, COLUMNS) == scoring.ranked(rows, words, COLUMNS)
