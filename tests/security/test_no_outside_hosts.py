"""No file of the project names the host of a package registry or a vulnerability service:
pip-audit and npm audit use the services they are configured for, and neither code, messages
nor docs send a reader (or a script) to a particular outside host.

The hosts are listed by digest, so that this test does not name them either."""

from __future__ import annotations

import hashlib
import re
import subprocess

from tests.faults.live import PROJECT

# sha256(host)[:16] of the package registries and vulnerability databases a Python/JS project
# is likely to name: the Python package index and its file host, the npm and yarn registries,
# OSV, the NVD, Open Source Insights, OSS Index and Snyk (with their API host names).
FORBIDDEN = {
    "a4aa2ac280bb8d1a",
    "c899567ee9068517",
    "16c44a4082a4333e",
    "2f08a627f48800d9",
    "0dc11026ac75c015",
    "3ca29e55be4befa4",
    "5cd04dc6512f5c57",
    "70bb4000cd2fab03",
    "e5342ef39f4081ba",
    "6601321f37865525",
    "c83583091aacd70b",
    "d563077490b83c7e",
    "d6d7019ca9fcbf07",
    "9495278a74715c7e",
    "81f52540b2499c6e",
    "0e8bc5e0ab2ff0f7",
    "ad9199f5525bb12a",
}
HOST = re.compile(rb"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])")


def _digest(host: bytes) -> str:
    return hashlib.sha256(host.lower()).hexdigest()[:16]


def test_the_digests_recognise_a_host_in_text() -> None:
    # The scan itself: a host in a sentence, a URL and a command line is found.
    found = {m.group(0) for m in HOST.finditer(b"see https://example.org/x or (test.example.net)")}
    assert found == {b"example.org", b"test.example.net"}


def test_no_tracked_file_names_a_registry_or_vulnerability_service_host() -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    named: list[str] = []
    for name in filter(None, files):
        path = PROJECT / name.decode()
        if "node_modules" in path.parts or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8000]:
            continue  # binary: images, fonts
        for match in HOST.finditer(data):
            if _digest(match.group(0)) in FORBIDDEN:
                named.append(f"{name.decode()}: {match.group(0).decode()}")
    assert named == []
