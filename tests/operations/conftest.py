"""A mail server of our own for the outbox's tests: a port with nothing on it, then a real SMTP
server on that port that keeps what it receives."""

import socket
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """Keeps every message it is given; starts and stops like a real server."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[Message] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def subjects(self) -> list[str]:
        return [str(message["Subject"]) for message in self.received]


@pytest.fixture
def smtp_sink():
    """A mail server that is down (nothing listens on its port) until the test starts it."""
    sink = Sink(free_port())
    yield sink
    sink.stop()


@pytest.fixture
def outbound_smtp(settings, smtp_sink):
    """Mail leaves by SMTP to the sink's port, as in production."""
    settings.MAILERS = {
        **settings.MAILERS,
        "outbound": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "timeout": 5},
        },
    }
    return smtp_sink
