"""受理号 and the short code a resident keeps to look a report up.

受理号: FK + the Asia/Shanghai date + "-" + a 4-digit sequence per day across the install
(FK20261130-0007); a unique constraint settles two residents submitting at the same moment.
The code: 6 characters from an alphabet without look-alikes (0/O, 1/I/L), stored hashed."""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PREFIX = "FK"
ATTEMPTS = 20


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code):
    return "".join((code or "").split()).upper()


def hash_code(code):
    return make_password(normalise_code(code))


def code_matches(code, hashed):
    code = normalise_code(code)
    return bool(code) and len(code) == CODE_LENGTH and check_password(code, hashed)


def normalise_number(number):
    return "".join((number or "").split()).upper()[:20]


def day_prefix(when=None):
    return f"{PREFIX}{timezone.localdate(when):%Y%m%d}-"


def next_number(model, prefix):
    last = (
        model.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def save_with_number(item, when=None):
    """Save a new Feedback under the day's next 受理号, retrying if another took it first."""
    prefix = day_prefix(when)
    for _ in range(ATTEMPTS):
        item.number = next_number(type(item), prefix)
        try:
            with transaction.atomic():
                item.save(force_insert=True)
            return item
        except IntegrityError:
            item.pk = None
            item._state.adding = True
            continue
    raise IntegrityError("受理号分配失败，请稍后再试。")
