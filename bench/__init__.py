"""Performance benchmarks of the public pages (see bench/run.py and docs/performance.md)."""
