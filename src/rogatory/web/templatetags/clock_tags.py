"""The case page's clocks section: the clocks of a case, with labels for their codes."""

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.clock_selectors import CaseClocks, case_clocks_of
from rogatory.apps.cases.models import Case
from rogatory.core.deadlines.events import NoClock
from rogatory.web.clock_forms import EventDateForm, TimeLimitBasisForm

register = template.Library()

CLOCK_LABELS: dict[str, Any] = {
    "ece-provisional-arrest": _("Formal request to be received after provisional arrest"),
    "ece-provisional-arrest-max": _("End of provisional arrest at the latest"),
    "ece-surrender": _("Surrender, or release may be ordered"),
    "ece-surrender-max": _("Surrender, or release is mandatory"),
    "eaw-decision": _("Final decision on the European arrest warrant"),
    "eaw-decision-consent": _("Final decision after consent"),
    "eaw-surrender": _("Surrender after the final decision"),
    "un-model-provisional-arrest": _("Formal request to be received after provisional arrest"),
    "treaty-provisional-arrest": _("Formal request to be received after provisional arrest"),
}

NO_CLOCK_TEXTS: dict[NoClock, Any] = {
    NoClock.UNTOC_SETS_NO_PERIOD: _(
        "UNTOC art. 16(9) allows provisional arrest but sets no period: no clock runs here. "
        "Apply the period of domestic law, or name the treaty whose time limits apply."
    ),
    NoClock.NO_TREATY_DATA: _(
        "The directory holds no data on this treaty's time limits: no clock runs here. "
        "Watch the treaty's period yourself."
    ),
    NoClock.NO_BASIS: _(
        "Name the instrument whose time limits apply, so that the clocks can run from the "
        "dates entered."
    ),
}


@register.simple_tag
def case_clocks(case: Case) -> dict[str, Any]:
    """The clocks of a case the page already opened for its actor, and the two forms."""
    clocks: CaseClocks = case_clocks_of(case, now=timezone.now())
    return {
        "view": clocks,
        "no_clock": None if clocks.no_clock is None else NO_CLOCK_TEXTS[clocks.no_clock],
        "date_form": EventDateForm(auto_id="clock_%s"),
        "basis_form": TimeLimitBasisForm(
            initial={"basis": case.time_limit_basis}, auto_id="clock_basis_%s"
        ),
    }


@register.filter
def clock_label(code: str) -> str:
    return str(CLOCK_LABELS.get(code, code))
