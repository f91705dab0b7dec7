"""Run the application with uvicorn in a background thread on a free local port — for the
end-to-end tests and the screenshot script, which drive it with a real browser."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn


class BackgroundServer:
    def __init__(self, app: Any, host: str = "127.0.0.1"):
        # bind first, then hand the socket to uvicorn: no window in which another process can
        # take the port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.url = f"http://{host}:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("测试服务器未能启动")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


# Debian's chromium, driven by Playwright (never `playwright install`: nothing is downloaded).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def demo_files(outdir: Path, timeout: float = 300) -> Path:
    """``juesuan demo OUTDIR --formats txt``: synthetic departments, three years each, as text
    disclosures (``OUTDIR/<department>/<year>/disclosure.txt``)."""
    subprocess.run([sys.executable, "-m", "juesuan", "demo", str(outdir), "--formats", "txt"], check=True,
                   capture_output=True, timeout=timeout)
    return outdir
