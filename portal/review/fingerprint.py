"""Fingerprints of public content: SHA-256 of a canonical JSON serialisation.

An approval names a fingerprint, so it covers exactly one content. The first 16 hex digits
are the 核验码 residents see.
"""

import datetime
import hashlib
import json
from decimal import Decimal

CODE_LENGTH = 16
ZERO_HASH = "0" * 64


def _default(value):
    if isinstance(value, Decimal):
        return f"{value + 0:.2f}"  # + 0 turns -0.00 into 0.00, as the database stores it
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"not serialisable: {type(value).__name__}")


def canonical_json(record):
    """One byte string per content: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default
    ).encode("utf-8")


def fingerprint(record):
    return hashlib.sha256(canonical_json(record)).hexdigest()


def verification_code(full_fingerprint):
    """核验码: the first 16 hex digits, in groups of four for reading aloud."""
    code = (full_fingerprint or "")[:CODE_LENGTH].upper()
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def file_sha256(field_file):
    """SHA-256 of a stored file, or None when it is missing (verification reports that)."""
    if not field_file:
        return None
    digest = hashlib.sha256()
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()
