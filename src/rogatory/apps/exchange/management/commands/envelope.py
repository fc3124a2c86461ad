import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.exchange.services.keys import node_identity
from rogatory.apps.exchange.services.registry import current_registry
from rogatory.core.envelope.encoding import b64url_decode
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.seal import Document, open_envelope, part_file_name, seal_envelope
from rogatory.core.errors import DomainError

HEADER_FILE = "header.jws"


class Command(RogatoryBaseCommand):
    help = (
        "Envelopes on files: seal --to NODE --dir DIR FILE... | open --dir DIR --out OUTDIR "
        "(DIR holds header.jws and <message_id>.<i>.age)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["seal", "open"])
        parser.add_argument("files", nargs="*")
        parser.add_argument("--to", help="recipient node id (seal)")
        parser.add_argument("--dir", required=True, help="envelope directory")
        parser.add_argument("--out", help="where opened documents go (open)")
        parser.add_argument("--reference", help="case reference (seal)")
        parser.add_argument("--metadata", default="{}", help="JSON object for the manifest")

    def handle(self, *args: Any, **options: Any) -> None:
        identity = node_identity()
        now = timezone.now()
        registry = current_registry(now=now)
        directory = Path(options["dir"])
        try:
            if options["action"] == "seal":
                if not options["to"] or not options["files"]:
                    raise CommandError("envelope seal needs --to and at least one FILE")
                directory.mkdir(parents=True, exist_ok=True)
                sealed = seal_envelope(
                    documents=[Document(Path(f), Path(f).name) for f in options["files"]],
                    output_dir=directory,
                    sender=identity.node_id,
                    sender_keys=identity.keys,
                    recipient=options["to"],
                    now=now,
                    registry=registry,
                    case_reference=options["reference"],
                    metadata=json.loads(options["metadata"]),
                )
                (directory / HEADER_FILE).write_text(sealed.header_jws, encoding="ascii")
                data = {"message_id": sealed.header.message_id, "parts": len(sealed.part_paths)}
                self.emit(options, data, f"sealed {sealed.header.message_id}")
                return
            if not options["out"]:
                raise CommandError("envelope open needs --out")
            token = (directory / HEADER_FILE).read_text(encoding="ascii").strip()
            message_id = json.loads(_payload(token))["message_id"]
            count = len(list(directory.glob(f"{message_id}.*.age")))
            out = Path(options["out"])
            out.mkdir(parents=True, exist_ok=True)
            opened = open_envelope(
                header_jws=token,
                parts=[directory / part_file_name(message_id, i) for i in range(count)],
                output_dir=out,
                recipient=identity.node_id,
                identities=identity.decryption,
                registry=registry,
                now=now,
            )
        except EnvelopeError as exc:
            raise DomainError(exc.code) from exc
        data = {
            "message_id": opened.header.message_id,
            "sender": opened.header.sender,
            "documents": [
                {"file_name": d.entry.file_name, "path": str(d.path), "sha256": d.entry.sha256}
                for d in opened.documents
            ],
        }
        self.emit(options, data, f"opened {opened.header.message_id} from {opened.header.sender}")


def _payload(token: str) -> bytes:
    parts = token.split(".")
    if len(parts) != 3:
        raise DomainError("jws.malformed")
    return b64url_decode(parts[1])
