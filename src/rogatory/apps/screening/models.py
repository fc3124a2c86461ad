from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    # A review-band suggestion waiting for an officer: not an alert, so the work queues of
    # suggested matches do not count it (issue 18).
    TO_CHECK = "to_check", _("Possible, please check")
    CONFIRMED = "confirmed", _("Confirmed by an officer")
    REJECTED = "rejected", _("Rejected by an officer")


class MatchBand(models.TextChoices):
    """The score band a suggestion was found in (``rogatory.core.matching.Band``)."""

    ALERT = "alert", _("Alert")
    REVIEW = "review", _("Possible, please check")


PENDING = (MatchStatus.SUGGESTED, MatchStatus.TO_CHECK)


class PersonMatch(models.Model):
    """Two persons of two cases that screening found to be probably the same person."""

    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    other_person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="+")
    other_case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("evidence"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    band = models.CharField(
        _("band"), max_length=8, choices=MatchBand.choices, default=MatchBand.ALERT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible same person")
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="person_match_pair")
        ]

    @property
    def is_pending(self) -> bool:
        """Waiting for an officer's decision (an alert, or a review-band suggestion)."""
        return self.status in PENDING
