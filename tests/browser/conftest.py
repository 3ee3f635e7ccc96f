"""The browser fixtures live in tests/browser/support.py, loaded once for the whole suite by
tests/conftest.py (a second copy would start a second Playwright in the same process).
These names are re-exported for the tests that import them from here."""

from tests.browser.support import (  # noqa: F401
    AXE_PATH,
    DESKTOP,
    NARROW_PHONE,
    PHONE,
    font_size,
    horizontal_overflow,
)
