"""How a stored document goes back to a browser: always as a download, active content neutral.

A document comes from another State or an upload and may be anything. Served with its own type,
an HTML, SVG or XML file would run its scripts in the node's origin (stored XSS against the
officer who opens it); so those are sent as application/octet-stream, every document as an
attachment, with nosniff so that the browser does not guess the type back (issue 14 finding 11).
"""

from pathlib import PurePath

from django.http import FileResponse

from rogatory.apps.cases.condition_selectors import document_conditions
from rogatory.apps.cases.models import Document

NEUTRAL_TYPE = "application/octet-stream"

# Types a browser renders as active content in the page's origin.
ACTIVE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
        "text/xsl",
        "application/xslt+xml",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
        "multipart/x-mixed-replace",
    }
)
ACTIVE_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js"}
)


def served_type(*, content_type: str, filename: str) -> str:
    """The Content-Type to send: the stored one, unless it or the file name is active content."""
    media = content_type.split(";", 1)[0].strip().lower()
    if (
        not media
        or media in ACTIVE_TYPES
        or media.endswith("+xml")
        or PurePath(filename).suffix.lower() in ACTIVE_SUFFIXES
    ):
        return NEUTRAL_TYPE
    return media


def document_response(doc: Document) -> FileResponse:
    """The download of a document already fetched through `document_get_for`."""
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=doc.filename,
        content_type=served_type(content_type=doc.content_type, filename=doc.filename),
    )
    response["X-Content-Type-Options"] = "nosniff"
    conditions = document_conditions(doc)
    if conditions:
        # The limits on use (UNTOC art. 18(19)), confidentiality (art. 18(20)) and accepted
        # conditions (art. 18(26)) travel with the file itself, as stable codes and articles.
        response["Rogatory-Conditions"] = ", ".join(
            f'{c.kind.value}; basis="{c.basis}"' for c in conditions
        )
    return response
