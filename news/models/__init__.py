"""The community newspaper's models, by concern: pages and snippets."""

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

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "Column",
    "Correspondent",
    "IssuePage",
    "NewsIndexPage",
    "PublicationPage",
    "articles_in_live_issues",
    "current_issues",
    "listed_issues",
]
