"""The person-matching benchmark (``benchmarks/matching.py``), one module per goal."""
