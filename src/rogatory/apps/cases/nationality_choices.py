"""Closed sets of the nationality follow-ups on an extradition case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpKind(models.TextChoices):
    # UNTOC art. 16(10), ETS 24 art. 6(2): refused solely because the person is our national,
    # the case goes to our prosecutors at the requesting State's request.
    PROSECUTION_SUBMISSION = "prosecution_submission", _("Submission for domestic prosecution")
    # UNTOC art. 16(11): surrender on condition that the person is returned to serve the sentence.
    CONDITIONAL_SURRENDER = "conditional_surrender", _("Conditional surrender")
    # UNTOC art. 16(12): enforcement of the foreign sentence instead of extradition.
    SENTENCE_ENFORCEMENT = "sentence_enforcement", _("Enforcement of the foreign sentence")
    # Vienna Convention on Consular Relations art. 36(1)(b).
    CONSULAR_NOTIFICATION = "consular_notification", _("Consular notification")


FOLLOW_UP_ARTICLES: dict[str, str] = {
    FollowUpKind.PROSECUTION_SUBMISSION: "UNTOC art. 16(10); ETS 24 art. 6(2)",
    FollowUpKind.CONDITIONAL_SURRENDER: "UNTOC art. 16(11)",
    FollowUpKind.SENTENCE_ENFORCEMENT: "UNTOC art. 16(12)",
    FollowUpKind.CONSULAR_NOTIFICATION: "Vienna Convention on Consular Relations art. 36(1)(b)",
}


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
