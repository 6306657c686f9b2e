"""A real SMTP server on loopback that accepts mail, except for addresses that ask to be refused.

Recipients whose local part starts with `temporary-failure` get 451, `permanent-failure` get 550;
a sender starting with `refused-sender` gets 550 (a misconfigured DEFAULT_FROM_EMAIL). `SmtpSink(delay=…)`
makes the server slow to accept each recipient, before any message text travels.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


@dataclass
class SinkHandler:
    messages: list[Message] = field(default_factory=list)
    delay: float = 0.0
    sessions: int = 0  # SMTP conversations opened (EHLO or HELO received)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        self.sessions += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.startswith("refused-sender"):
            return "550 5.7.1 Sender address rejected"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.delay:
            await asyncio.sleep(self.delay)
        local_part = address.split("@", 1)[0]
        if local_part.startswith("temporary-failure"):
            return "451 4.3.0 Mailbox busy, try again later"
        if local_part.startswith("permanent-failure"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    def __init__(self, *, delay: float = 0.0) -> None:
        self.handler = SinkHandler(delay=delay)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[Message]:
        return self.handler.messages

    @property
    def sessions(self) -> int:
        return self.handler.sessions

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
