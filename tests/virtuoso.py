"""A private OpenLink Virtuoso for the tests: its own database files in a temporary
folder, both ports on 127.0.0.1, SPARQL Update granted, shut down at the end."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def available() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt") and PACKAGED_INI.exists())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    workdir: Path
    sql_port: int
    http_port: int

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, statement: str) -> str:
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.isql("shutdown;")


def start(workdir: Path) -> Virtuoso:
    workdir.mkdir(parents=True, exist_ok=True)
    server = Virtuoso(workdir, _free_port(), _free_port())
    ini = PACKAGED_INI.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(workdir))
    ini = re.sub(
        r"(?m)^ServerPort\s*=\s*1111\s*$", f"ServerPort = 127.0.0.1:{server.sql_port}", ini
    )
    ini = re.sub(
        r"(?m)^ServerPort\s*=\s*8890\s*$", f"ServerPort = 127.0.0.1:{server.http_port}", ini
    )
    ini = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", ini)
    config = workdir / "virtuoso.ini"
    config.write_text(ini, encoding="utf-8")
    subprocess.run(
        ["virtuoso-t", "+configfile", str(config), "+wait"],
        cwd=workdir,
        check=True,
        timeout=180,
        capture_output=True,
    )
    server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{server.sparql_url}?query=ASK%7B%7D", timeout=5):
                break
        except OSError:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.5)
    return server
