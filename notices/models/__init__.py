"""The notice board's models, by concern."""

from .finance import DisclosureItem, FinancialDisclosureIndexPage, FinancialDisclosurePage, Fund
from .pages import (
    CATEGORY_CHOICES,
    NoticeBase,
    NoticeIndexPage,
    NoticePage,
    NoticeTag,
    RelatedNotice,
)
from .workflow import CommitteeApproval, CommitteeApprovalTask

__all__ = [
    "CATEGORY_CHOICES",
    "CommitteeApproval",
    "CommitteeApprovalTask",
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
