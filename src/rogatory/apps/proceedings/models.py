"""Communications of a case that go or come by another channel than the exchange between nodes.

A State without a node is still reached by the diplomatic channel or INTERPOL (UNTOC art. 18(13)),
by post or by e-mail, any means producing a written record (UNTOC art. 18(14)); for a provisional
arrest the European Convention on Extradition names the same channels (ETS 24 art. 16(3)). Its
answers received on paper are registered into the same conversation.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    # UNTOC art. 18(13) allows the diplomatic channel and, in urgent cases, INTERPOL.
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    INTERPOL = "interpol", _("INTERPOL")
    POST = "post", _("Post or courier")
    EMAIL = "email", _("E-mail")


class ChannelRecord(models.Model):
    """One dispatch by us, or one answer received by us, outside the exchange."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    # True: we dispatched it; False: it reached us (see ``communication``).
    sent = models.BooleanField(_("sent by us"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    on = models.DateField(_("date"))
    tracking_reference = models.CharField(_("tracking reference"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    # What arrived on paper, kept as a communication of the case's conversation.
    communication = models.OneToOneField(
        "cases.Communication", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["case", "recorded_at"], name="channel_case_idx")]
