"""Benchmarks: `python -m bench` runs them all, `python -m bench NAME` runs `bench_NAME.py`.

Each `bench_*.py` module has a `main()` that measures something against a baseline taken in
the same run and prints both, their ratio and the goal. Timing lives here, never in tests.
"""
