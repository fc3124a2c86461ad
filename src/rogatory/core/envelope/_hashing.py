"""SHA-256 computed on a helper thread, so hashing overlaps with encryption.

``hashlib`` releases the GIL for large updates while ``cryptography``'s AEAD holds it, so one
hashing thread per digest lets a two-core machine hash and encrypt at the same time. Callers
must not mutate a buffer handed to :meth:`ThreadedSha256.update` before the returned future is
done (the age encryptor and decryptor honour this when they reuse their batch buffers).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Buffer
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

# Backlog bound: at most this many batches wait for the hashing thread (bounded memory).
_MAX_PENDING = 4
# Below this size an update is hashed at once on the caller's thread: starting a thread costs
# more than hashing a small message, and most envelopes hold a few kilobytes.
INLINE_UPDATE = 256 * 1024


class ThreadedSha256:
    """A SHA-256 whose updates run in order on one background thread."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        # Started on the first large update only (see INLINE_UPDATE).
        self._executor: ThreadPoolExecutor | None = None
        self._pending: deque[Future[None]] = deque()
        self._size = 0

    @property
    def size(self) -> int:
        """Number of bytes submitted so far."""
        return self._size

    def update(self, data: Buffer) -> Future[None]:
        """Queue ``data``; it must stay unchanged until the returned future is done."""
        view = memoryview(data)
        self._size += view.nbytes
        if self._executor is None:
            if view.nbytes < INLINE_UPDATE:
                self._hash.update(view)
                done: Future[None] = Future()
                done.set_result(None)
                return done
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
        future = self._executor.submit(self._hash.update, view)
        self._pending.append(future)
        while len(self._pending) > _MAX_PENDING:
            self._pending.popleft().result()
        return future

    def _drain(self) -> None:
        while self._pending:
            self._pending.popleft().result()

    def hexdigest(self) -> str:
        self._drain()
        return self._hash.hexdigest()

    def close(self) -> None:
        self._drain()
        if self._executor is not None:
            self._executor.shutdown(wait=True)

    def __enter__(self) -> ThreadedSha256:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # On error, pending updates are abandoned; wait so no thread outlives the buffers.
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
