"""Kept: a chat bot that helps a couple rebuild trust, one small kept promise at a time."""
