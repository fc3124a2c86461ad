"""Benchmark: seal + open of one large document vs raw ChaCha20-Poly1305 + SHA-256.

Usage::

    .venv/bin/python benchmarks/envelope.py            # 256 MiB (and 64 MiB for memory)
    .venv/bin/python benchmarks/envelope.py --size 1GiB

For each of two sizes (``--size`` and a quarter of it) a fresh worker process measures, on the
same random file and in the same run:

* baseline encrypt: read 1 MiB blocks, ChaCha20-Poly1305 on 64 KiB chunks + SHA-256 of the
  plaintext, write; baseline decrypt: the reverse (decrypt + SHA-256 of the plaintext);
* ``seal_envelope`` (age v1 to two recipients, SHA-256 of plaintext and ciphertext, signed
  header) and ``open_envelope`` (header check, ciphertext and plaintext SHA-256, decrypt to a
  temporary file, fsync, rename);
* the worker's peak RSS (``ru_maxrss``), to show memory stays flat as the file grows.

Each operation is timed ``--repeat`` times and the best run is kept. Progress goes to stderr;
the last stdout line is one JSON object. The goal is seal and open at >= 0.80 of the baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from rogatory.core.envelope.keys import NodeKeys
from rogatory.core.envelope.registry import NodeRegistry, RegistryKey, RegistryNode
from rogatory.core.envelope.seal import Document, open_envelope, seal_envelope

CHUNK = 64 * 1024
BLOCK = 16 * CHUNK
GOAL = 0.80
# Only ever the parent of a private mkdtemp() folder, so the S108 race does not apply.
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108
_UNITS = {"": 1, "B": 1, "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+)\s*([KMG]iB|B)?", text.strip(), flags=re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"size like 256MiB or 1GiB, not {text!r}")
    return int(match.group(1)) * _UNITS[(match.group(2) or "").upper()]


def progress(message: str) -> None:
    print(f"[envelope-bench] {message}", file=sys.stderr, flush=True)


def make_input(path: Path, size: int) -> None:
    with path.open("wb") as out:
        remaining = size
        while remaining:
            block = os.urandom(min(remaining, 1 << 20))
            out.write(block)
            remaining -= len(block)


def baseline_pair(source: Path, target: Path, restored: Path) -> tuple[float, float]:
    """Time baseline encrypt then decrypt (both with SHA-256 of the plaintext)."""
    key = ChaCha20Poly1305.generate_key()
    aead = ChaCha20Poly1305(key)
    started = time.perf_counter()
    digest = hashlib.sha256()
    counter = 0
    with source.open("rb") as src, target.open("wb") as out:
        while block := src.read(BLOCK):
            digest.update(block)
            view = memoryview(block)
            pieces = []
            for start in range(0, len(block), CHUNK):
                nonce = counter.to_bytes(12, "big")
                pieces.append(aead.encrypt(nonce, view[start : start + CHUNK], None))
                counter += 1
            out.write(b"".join(pieces))
    encrypt_seconds = time.perf_counter() - started
    expected = digest.hexdigest()

    started = time.perf_counter()
    digest = hashlib.sha256()
    counter = 0
    with target.open("rb") as src, restored.open("wb") as out:
        while block := src.read(16 * (CHUNK + 16)):
            view = memoryview(block)
            pieces = []
            for start in range(0, len(block), CHUNK + 16):
                nonce = counter.to_bytes(12, "big")
                plain = aead.decrypt(nonce, view[start : start + CHUNK + 16], None)
                digest.update(plain)
                pieces.append(plain)
                counter += 1
            out.write(b"".join(pieces))
    decrypt_seconds = time.perf_counter() - started
    if digest.hexdigest() != expected:
        raise SystemExit("baseline round trip failed")
    return encrypt_seconds, decrypt_seconds


def envelope_pair(source: Path, workdir: Path) -> tuple[float, float, float]:
    """Time seal_envelope, then open_envelope twice (full, and with the ciphertext hash
    already verified by the transport during upload); check the result."""
    now = datetime.now(UTC).replace(microsecond=0)
    sender, recipient = NodeKeys.generate(), NodeKeys.generate()
    year = timedelta(days=365)
    nodes = tuple(
        RegistryNode(
            node_id=node_id,
            state=state,
            authority=f"Benchmark authority {state}",
            endpoint=f"https://{node_id}.example.test",
            signing_keys=(RegistryKey(keys.signing.public_key(), now - year, now + year),),
            encryption_keys=(RegistryKey(keys.encryption.public_key(), now - year, now + year),),
        )
        for node_id, state, keys in (("xa-bench", "XA", sender), ("xb-bench", "XB", recipient))
    )
    registry = NodeRegistry(1, now - year, now + year, nodes)
    outbox, inbox = workdir / "outbox", workdir / "inbox"
    outbox.mkdir()
    inbox.mkdir()

    started = time.perf_counter()
    sealed = seal_envelope(
        documents=[Document(source, "evidence.bin")],
        output_dir=outbox,
        sender="xa-bench",
        sender_keys=sender,
        recipient="xb-bench",
        registry=registry,
        now=now,
    )
    seal_seconds = time.perf_counter() - started

    started = time.perf_counter()
    opened = open_envelope(
        header_jws=sealed.header_jws,
        parts=sealed.part_paths,
        output_dir=inbox,
        recipient="xb-bench",
        identities=[recipient.age_identity],
        registry=registry,
        now=now,
    )
    open_seconds = time.perf_counter() - started
    if opened.documents[0].path.stat().st_size != source.stat().st_size:
        raise SystemExit("envelope round trip failed")
    opened.documents[0].path.unlink()

    started = time.perf_counter()
    open_envelope(
        header_jws=sealed.header_jws,
        parts=sealed.part_paths,
        output_dir=inbox,
        recipient="xb-bench",
        identities=[recipient.age_identity],
        registry=registry,
        now=now,
        ciphertext_hashes_verified=True,
    )
    open_prehashed_seconds = time.perf_counter() - started
    for folder in (outbox, inbox):
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return seal_seconds, open_seconds, open_prehashed_seconds


def peak_rss_mib() -> float:
    """Peak RSS of this process image (VmHWM; ru_maxrss would include the parent's at fork)."""
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def worker(source: Path, workdir: Path, repeat: int) -> dict[str, Any]:
    size = source.stat().st_size
    rss_start = peak_rss_mib()
    best: dict[str, float] = {}
    for attempt in range(repeat):
        progress(f"size {size >> 20} MiB: run {attempt + 1}/{repeat} baseline")
        encrypt_s, decrypt_s = baseline_pair(source, workdir / "base.enc", workdir / "base.dec")
        for name in ("base.enc", "base.dec"):
            (workdir / name).unlink()
        progress(f"size {size >> 20} MiB: run {attempt + 1}/{repeat} seal + open")
        seal_s, open_s, open_prehashed_s = envelope_pair(source, workdir)
        for name, seconds in (
            ("baseline_encrypt", encrypt_s),
            ("baseline_decrypt", decrypt_s),
            ("seal", seal_s),
            ("open", open_s),
            ("open_ciphertext_prehashed", open_prehashed_s),
        ):
            best[name] = min(best.get(name, seconds), seconds)
    gbps = {name: round(size / seconds / 1e9, 3) for name, seconds in best.items()}
    return {
        "size_bytes": size,
        "seconds": {name: round(seconds, 3) for name, seconds in best.items()},
        "throughput_gb_s": gbps,
        "ratio_seal": round(best["baseline_encrypt"] / best["seal"], 3),
        "ratio_open": round(best["baseline_decrypt"] / best["open"], 3),
        "ratio_open_ciphertext_prehashed": round(
            best["baseline_decrypt"] / best["open_ciphertext_prehashed"], 3
        ),
        "ratio_seal_open": round(
            (best["baseline_encrypt"] + best["baseline_decrypt"]) / (best["seal"] + best["open"]),
            3,
        ),
        "peak_rss_mib": peak_rss_mib(),
        "rss_before_mib": rss_start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("256MiB"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=SHARED_MEMORY if SHARED_MEMORY.is_dir() else None,
        help="scratch folder (default: /dev/shm, so disk speed does not blur the comparison)",
    )
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.workdir, args.repeat)))
        return

    with tempfile.TemporaryDirectory(prefix="envelope-bench-", dir=args.workdir) as tmp:
        workdir = Path(tmp)
        results = []
        for size in (args.size // 4, args.size):
            source = workdir / "input.bin"
            progress(f"writing {size >> 20} MiB of random data")
            make_input(source, size)
            completed = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    str(source),
                    "--workdir",
                    str(workdir),
                    "--repeat",
                    str(args.repeat),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            sys.stderr.write(completed.stderr)
            results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
            source.unlink()
    small, large = results
    summary = {
        "benchmark": "envelope",
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "workdir": str(args.workdir or tempfile.gettempdir()),
        "goal_ratio": GOAL,
        "sizes": results,
        "ratio_seal": large["ratio_seal"],
        "ratio_open": large["ratio_open"],
        "ratio_open_ciphertext_prehashed": large["ratio_open_ciphertext_prehashed"],
        "meets_goal": min(large["ratio_seal"], large["ratio_open"]) >= GOAL,
        "rss_growth_mib": round(large["peak_rss_mib"] - small["peak_rss_mib"], 1),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
