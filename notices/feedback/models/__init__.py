"""The feedback app's models, by concern."""

from .items import Feedback, FeedbackContact, FeedbackPhoto
from .records import AppendOnlyError, FeedbackEvent, FeedbackNote, FeedbackReply
from .reminders import ReminderSent
from .settings import FeedbackSettings

__all__ = [
    "AppendOnlyError",
    "Feedback",
    "FeedbackContact",
    "FeedbackEvent",
    "FeedbackNote",
    "FeedbackPhoto",
    "FeedbackReply",
    "FeedbackSettings",
    "ReminderSent",
]
