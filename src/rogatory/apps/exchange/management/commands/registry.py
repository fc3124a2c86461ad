import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import CommandError, CommandParser

from rogatory.apps.base_command import RogatoryBaseCommand
from rogatory.apps.exchange.services.keys import key_passphrase
from rogatory.apps.exchange.services.registry import registry_import, registry_trust_from
from rogatory.core.envelope.errors import EnvelopeError
from rogatory.core.envelope.keys import NodeKeys, public_jwk
from rogatory.core.envelope.registry import (
    _registry_from_payload,  # the library exposes no public payload parser yet
    sign_registry,
    verify_registry,
)
from rogatory.core.errors import DomainError


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def _operators(path: str) -> tuple[list[Any], int]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data["keys"]), int(data["threshold"])


class Command(RogatoryBaseCommand):
    help = (
        "Signed node registry: keygen --out KEY | sign PAYLOAD --key KEY... | "
        "verify FILE --operators OPS | import FILE [--operators OPS] [--endpoint NODE=URL]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("action", choices=["keygen", "sign", "verify", "import"])
        parser.add_argument("file", nargs="?", help="payload (sign) or signed registry")
        parser.add_argument("--key", action="append", default=[], help="operator key file")
        parser.add_argument("--operators", help='JSON {"threshold": k, "keys": [JWK, ...]}')
        parser.add_argument("--endpoint", action="append", default=[], help="NODE=URL override")
        parser.add_argument("--out", help="output file")
        parser.add_argument("--kdf-cost", type=int, default=17, help="scrypt log2(N) (keygen)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "keygen":
            self._keygen(options)
        elif not options["file"]:
            raise CommandError(f"registry {action} needs a FILE (or - for stdin)")
        elif action == "sign":
            self._sign(options)
        elif action == "verify":
            self._verify(options)
        else:
            self._import(options)

    def _keygen(self, options: dict[str, Any]) -> None:
        if not options["out"]:
            raise CommandError("registry keygen needs --out")
        keys = NodeKeys.generate()
        path = Path(options["out"])
        path.touch(mode=0o600, exist_ok=False)
        path.write_bytes(
            keys.to_encrypted_json(key_passphrase(), scrypt_log2_n=options["kdf_cost"])
        )
        jwk = public_jwk(keys.signing.public_key())
        self.emit(options, jwk, json.dumps(jwk))

    def _signers(self, options: dict[str, Any]) -> list[Ed25519PrivateKey]:
        try:
            return [
                NodeKeys.from_encrypted_json(Path(k).read_bytes(), key_passphrase()).signing
                for k in options["key"]
            ]
        except EnvelopeError as exc:
            raise DomainError(exc.code) from exc

    def _sign(self, options: dict[str, Any]) -> None:
        try:
            registry = _registry_from_payload(json.loads(_read(options["file"])))
        except (EnvelopeError, ValueError) as exc:
            raise DomainError(getattr(exc, "code", "registry.malformed")) from exc
        signed = sign_registry(registry, self._signers(options))
        if options["out"]:
            Path(options["out"]).write_bytes(signed)
        else:
            self.stdout.write(signed.decode())

    def _verify(self, options: dict[str, Any]) -> None:
        if not options["operators"]:
            raise CommandError("registry verify needs --operators")
        jwks, threshold = _operators(options["operators"])
        try:
            registry = verify_registry(
                _read(options["file"]),
                trust=registry_trust_from(jwks, threshold),
                now=datetime.now(UTC),
            )
        except EnvelopeError as exc:
            raise DomainError(exc.code) from exc
        nodes = [n.node_id for n in registry.nodes]
        data = {"version": registry.version, "nodes": nodes}
        self.emit(options, data, f"valid: version {registry.version}, {len(nodes)} nodes")

    def _import(self, options: dict[str, Any]) -> None:
        jwks, threshold = (None, None)
        if options["operators"]:
            jwks, threshold = _operators(options["operators"])
        overrides = dict(item.split("=", 1) for item in options["endpoint"])
        snapshot = registry_import(
            document=_read(options["file"]),
            operator_jwks=jwks,
            threshold=threshold,
            endpoint_overrides=overrides,
        )
        data = {"version": snapshot.version, "payload_sha256": snapshot.payload_sha256}
        self.emit(options, data, f"accepted registry version {snapshot.version}")
