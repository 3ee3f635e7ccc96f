"""The notice board's models, by concern."""

from .attachments import AttachmentCopy
from .finance import DisclosureItem, FinancialDisclosureIndexPage, FinancialDisclosurePage, Fund
from .ledger import DisclosureEvent
from .pages import (
    CATEGORY_CHOICES,
    NoticeBase,
    NoticeIndexPage,
    NoticePage,
    NoticeTag,
    RelatedNotice,
)
from .workflow import CommitteeApprovalTask

__all__ = [
    "AttachmentCopy",
    "CATEGORY_CHOICES",
    "CommitteeApprovalTask",
    "DisclosureEvent",
    "DisclosureItem",
    "FinancialDisclosureIndexPage",
    "FinancialDisclosurePage",
    "Fund",
    "NoticeBase",
    "NoticeIndexPage",
    "NoticePage",
    "NoticeTag",
    "RelatedNotice",
]
