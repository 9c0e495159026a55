"""Repositories over SQLAlchemy rows, one module per part of the model; every method returns
domain dataclasses."""

from bot.db.repositories.checkins import SqlCheckins
from bot.db.repositories.chores import SqlChores
from bot.db.repositories.commitments import SqlCommitments
from bot.db.repositories.nudges import SqlNudges
from bot.db.repositories.people import SqlCouples, SqlInvites, SqlPeople
from bot.db.repositories.summaries import SqlSummaries

__all__ = [
    "SqlCheckins",
    "SqlChores",
    "SqlCommitments",
    "SqlCouples",
    "SqlInvites",
    "SqlNudges",
    "SqlPeople",
    "SqlSummaries",
]
