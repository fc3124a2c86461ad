"""Batched commit of small messages: many envelopes, parts inline, in one request.

Most messages between central authorities are small (a status update under UNTOC art. 18(24),
a receipt-sized follow-up, a ping): for them the chunk uploads and the commit of the single
path cost three round trips and three fsyncs each. A batch carries up to
:data:`MAX_BATCH_MESSAGES` envelopes whose parts together stay under :data:`INLINE_LIMIT`
bytes of ciphertext, as JSON::

    {"messages": [{"message_id": ID, "header": JWS, "parts": [BASE64, ...]}, ...]}

The receiver judges every message exactly as a commit of that message alone and answers, in
order, what that commit would have answered::

    {"results": [{"message_id": ID, "status": 201, "content_type": "application/jose",
                  "body": RECEIPT_JWS}, ...]}

so duplicates still get their stored receipt byte for byte, and a rejection is still the signed
rejection. Larger messages keep the resumable chunked path (``federation.sender.deliver``).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass

from rogatory.federation.transport import Response, Transport, TransportError, join_url

__all__ = [
    "INLINE_LIMIT",
    "MAX_BATCH_BODY",
    "MAX_BATCH_MESSAGES",
    "BatchError",
    "InlineMessage",
    "decode_batch",
    "decode_results",
    "deliver_batch",
    "encode_batch",
    "encode_results",
]

# Ciphertext of all parts of one message sent inline; above this the chunked path is used.
INLINE_LIMIT = 64 * 1024
MAX_BATCH_MESSAGES = 200
MAX_HEADER = 64 * 1024
# Base64 of the largest batch plus the headers, with room for JSON punctuation.
MAX_BATCH_BODY = MAX_BATCH_MESSAGES * (INLINE_LIMIT * 4 // 3 + MAX_HEADER + 1024)
MAX_PARTS = 64
BATCH_PATH = "batch"


class BatchError(Exception):
    """A batch that cannot be read at all (answered as a whole with a 4xx, nothing stored)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class InlineMessage:
    message_id: str
    header_jws: str
    parts: tuple[bytes, ...]

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.parts)


def encode_batch(messages: Sequence[InlineMessage]) -> bytes:
    if not 0 < len(messages) <= MAX_BATCH_MESSAGES:
        raise ValueError(f"a batch holds 1 to {MAX_BATCH_MESSAGES} messages")
    return json.dumps(
        {
            "messages": [
                {
                    "message_id": m.message_id,
                    "header": m.header_jws,
                    "parts": [base64.b64encode(p).decode("ascii") for p in m.parts],
                }
                for m in messages
            ]
        },
        separators=(",", ":"),
    ).encode("ascii")


def _string(item: dict[str, object], key: str, limit: int) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value or len(value) > limit or not value.isascii():
        raise BatchError("batch.malformed")
    return value


def decode_batch(body: bytes) -> list[InlineMessage]:
    """Parse a batch; structure and sizes only (each message is verified by the receiver)."""
    if len(body) > MAX_BATCH_BODY:
        raise BatchError("batch.too_large")
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BatchError("batch.malformed") from exc
    items = document.get("messages") if isinstance(document, dict) else None
    if not isinstance(items, list) or not 0 < len(items) <= MAX_BATCH_MESSAGES:
        raise BatchError("batch.malformed")
    messages = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"message_id", "header", "parts"}:
            raise BatchError("batch.malformed")
        parts = item["parts"]
        if not isinstance(parts, list) or not 0 < len(parts) <= MAX_PARTS:
            raise BatchError("batch.malformed")
        try:
            raw = tuple(base64.b64decode(p, validate=True) for p in parts)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise BatchError("batch.malformed") from exc
        if sum(len(p) for p in raw) > INLINE_LIMIT:
            raise BatchError("batch.part_too_large")
        messages.append(
            InlineMessage(_string(item, "message_id", 64), _string(item, "header", MAX_HEADER), raw)
        )
    if len({m.message_id for m in messages}) != len(messages):
        raise BatchError("batch.duplicate_message")
    return messages


def encode_results(results: Sequence[tuple[str, Response]]) -> bytes:
    return json.dumps(
        {
            "results": [
                {
                    "message_id": message_id,
                    "status": reply.status,
                    "content_type": reply.content_type,
                    "body": reply.body.decode("utf-8"),
                }
                for message_id, reply in results
            ]
        },
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")


def decode_results(body: bytes, message_ids: Sequence[str]) -> dict[str, Response]:
    """The per-message answers, in the order sent; anything else is a transport failure."""
    try:
        items = json.loads(body)["results"]
        results = {
            item["message_id"]: Response(
                int(item["status"]), str(item["content_type"]), str(item["body"]).encode("utf-8")
            )
            for item in items
        }
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise TransportError("transport.batch_answer", type(exc).__name__) from exc
    if list(results) != list(message_ids):
        raise TransportError("transport.batch_answer", "message ids differ")
    return results


def deliver_batch(
    transport: Transport, *, endpoint: str, messages: Sequence[InlineMessage]
) -> dict[str, Response]:
    """Commit ``messages`` in one request; the answer of each, by message id.

    A whole-batch failure (network, 5xx, an unsigned 4xx) raises :class:`TransportError`:
    the caller retries every message of the batch, which is safe because commits are
    idempotent.
    """
    reply = transport.request(
        "POST",
        join_url(endpoint, BATCH_PATH),
        body=encode_batch(messages),
        headers={"Content-Type": "application/json"},
    )
    if reply.status != 200:
        # Unsigned, so not a signal about any message: the caller retries them (§14).
        raise TransportError(f"http.{reply.status}", "batch")
    return decode_results(reply.body, [m.message_id for m in messages])
