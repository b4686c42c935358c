"""Throwaway services for the fault tests: a redis-server of the test's own on a free port, which the
test may kill; never the shared Redis."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

# The digests' fixtures (the period, subscribers with news to read), for the killed-worker test.
from tests.digests.conftest import in_period, make_subscriber, news_in_period, period, segment, today  # noqa: F401


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ThrowawayRedis:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def throwaway_redis() -> Iterator[ThrowawayRedis]:
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    redis = ThrowawayRedis(process, port)
    yield redis
    if process.poll() is None:
        redis.kill()


class Inbox:
    """What an aiosmtpd server received, and what it answers to DATA (250, or 451 to refuse)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.reply = "250 Message accepted for delivery"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        if self.reply.startswith("250"):
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return self.reply


@dataclass
class SmtpServer:
    port: int
    inbox: Inbox
    controller: object = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on a port of its own, not started: until `start()`, nothing listens there."""
    server = SmtpServer(free_port(), Inbox())
    yield server
    server.stop()
