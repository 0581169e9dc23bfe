from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kohtaanto.badges.contexts import (
    CONTEXT_FILES,
    NPM_SOURCES,
    OB_V3P0,
    UnknownContextError,
    context_document,
    document_loader,
)
from kohtaanto.badges.rdfc import CanonicalizationError, canonicalize

ROOT = Path(__file__).resolve().parents[4]


def test_every_vendored_context_names_its_npm_source():
    assert set(NPM_SOURCES) == set(CONTEXT_FILES)


@pytest.mark.skipif(
    not (ROOT / "node_modules").is_dir() or shutil.which("node") is None,
    reason="needs node and node_modules (`npm ci`) to compare with the npm copies",
)
@pytest.mark.parametrize("url", sorted(CONTEXT_FILES))
def test_vendored_context_equals_the_npm_package_copy(url):
    package, path = NPM_SOURCES[url]
    source = ROOT / "node_modules" / package / path
    if source.suffix == ".js":  # a CommonJS module: let node print it
        text = subprocess.run(
            [
                "node",
                "-e",
                "process.stdout.write(JSON.stringify(require(process.argv[1])))",
                source,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    else:
        text = source.read_text("utf-8")
    assert context_document(url) == json.loads(text)


def test_loader_serves_vendored_contexts_only():
    assert document_loader(OB_V3P0)["document"]["@context"]["OpenBadgeCredential"]
    with pytest.raises(UnknownContextError, match="not available offline"):
        document_loader("https://www.w3.org/2018/credentials/v1")
    document = {"@context": "https://evil.example/context.json", "name": "x"}
    with pytest.raises(CanonicalizationError) as error:
        canonicalize(document)
    assert error.value.code == "unknown_context"


def test_loader_returns_copies():
    context_document(OB_V3P0)["@context"]["id"] = "changed"
    assert context_document(OB_V3P0)["@context"]["id"] == "@id"
