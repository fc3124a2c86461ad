"""Send one sealed envelope: upload every chunk of every part, then commit the signed header.

Chunk uploads are idempotent (``201`` new, ``204`` already stored), so a whole delivery can be
retried from the start after any failure; for parts of several chunks the receiver is asked
first which chunks it already holds, so a resumed transfer re-sends at most the chunk that was
in flight. The commit response is returned as is: judging it (a signed receipt, a signed
rejection, or something to retry) is the caller's job, because it needs the trust list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rogatory.federation.chunks import CHUNK_SIZE, chunk_count, iter_chunks, repr_digest
from rogatory.federation.transport import Response, Transport, TransportError, join_url

__all__ = ["commit_url", "deliver", "stored_chunks"]


def _chunk_path(message_id: str, part: int, chunk: int) -> str:
    return f"messages/{message_id}/parts/{part}/chunks/{chunk}"


def commit_url(endpoint: str, message_id: str) -> str:
    return join_url(endpoint, f"messages/{message_id}/commit")


def stored_chunks(transport: Transport, endpoint: str, message_id: str, part: int) -> set[int]:
    """Chunks of ``part`` the receiver already holds (empty if it cannot tell)."""
    url = join_url(endpoint, f"messages/{message_id}/parts/{part}/chunks")
    reply = transport.request("GET", url)
    if reply.status != 200:
        return set()
    try:
        received = json.loads(reply.body)["received"]
    except (ValueError, KeyError, TypeError):
        return set()
    if not isinstance(received, list):
        return set()
    return {k for k in received if isinstance(k, int)}


def deliver(
    transport: Transport,
    *,
    endpoint: str,
    message_id: str,
    header_jws: str,
    parts: Sequence[Path],
) -> Response:
    """Upload all parts then commit; raises :class:`TransportError` when a chunk is refused."""
    for index, path in enumerate(parts):
        size = Path(path).stat().st_size
        skip = stored_chunks(transport, endpoint, message_id, index) if size > CHUNK_SIZE else set()
        for k, data in iter_chunks(Path(path)):
            if k in skip:
                continue
            reply = transport.request(
                "PUT",
                join_url(endpoint, _chunk_path(message_id, index, k)),
                body=data,
                headers={
                    "Content-Type": "application/octet-stream",
                    "Repr-Digest": repr_digest(data),
                },
            )
            if reply.status not in (201, 204):
                raise TransportError("transport.chunk_refused", f"{reply.status}")
        if k + 1 != chunk_count(size):  # the file changed under us: never commit it
            raise TransportError("transport.part_changed", str(index))
    return transport.request(
        "POST",
        commit_url(endpoint, message_id),
        body=header_jws.encode("ascii"),
        headers={"Content-Type": "application/jose"},
    )
