import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.exchange.services.keys import node_keys_export, node_keys_init, node_tls_init
from rogatory.core.envelope.keys import DEFAULT_SCRYPT_LOG2_N


class Command(RogatoryBaseCommand):
    help = (
        "This node's keys: init --node-id ID | tls [--rotate] | export [--age-identity] "
        "[--out FILE]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["init", "tls", "export"])
        parser.add_argument("--node-id", help="this node's registry id (init)")
        parser.add_argument(
            "--rotate", action="store_true", help="replace the active keys (or TLS certificate)"
        )
        parser.add_argument(
            "--kdf-cost", type=int, default=DEFAULT_SCRYPT_LOG2_N, help="scrypt log2(N)"
        )
        parser.add_argument(
            "--age-identity", action="store_true", help="also export the PRIVATE age identity"
        )
        parser.add_argument("--out", help="write the export to this file (mode 600)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "init":
            row = node_keys_init(
                node_id=options["node_id"] or "",
                scrypt_log2_n=options["kdf_cost"],
                rotate=options["rotate"],
            )
            data = {"node_id": row.node_id, "keys": row.public_jwks}
            self.emit(options, data, f"keys of {row.node_id}: signing kid {row.signing_kid}")
            return
        if options["action"] == "tls":
            tls = node_tls_init(
                node_id=options["node_id"] or None,
                scrypt_log2_n=options["kdf_cost"],
                rotate=options["rotate"],
            )
            data = {"node_id": tls.node_id, "tls_cert_sha256": tls.cert_sha256}
            self.emit(options, data, f"TLS certificate of {tls.node_id}: sha256 {tls.cert_sha256}")
            return
        exported = node_keys_export(include_age_identity=options["age_identity"])
        text = json.dumps(exported, indent=1, sort_keys=True)
        if options["out"]:
            path = Path(options["out"])
            path.touch(mode=0o600)
            path.write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
