"""Writes of the hearings area, each audited."""
