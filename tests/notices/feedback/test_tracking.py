"""/feedback/track/: the 受理号 with the code (or the phone's last 4 digits) shows the history and
the reply; a wrong answer reveals nothing, whether the number exists or not, and is rate-limited
per address. The resident may withdraw their report from there."""

import pytest

from notices.feedback import factories, handling
from notices.feedback.models import Feedback, FeedbackEvent

pytestmark = pytest.mark.django_db
URL = "/feedback/track/"
TEXT = "5号楼门口的井盖松动，踩上去会响。"


@pytest.fixture
def filed(home_page):
    return factories.file(TEXT, contact={"name": "王桂兰", "phone": "13912345678"})


def test_the_code_shows_the_history_and_the_reply(client, filed, staff_user):
    item, code = filed
    handling.change_status(item, "in_progress", staff_user)
    handling.publish_reply(item, "物业已于当天更换井盖。", staff_user)
    html = client.post(URL, {"number": item.number, "secret": code.lower()}).content.decode()
    assert TEXT in html and "物业已于当天更换井盖。" in html
    assert "已受理" in html and "处理中" in html and "已答复" in html
    assert "社区工作人员" in html and staff_user.username not in html
    assert "王桂兰" not in html and "13912345678" not in html


def test_the_phones_last_four_digits_work_too(client, filed):
    item, _ = filed
    html = client.post(URL, {"number": f" {item.number.lower()} ", "secret": "5678"}).content.decode()
    assert TEXT in html


@pytest.mark.parametrize("wrong", ["number", "code", "digits"])
def test_a_wrong_answer_reveals_nothing(client, filed, wrong):
    item, code = filed
    number = "FK20990101-0001" if wrong == "number" else item.number
    secret = {"number": code, "code": "AAAAAA", "digits": "1234"}[wrong]
    html = client.post(URL, {"number": number, "secret": secret}).content.decode()
    assert "受理号或查询码不正确" in html
    assert TEXT not in html and "已受理" not in html


def test_another_communitys_number_is_not_found_here(client, filed):
    from portal.communities import add_community

    item, code = filed
    add_community("锦绣社区", "jinxiu.localhost")
    html = client.post(URL, {"number": item.number, "secret": code}, HTTP_HOST="jinxiu.localhost").content
    assert "受理号或查询码不正确" in html.decode()


def test_wrong_answers_are_limited_per_address(client, filed):
    item, code = filed
    for _ in range(10):
        client.post(URL, {"number": item.number, "secret": "AAAAAA"}, REMOTE_ADDR="198.51.100.7")
    html = client.post(
        URL, {"number": item.number, "secret": code}, REMOTE_ADDR="198.51.100.7"
    ).content.decode()
    assert "尝试次数过多" in html and TEXT not in html
    # Another address is not affected.
    html = client.post(
        URL, {"number": item.number, "secret": code}, REMOTE_ADDR="198.51.100.8"
    ).content.decode()
    assert TEXT in html


def test_empty_or_odd_input_is_explained(client, home_page):
    html = client.post(URL, {"number": "", "secret": ""}).content.decode()
    assert "请填写受理号" in html and "请填写查询码" in html
    for number in ("'; DROP TABLE", "FK" + "9" * 40, "ＦＫ２０２６"):
        response = client.post(URL, {"number": number, "secret": "ABCDEF"})
        assert response.status_code == 200


def test_the_resident_withdraws_and_the_item_leaves_the_record(client, filed):
    item, code = filed
    assert client.get(f"/feedback/{item.number}/").status_code == 200
    client.post(URL, {"number": item.number, "secret": code})
    response = client.post(URL, {"action": "withdraw", "number": item.number}, follow=True)
    assert "已撤回" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "withdrawn" and item.hidden
    event = FeedbackEvent.objects.get(feedback=item, status="withdrawn")
    assert event.by_resident and event.actor is None
    assert client.get(f"/feedback/{item.number}/").status_code == 404
    assert item.number not in client.get("/feedback/").content.decode()


def test_withdrawing_needs_the_code_first(client, filed):
    item, _ = filed
    client.post(URL, {"action": "withdraw", "number": item.number}, follow=True)
    assert Feedback.objects.get(pk=item.pk).status == "accepted"
