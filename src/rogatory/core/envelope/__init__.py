"""Seal, open, sign, verify and receipts for exchanged messages: JOSE (Ed25519) and age v1.

Owns: node keys (``keys``), the age v1 format (``age``), strict compact JWS (``jws``), the
envelope header (``header``), receipts and evidences (``receipts``), the signed node registry
(``registry``) and whole-envelope ``seal_envelope`` / ``open_envelope`` (``seal``).
Pure Python over ``cryptography`` and ``joserfc``: must never import Django or any
``rogatory.apps`` / ``rogatory.api`` / ``rogatory.web`` module. The wire format is specified in
``docs/protocol.md``.
"""
