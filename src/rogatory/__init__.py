"""Rogatory: case management and secure exchange for central authorities (MLA, extradition)."""

__version__ = "0.1.0"
