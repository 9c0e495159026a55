"""Kept: a chat bot that helps a couple rebuild trust, one small kept promise at a time."""

import os

# python-telegram-bot 22 warns on every 429 unless it may hand retry_after over as a timedelta,
# which our adapter already accepts.
os.environ.setdefault("PTB_TIMEDELTA", "1")
