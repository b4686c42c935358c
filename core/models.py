"""The outbox: every email the platform sends, written in the transaction of the change that caused it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Pending: waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed: not sent")


class OutgoingMailQuerySet(models.QuerySet):
    def failed(self) -> "OutgoingMailQuerySet":
        return self.filter(status=MailStatus.FAILED)


class OutgoingMail(models.Model):
    """One email, rendered and addressed, waiting for a worker or sent (core.mail)."""

    to = models.JSONField(_("to"))
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=MailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outgoing_mail_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
