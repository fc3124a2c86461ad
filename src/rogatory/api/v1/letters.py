"""API endpoints of the letters area."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from rogatory.api.v1.bounds import Id
from rogatory.apps.letters.languages import LetterFormat, parse_format, parse_language
from rogatory.apps.letters.services import letter_download

router = Router(tags=["letters"])


_BINARY = {"schema": {"type": "string", "format": "binary"}}
_FILE = {
    "description": "The letter as an attachment; X-Content-SHA256 carries its hash.",
    "content": {fmt.content_type: _BINARY for fmt in LetterFormat},
}


@router.get("/cases/{case_id}/letter", openapi_extra={"responses": {"200": _FILE}})
def case_letter(
    request: HttpRequest, case_id: Id, lang: str = "en", format: str = "pdf"
) -> HttpResponse:
    """The letter of request as PDF/A-2b or DOCX in one of the six UN languages: the same bytes
    as the case page's download and `rogatory documents letter` for this case version."""
    letter = letter_download(
        actor=request.user,
        case_id=case_id,
        language=parse_language(lang),
        fmt=parse_format(format),
    )
    response = HttpResponse(letter.content, content_type=letter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Content-SHA256"] = letter.sha256
    return response
