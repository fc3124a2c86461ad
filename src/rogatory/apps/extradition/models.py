"""Competing requests: several extradition requests or arrest warrants for the same person, and
the requested State's decision between them (ETS 24 art. 17; FD 2002/584/JHA art. 16)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")


class CompetingFile(models.Model):
    cases = models.ManyToManyField("cases.Case", related_name="competing_files")
    status = models.CharField(
        _("status"), max_length=16, choices=CompetingStatus.choices, default=CompetingStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # Case ids, the prevailing request first: the order in which the requests are to be met.
    order = models.JSONField(_("order of the requests"), default=list)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "id"]
        verbose_name = _("competing requests file")

    def __str__(self) -> str:
        return f"competing-{self.pk}"
