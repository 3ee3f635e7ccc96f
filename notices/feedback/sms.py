"""Text messages to residents: FEEDBACK_SMS_BACKEND names a class with `send(phone, text)`. The
console backend (the default) only prints; a gateway's backend is a few lines of the same shape."""

import sys

from django.conf import settings
from django.utils.module_loading import import_string


class ConsoleSMSBackend:
    def send(self, phone, text):
        sys.stdout.write(f"[短信] {phone}: {text}\n")


class LocmemSMSBackend:
    """Keeps messages in `outbox` (tests)."""

    outbox = []

    def send(self, phone, text):
        self.outbox.append((phone, text))


def get_backend():
    return import_string(settings.FEEDBACK_SMS_BACKEND)()
