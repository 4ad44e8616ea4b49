"""What the browser tests share: where Chromium is, how it is started, and a free loopback port."""

import os
import socket

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing of its own sent over the network (the tests record every request that leaves the machine).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NO_CHROMIUM = f"no Chromium at {CHROMIUM} (install Debian's chromium, or set $CHROMIUM)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
