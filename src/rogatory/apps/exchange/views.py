"""Node-to-node endpoints (JSON and raw bytes): parse, call one service, answer.

These are called by peer nodes, not browsers: no session or CSRF; authenticity comes from the
signed header and from mutual TLS (``peers.ExchangePeerMiddleware`` refuses any other caller
unless the settings opt out). Uploads are charged to the caller (``peers.exchange_owner``); the
outbox is served only to the node it is addressed to. Every refusal is a 4xx JSON
``{code, message, params}``; only "cannot decide now" conditions are 503/507.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rogatory.apps.exchange.errors import exchange_message, status_for
from rogatory.apps.exchange.peers import exchange_owner, peer_node_id
from rogatory.apps.exchange.services.inbox import (
    chunk_store,
    chunks_received,
    message_commit,
    refusal,
)
from rogatory.apps.exchange.services.inbox_batch import messages_commit_batch
from rogatory.apps.exchange.services.pull import (
    outbox_accept_signal,
    outbox_chunk,
    outbox_list_for,
)
from rogatory.core.errors import DomainError
from rogatory.federation.batch import MAX_BATCH_BODY, BatchError, decode_batch, encode_results
from rogatory.federation.chunks import CHUNK_SIZE, parse_repr_digest
from rogatory.federation.transport import Response


def _error(err: DomainError) -> JsonResponse:
    params = dict(err.params.items())
    return JsonResponse(
        {"code": err.code, "message": exchange_message(err.code, params), "params": params},
        status=status_for(err.code),
    )


def _read_body(request: HttpRequest, limit: int) -> bytes:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > limit:
        raise DomainError("exchange.chunk_too_large", limit=limit)
    return request.read(limit + 1)


@csrf_exempt
@require_http_methods(["PUT"])
def chunk_put(request: HttpRequest, message_id: str, part: int, chunk: int) -> HttpResponse:
    try:
        data = _read_body(request, CHUNK_SIZE)
        status = chunk_store(
            message_id=message_id,
            part=part,
            chunk=chunk,
            data=data,
            digest=parse_repr_digest(request.headers.get("Repr-Digest", "")),
            owner=exchange_owner(request),
        )
    except DomainError as err:
        return _error(err)
    return HttpResponse(status=status)


@require_GET
def chunk_list(request: HttpRequest, message_id: str, part: int) -> HttpResponse:
    try:
        received = chunks_received(message_id=message_id, part=part, owner=exchange_owner(request))
        return JsonResponse({"received": received})
    except DomainError as err:
        return _error(err)


@csrf_exempt
@require_POST
def commit(request: HttpRequest, message_id: str) -> HttpResponse:
    try:
        body = _read_body(request, 256 * 1024)
    except DomainError:
        outcome = refusal("jws.too_large", {"limit": 256 * 1024})
    else:
        outcome = message_commit(message_id=message_id, header_jws=body, peer=peer_node_id(request))
    return HttpResponse(outcome.body, status=outcome.status, content_type=outcome.content_type)


@csrf_exempt
@require_POST
def batch(request: HttpRequest) -> HttpResponse:
    """Commit several small messages at once (``federation.batch``): one answer per message."""
    try:
        messages = decode_batch(_read_body(request, MAX_BATCH_BODY))
    except DomainError:
        outcome = refusal("batch.too_large", {"limit": MAX_BATCH_BODY})
        return HttpResponse(outcome.body, status=outcome.status, content_type=outcome.content_type)
    except BatchError as err:
        outcome = refusal(err.code)
        return HttpResponse(outcome.body, status=outcome.status, content_type=outcome.content_type)
    outcomes = messages_commit_batch(messages=messages, peer=peer_node_id(request))
    body = encode_results(
        [
            (m.message_id, Response(o.status, o.content_type, o.body))
            for m, o in zip(messages, outcomes, strict=True)
        ]
    )
    return HttpResponse(body, content_type="application/json")


@require_GET
def outbox_list(request: HttpRequest) -> HttpResponse:
    try:
        listed = outbox_list_for(node_id=request.GET.get("for", ""), peer=peer_node_id(request))
        return JsonResponse({"messages": listed})
    except DomainError as err:
        return _error(err)


@require_GET
def outbox_chunk_get(request: HttpRequest, message_id: str, part: int, chunk: int) -> HttpResponse:
    try:
        data = outbox_chunk(
            message_id=message_id, part=part, chunk=chunk, peer=peer_node_id(request)
        )
    except DomainError as err:
        return _error(err)
    return HttpResponse(data, content_type="application/octet-stream")


@csrf_exempt
@require_POST
def outbox_signal(request: HttpRequest, message_id: str) -> HttpResponse:
    try:
        body = _read_body(request, 64 * 1024)
        state = outbox_accept_signal(
            message_id=message_id,
            content_type=request.content_type or "",
            body=body,
            peer=peer_node_id(request),
        )
    except DomainError as err:
        return _error(err)
    return HttpResponse(json.dumps({"state": state}), content_type="application/json")
