"""Django's SMTP backend with the one unknowable moment of SMTP marked for the ledger.

Up to the end of DATA the server has accepted nothing: a connection lost or a process killed
before that means the mail was not sent, and the ledger may send it again. Between sending the
final "." and reading the server's reply nobody can know. This backend runs the MAIL, RCPT and
DATA steps itself so it can call the ledger's hook just before that final ".", and reports a
reply that never came as `ReplyUnknown` instead of an ordinary (retryable) broken connection.
"""

import re
import smtplib
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address

_on_data_sent: ContextVar[Callable[[], None] | None] = ContextVar("on_data_sent", default=None)
_LEADING_DOT = re.compile(rb"(?m)^\.")
CRLF = b"\r\n"


class ReplyUnknown(smtplib.SMTPException):
    """The message was sent to the end, and the server's answer never arrived."""


@contextmanager
def marking_reply_window(hook: Callable[[], None]):
    """Within the block, `hook` runs just before the final "." of DATA is sent."""
    token = _on_data_sent.set(hook)
    try:
        yield
    finally:
        _on_data_sent.reset(token)


def marks_reply_window(connection) -> bool:
    """True when the mail connection calls the hook itself (else the caller marks early)."""
    return isinstance(connection, EmailBackend)


class EmailBackend(smtp.EmailBackend):
    def _send(self, email_message) -> bool:
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(a, encoding) for a in email_message.recipients()]
        message = email_message.message().as_bytes(linesep="\r\n")
        try:
            self._transaction(sender, recipients, message)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

    def _transaction(self, sender: str, recipients: list[str], message: bytes) -> None:
        """smtplib's sendmail, step by step, with the hook just before the end of DATA."""
        server = self.connection
        server.ehlo_or_helo_if_needed()
        code, reply = server.mail(sender)
        if code != 250:
            server.rset()
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = server.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if len(refused) == len(recipients):
            server.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        server.putcmd("data")
        code, reply = server.getreply()
        if code != 354:
            server.rset()
            raise smtplib.SMTPDataError(code, reply)
        body = _LEADING_DOT.sub(b"..", message)
        if not body.endswith(CRLF):
            body += CRLF
        server.send(body)
        # The server accepts nothing before the final ".": the ledger records the window
        # first, so a kill at any moment inside it finds the row marked.
        hook = _on_data_sent.get()
        if hook is not None:
            try:
                hook()
            except BaseException:
                server.close()  # without its final "." the server discards the message
                raise
        server.send(b"." + CRLF)
        try:
            code, reply = server.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise ReplyUnknown(f"no reply after the end of DATA ({exc})") from exc
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
