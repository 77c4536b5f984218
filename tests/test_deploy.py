"""The deployment files: the nginx configuration nginx itself accepts, and a Dockerfile whose
image holds everything the app needs (checked by running the app from exactly what it copies)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from deploy.replicas import nginx_binary, nginx_config
from geo.paths import ROOT

DOCKERFILE = ROOT / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    pairs = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    return [(pair[0].upper(), pair[1] if len(pair) > 1 else "") for pair in pairs]


def _copied_sources() -> list[str]:
    sources = []
    for keyword, args in _instructions():
        if keyword == "COPY":
            words = [w for w in shlex.split(args) if not w.startswith("--")]
            sources += words[:-1]
    return sources


def test_nginx_accepts_the_rendered_configuration(tmp_path: Path) -> None:
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config("127.0.0.1:18080", [18601, 18602, 18603], tmp_path), "utf-8")
    command = [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    text = config.read_text(encoding="utf-8")
    assert not re.search(r"@[A-Z_]+@", text)
    assert text.count("server 127.0.0.1:186") == 3
    for needed in ("hash $ki_route consistent", "proxy_set_header Upgrade", "gzip on"):
        assert needed in text
    assert "/_stcore/health" in text


def test_dockerfile_is_slim_non_root_healthchecked_and_listens_on_all_addresses() -> None:
    instructions = _instructions()
    keywords = dict(instructions)
    assert keywords["FROM"].startswith("python:3.11-slim")
    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    assert "/_stcore/health" in keywords["HEALTHCHECK"]
    command = json.loads(keywords["CMD"])
    assert command[:3] == ["streamlit", "run", "app.py"]
    assert "--server.address=0.0.0.0" in command


def test_the_image_contents_run_the_app(tmp_path: Path) -> None:
    """Copy only what the Dockerfile copies; the app must run from that alone."""
    image = tmp_path / "app"
    image.mkdir()
    for source in _copied_sources():
        origin = ROOT / source
        assert origin.exists(), source
        if origin.is_dir():
            shutil.copytree(origin, image / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, image / source)
    script = (
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=120).run()\n"
        "assert not at.exception, at.exception\n"
        "print(len(at.error), len(at.warning), at.metric[0].value)\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("KI_")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=image,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    errors, warnings, opened = result.stdout.split()
    assert (errors, warnings) == ("0", "0")
    assert opened == "54"
