"""The one error type the services raise. Pages turn it into a form error or a message, the API
into a 400, 403 or 409 with the same message."""

from enum import StrEnum


class Reason(StrEnum):
    INVALID = "invalid"  # the request breaks a rule: 400
    FORBIDDEN = "forbidden"  # this user may not do this to this object: 403
    CONFLICT = "conflict"  # the object is not in a state that allows it: 409


class ServiceError(Exception):
    def __init__(self, message: str, *, reason: Reason = Reason.INVALID, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.field = field

    @property
    def status(self) -> int:
        return {Reason.INVALID: 400, Reason.FORBIDDEN: 403, Reason.CONFLICT: 409}[self.reason]
