"""Benchmarks of Kept: `make bench` (or `python -m bench`) writes bench/results/latest.json."""
