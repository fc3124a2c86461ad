"""The tlog-witness ``add-checkpoint`` endpoint: parse, call :func:`witness_cosign`, answer.

Called by peer nodes, not browsers: no session or CSRF; the checkpoint's signature by the
origin's registry key is the authentication (tlog-witness), and mutual TLS sits in front of
``/exchange/``. Answers are plain text, as tlog-witness specifies; error bodies carry only the
stable code (machine to machine, nothing to translate).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from rogatory.apps.audit.services.witness import witness_cosign
from rogatory.core.audit.checkpoint import NoteError, parse_checkpoint
from rogatory.core.audit.witness import MAX_REQUEST_BYTES, SIZE_CONTENT_TYPE, parse_add_checkpoint
from rogatory.core.errors import DomainError

NODE_ORIGIN_PREFIX = "rogatory.node/"
_TEXT = "text/plain; charset=utf-8"

# tlog-witness statuses: 404 unknown origin, 403 no valid signature, 400 old size beyond the
# checkpoint, 409 not the size (or at equal size not the root) we last cosigned, 422 a
# consistency proof that does not verify. A request we cannot parse at all is 422 too.
STATUS = {
    "witness.malformed": 422,
    "witness.origin_unknown": 404,
    "witness.signature_invalid": 403,
    "witness.old_size_invalid": 400,
    "witness.old_size_mismatch": 409,
    "witness.root_mismatch": 409,
    "witness.proof_invalid": 422,
    "keys.missing": 503,
}


def _refuse(code: str, status: int) -> HttpResponse:
    return HttpResponse(f"{code}\n", status=status, content_type=_TEXT)


@csrf_exempt
@require_POST
def add_checkpoint(request: HttpRequest) -> HttpResponse:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_REQUEST_BYTES:
        return _refuse("witness.request_too_large", 413)
    try:
        submitted = parse_add_checkpoint(request.read(MAX_REQUEST_BYTES + 1))
        checkpoint, _ = parse_checkpoint(submitted.note)
    except NoteError as exc:
        return _refuse(exc.code, 422)
    if not checkpoint.origin.startswith(NODE_ORIGIN_PREFIX):
        return _refuse("witness.origin_unknown", 404)
    try:
        line = witness_cosign(
            origin_node=checkpoint.origin.removeprefix(NODE_ORIGIN_PREFIX),
            checkpoint_note=submitted.note,
            consistency_proof=submitted.proof,
            old_size=submitted.old_size,
        )
    except DomainError as err:
        status = STATUS.get(err.code, 422)
        if status == 409:
            # tlog-witness: the body is our recorded size, so the log can retry from it.
            return HttpResponse(
                f"{err.params['size']}\n", status=409, content_type=SIZE_CONTENT_TYPE
            )
        return _refuse(err.code, status)
    return HttpResponse(line, status=200, content_type=_TEXT)
