"""Settings of the digest worker that tests/faults/test_digest_worker_killed.py runs in a child process:
the tests' settings, mail to the test's SMTP server through the backend that dies on cue."""

import os

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.faults.die_after_send.DieAfterSendBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 10
