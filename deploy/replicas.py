"""Run N identical dashboard replicas behind nginx on this machine, and stop them cleanly.

`python deploy/replicas.py --replicas 2 --port 8080` (or `make replicas N=2`) starts N
`streamlit run app.py` processes on 127.0.0.1 (ports 8601, 8602, … unless told otherwise), waits
until each answers `/_stcore/health`, writes `deploy/nginx.conf` with those replicas into a
runtime folder and starts Debian's nginx on it; Ctrl-C or SIGTERM stops nginx, then the replicas.
The replicas share one cookie secret, so an upload's XSRF cookie stays valid on every replica.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
HEALTH_PATH = "/_stcore/health"
PROXY_HEALTH_PATH = "/healthz"
STOP_TIMEOUT_S = 10.0


class ReplicaError(RuntimeError):
    """A replica or nginx did not start (the message says which, and its last log lines)."""


def nginx_config(listen: str, replica_ports: Sequence[int], runtime_dir: Path) -> str:
    """`deploy/nginx.conf` with its placeholders filled for these replicas."""
    upstreams = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in replica_ports
    )
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    return (
        text.replace("@UPSTREAMS@", upstreams)
        .replace("@LISTEN@", listen)
        .replace("@RUNTIME_DIR@", str(runtime_dir))
    )


def nginx_binary() -> str:
    """Debian's nginx (in /usr/sbin, which a non-root PATH may lack)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise ReplicaError("nginx not found: apt-get install nginx")
    return found


def wait_healthy(
    url: str, process: subprocess.Popen, log: Path | None = None, timeout: float = 90
) -> None:
    """Wait until `url` answers 200; a process that exits first is an error (with its log)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ReplicaError(f"{url}: exited with {process.returncode}\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise ReplicaError(f"{url}: not healthy after {timeout:.0f} s\n{_tail(log)}")


def _tail(log: Path | None, lines: int = 15) -> str:
    if log is None:
        return "(no log)"
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class ReplicaSet:
    """N `streamlit run` replicas and one nginx in front of them (a context manager)."""

    replica_ports: Sequence[int]
    listen_port: int
    runtime_dir: Path
    env: Mapping[str, str] = field(default_factory=dict)
    python: str = sys.executable
    replicas: list[subprocess.Popen] = field(default_factory=list, init=False)
    nginx: subprocess.Popen | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        """The proxy's address: what users open."""
        return f"http://127.0.0.1:{self.listen_port}"

    def replica_url(self, index: int) -> str:
        """Replica `index` directly, bypassing nginx."""
        return f"http://127.0.0.1:{self.replica_ports[index]}"

    def start(self) -> ReplicaSet:
        """Start every replica, wait for their health, then start nginx and wait for it."""
        self.runtime_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
            **self.env,
        }
        try:
            for index, port in enumerate(self.replica_ports):
                log = self.runtime_dir / f"replica-{index}.log"
                command = [self.python, "-m", "streamlit", "run", str(ROOT / "app.py")]
                command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
                command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
                with log.open("wb") as out:
                    self.replicas.append(
                        subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
                    )
            for index, process in enumerate(self.replicas):
                log = self.runtime_dir / f"replica-{index}.log"
                wait_healthy(self.replica_url(index) + HEALTH_PATH, process, log)
            config = self.runtime_dir / "nginx.conf"
            config.write_text(
                nginx_config(f"127.0.0.1:{self.listen_port}", self.replica_ports, self.runtime_dir),
                encoding="utf-8",
            )
            command = [nginx_binary(), "-p", str(self.runtime_dir), "-c", str(config)]
            # Its own error log from the start (else nginx first tries /var/log/nginx).
            command += ["-e", str(self.runtime_dir / "error.log")]
            log = self.runtime_dir / "nginx-stderr.log"
            with log.open("wb") as out:
                self.nginx = subprocess.Popen(
                    [*command, "-g", "daemon off;"], stdout=out, stderr=out
                )
            wait_healthy(self.url + PROXY_HEALTH_PATH, self.nginx, log)
        except BaseException:
            self.stop()
            raise
        return self

    def stop_replica(self, index: int) -> None:
        """Stop one replica (as a crash or a rolling restart would); nginx keeps running."""
        _stop(self.replicas[index])

    def stop(self) -> None:
        """Stop nginx first (no new requests), then every replica."""
        if self.nginx is not None:
            _stop(self.nginx)
        for process in self.replicas:
            _stop(process)

    def __enter__(self) -> ReplicaSet:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the replicas and nginx, print where they are, run until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python deploy/replicas.py", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2, help="how many replicas (2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx port (8080)")
    parser.add_argument("--first-port", type=int, default=8601, help="first replica port (8601)")
    parser.add_argument("--runtime-dir", type=Path, help="pid, logs, nginx.conf (a temp folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 32:
        parser.error(f"--replicas must be between 1 and 32, not {args.replicas}")
    runtime = args.runtime_dir or Path(tempfile.mkdtemp(prefix="ki-atlas-replicas-"))
    ports = [args.first_port + i for i in range(args.replicas)]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with ReplicaSet(ports, args.port, runtime) as replica_set:
            span = f"{ports[0]}-{ports[-1]}"
            print(f"{args.replicas} replicas on ports {span}, nginx on {replica_set.url}")
            print(f"logs and nginx.conf in {runtime}; Ctrl-C stops everything")
            ended: set[int] = set()
            while replica_set.nginx.poll() is None:
                for index, process in enumerate(replica_set.replicas):
                    if process.poll() is not None and index not in ended:
                        ended.add(index)
                        print(
                            f"replica {index} ended; nginx sends its sessions on", file=sys.stderr
                        )
                time.sleep(1)
            print("nginx ended; stopping the replicas", file=sys.stderr)
            return 1
    except ReplicaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
