"""Run in a subprocess on a file-based SQLite database (see test_sqlite.py): staff publish
notices through the admin while an editor's autosave races her submit of a disclosure and
residents browse. Prints a JSON summary: how many of each and every error.

`--plain` drops the site's SQLite options (WAL, IMMEDIATE, busy timeout) to show the failures
they prevent; the test does not use it."""

import json
import sys
import threading
import time
import traceback

import django

PUBLISHERS, PUBLISHES_EACH, READERS, AUTOSAVES = 4, 6, 8, 8


def configure(plain):
    if plain:
        from django.conf import settings

        settings.DATABASES["default"]["OPTIONS"] = {}


def main(plain=False):
    configure(plain)
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Site

    from notices.factories import (
        FinancialDisclosureIndexPageFactory,
        FundFactory,
        NoticeIndexPageFactory,
        NoticePageFactory,
    )
    from notices.models import FinancialDisclosurePage
    from portal import roles
    from portal.factories import UserFactory
    from tests.notices.admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, notice_form

    home = Site.objects.get(is_default_site=True).root_page
    board = NoticeIndexPageFactory(parent=home)
    finance = FinancialDisclosureIndexPageFactory(parent=board)
    fund = FundFactory(name="物业管理费")
    for i in range(3):
        UserFactory(username=f"committee{i}", roles=[roles.COMMITTEE])
    staff = [UserFactory(username=f"staff{i}", roles=[roles.COMMUNITY_STAFF]) for i in range(PUBLISHERS + 1)]
    notices = [NoticePageFactory(parent=board, title=f"公告{i}", slug=f"n{i}") for i in range(PUBLISHERS)]
    public_urls = [board.url] + [n.url for n in notices]

    def client_for(user):
        client = Client()
        client.force_login(user)
        return client

    # The editor's disclosure, saved as a draft.
    writer = client_for(staff[-1])
    add = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance.pk))
    form = disclosure_form(fund, GOOD_ITEMS, closing=GOOD_CLOSING)
    assert writer.post(add, form).status_code == 302
    disclosure = FinancialDisclosurePage.objects.get()
    edit_disclosure = reverse("wagtailadmin_pages:edit", args=[disclosure.pk])
    connection.close()

    counts = {"publish": 0, "read": 0, "autosave": 0, "autosave_refused_after_submit": 0, "submit": 0}
    errors, lock = [], threading.Lock()
    stop = threading.Event()

    def record(kind, response=None, expected=(200,), exc=None):
        with lock:
            if exc is not None:
                errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            elif response.status_code not in expected:
                errors.append(
                    f"{kind}: HTTP {response.status_code} {response.content[:300].decode(errors='replace')}"
                )
            else:
                counts[kind] += 1

    def guarded(kind, action):
        def run(*args):
            try:
                action(*args)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                record(kind, exc=exc)
                traceback.print_exc()
            finally:
                connection.close()

        return run

    def publish(i):
        client = client_for(staff[i])
        url = reverse("wagtailadmin_pages:edit", args=[notices[i].pk])
        for n in range(PUBLISHES_EACH):
            data = notice_form(title=f"公告{i}（第{n + 1}次修改）", slug=f"n{i}", **{"action-publish": "1"})
            try:
                record("publish", client.post(url, data), expected=(302,))
            except Exception as exc:  # noqa: BLE001
                record("publish", exc=exc)

    def read(i):
        client = Client()
        while not stop.is_set():
            url = public_urls[i % len(public_urls)]
            try:
                record("read", client.get(url))
            except Exception as exc:  # noqa: BLE001
                record("read", exc=exc)
            i += 1

    def autosave():
        for n in range(AUTOSAVES):
            data = disclosure_form(
                fund, rows(), closing=GOOD_CLOSING, slug=disclosure.slug, summary=f"草稿{n}"
            )
            try:
                response = writer.post(edit_disclosure, data, HTTP_ACCEPT="application/json")
                if response.status_code == 400 and response.json().get("error_code") == "locked":
                    # Submitted meanwhile: the disclosure is locked for review, as it should be.
                    record("autosave_refused_after_submit", response, expected=(400,))
                else:
                    record("autosave", response)
            except Exception as exc:  # noqa: BLE001
                record("autosave", exc=exc)

    def submit():
        time.sleep(0.3)  # a second after typing, while autosave is still saving
        data = disclosure_form(fund, rows(), closing=GOOD_CLOSING, slug=disclosure.slug, summary="定稿")
        record("submit", client_for(staff[-1]).post(edit_disclosure, {**data, "action-submit": "1"}), (302,))

    def rows():
        items = disclosure.line_items.order_by("pk")
        return [(*row, item.pk, False) for row, item in zip(GOOD_ITEMS, items, strict=True)]

    threads = [threading.Thread(target=guarded("read", read), args=(i,)) for i in range(READERS)]
    threads += [threading.Thread(target=guarded("publish", publish), args=(i,)) for i in range(PUBLISHERS)]
    writers = threads[READERS:] + [
        threading.Thread(target=guarded("autosave", autosave)),
        threading.Thread(target=guarded("submit", submit)),
    ]
    threads += writers[PUBLISHERS:]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in threads:
        thread.join()

    disclosure.refresh_from_db()
    journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    summary = {
        **counts,
        "errors": errors,
        "seconds": round(time.monotonic() - started, 1),
        "journal_mode": journal,
        "disclosure_in_workflow": disclosure.workflow_in_progress,
        "live_revisions": [n.specific_class.objects.get(pk=n.pk).title for n in notices],
    }
    print("RESULT " + json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main(plain="--plain" in sys.argv)
