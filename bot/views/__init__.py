"""What Kept says, per feature: pure functions from plain data to messages (texts from bot.texts)."""
