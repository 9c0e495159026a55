"""Tests of the Signal transport against a fake signal-cli daemon."""
