"""The community newspaper's models, by concern: pages, snippets and the chief's review task."""

from .pages import (
    ArticlePage,
    ArticlePageTag,
    IssuePage,
    NewsIndexPage,
    PublicationPage,
    articles_in_live_issues,
    current_issues,
    listed_issues,
)
from .snippets import Column, Correspondent
from .workflow import ChiefApprovalTask

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "ChiefApprovalTask",
    "Column",
    "Correspondent",
    "IssuePage",
    "NewsIndexPage",
    "PublicationPage",
    "articles_in_live_issues",
    "current_issues",
    "listed_issues",
]
