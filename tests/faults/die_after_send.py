"""Fault injection for a digest worker run in a child process (tests/faults/test_digest_worker_killed.py):
an SMTP backend that kills the process the moment the mail server has accepted the N-th message, before
the sender can record it. Test code only: the platform has no hook for it."""

import os

from django.core.mail.backends.smtp import EmailBackend

_accepted = 0


class DieAfterSendBackend(EmailBackend):
    def send_messages(self, email_messages) -> int:
        global _accepted
        sent = super().send_messages(email_messages)  # the server said 250: the message is theirs now
        _accepted += sent
        if _accepted >= int(os.environ.get("DIE_AFTER_SENDS", "0") or 10**9):
            os._exit(137)  # as SIGKILL would: no cleanup, no except, no finally
        return sent
