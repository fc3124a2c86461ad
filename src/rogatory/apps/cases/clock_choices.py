"""Choices of a case's legal clocks; values mirror core.deadlines.events (a test keeps them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rogatory.core.deadlines.events import ClockBasis, EventKind


class EventKindChoice(models.TextChoices):
    ARREST = EventKind.ARREST.value, _("Arrest")
    REQUEST_RECEIVED = (
        EventKind.REQUEST_RECEIVED.value,
        _("Formal request and documents received"),
    )
    CONSENT = EventKind.CONSENT.value, _("Consent to surrender")
    DECISION = EventKind.DECISION.value, _("Final decision on surrender")
    SURRENDER_DATE_AGREED = EventKind.SURRENDER_DATE_AGREED.value, _("Date agreed for surrender")
    SURRENDER = EventKind.SURRENDER.value, _("Surrender carried out")


class ClockBasisChoice(models.TextChoices):
    ETS_24 = ClockBasis.ETS_24.value, _("European Convention on Extradition (ETS 24)")
    EAW = ClockBasis.EAW.value, _("European arrest warrant (FD 2002/584)")
    UN_MODEL_TREATY = ClockBasis.UN_MODEL_TREATY.value, _("UN Model Treaty on Extradition")
    UNTOC = ClockBasis.UNTOC.value, _("UNTOC alone (art. 16(9) sets no period)")
    BILATERAL_TREATY = ClockBasis.BILATERAL_TREATY.value, _("Bilateral treaty")
