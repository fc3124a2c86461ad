"""Pure-Python rules that must be exact and fast.

Never imports Django: import-linter enforces it.
"""
