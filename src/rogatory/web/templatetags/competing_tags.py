"""Words for the competing-requests screens: each factor and each reading of the case data,
in the user's language, and the case page's link to the same-person suggestions."""

from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from rogatory.apps.extradition.selectors import case_matches_for, competing_files_of
from rogatory.apps.screening.models import MatchStatus
from rogatory.core.extradition.competing import Factor, Finding, Reading

register = template.Library()

FACTOR_LABELS: dict[Factor, Any] = {
    Factor.SERIOUSNESS: _("Relative seriousness of the offences"),
    Factor.PLACE: _("Place of commission"),
    Factor.DATES: _("Dates of the requests"),
    Factor.NATIONALITY: _("Nationality of the person"),
    Factor.RE_EXTRADITION: _("Later extradition to another State"),
    Factor.PURPOSE: _("Prosecution or execution of a sentence"),
    Factor.EUROJUST: _("Advice of Eurojust"),
    Factor.WARRANT_V_EXTRADITION: _("Arrest warrant against an extradition request"),
    Factor.VICTIM_NATIONALITY: _("Nationality of the victims"),
    Factor.INTERESTS_AFFECTED: _("State whose interests the offence was directed against"),
    Factor.RESIDENCE: _("Residence of the person"),
    Factor.TREATY_BASIS: _("Request made under a treaty"),
}

READING_TEXTS: dict[Reading, Any] = {
    Reading.HIGHEST_PENALTY: _(
        "The most serious offence is punishable by up to %(months)s months' imprisonment."
    ),
    Reading.NO_PENALTY_RECORDED: _(
        "No maximum penalty is recorded, so the data do not show which offence is more serious."
    ),
    Reading.COMMITTED_IN_REQUESTING_STATE: _(
        "The offence was committed in the territory of the requesting State."
    ),
    Reading.PLACE_NOT_CONCLUSIVE: _(
        "The places of commission recorded do not point to one requesting State."
    ),
    Reading.EARLIEST_REQUEST: _("The earliest request was received on %(date)s."),
    Reading.DATES_MISSING: _("A request has no date of receipt, so the dates cannot be compared."),
    Reading.NATIONAL_OF_REQUESTING_STATE: _(
        "The person is a national of the requesting State of this request."
    ),
    Reading.NATIONAL_OF_NO_REQUESTING_STATE: _(
        "The person is a national of none of the requesting States."
    ),
    Reading.RE_EXTRADITION_NEEDS_CONSENT: _(
        "A request that yields may still be met later by extradition from the State that "
        "prevails, which needs the requested State's consent (ETS 24 art. 15): ask whether "
        "that State would re-extradite."
    ),
    Reading.SAME_REQUESTING_STATE: _(
        "Every request comes from the same State, which can try all the offences after one "
        "surrender."
    ),
    Reading.PURPOSE_TO_ASSESS: _(
        "Assess from each warrant whether it seeks prosecution or the execution of a custodial "
        "sentence or detention order."
    ),
    Reading.EUROJUST_ADVICE_POSSIBLE: _(
        "The executing judicial authority may seek the advice of Eurojust."
    ),
    Reading.COMPETENT_AUTHORITY_DECIDES: _(
        "An arrest warrant competes with a third State's extradition request: the competent "
        "authority decides which takes precedence, and its decision must be open to an "
        "effective judicial remedy (CJEU C-763/22)."
    ),
    Reading.NOT_IN_CASE_DATA: _(
        "The case data do not record this: assess it from the requests themselves."
    ),
    Reading.MADE_UNDER_TREATY: _(
        "Only some requests are made under a treaty in force with the requested State: the "
        "ones this factor favours."
    ),
    Reading.ALL_UNDER_TREATY: _(
        "Every request is made under a treaty in force with the requested State."
    ),
}

LIFE_TEXT = _("The most serious offence is punishable by life imprisonment.")


@register.filter
def factor_label(factor: Factor) -> str:
    return str(FACTOR_LABELS[Factor(factor)])


@register.filter
def reading_text(finding: Finding) -> str:
    params: dict[str, str] = dict(finding.params)
    if finding.reading == Reading.HIGHEST_PENALTY and params.get("months") == "life":
        return str(LIFE_TEXT)
    if "date" in params:
        params["date"] = date_format(date.fromisoformat(params["date"]), "DATE_FORMAT")
    return str(READING_TEXTS[finding.reading]) % params


@register.simple_tag(takes_context=True)
def case_competing(context: template.Context, case_id: int) -> dict[str, Any]:
    """How many same-person suggestions wait on a case the page already opened, and its
    competing-requests files."""
    actor = context["request"].user
    matches = case_matches_for(actor=actor, case_id=case_id)
    return {
        "count": matches.count(),
        "waiting": matches.filter(status=MatchStatus.SUGGESTED).count(),
        "files": list(competing_files_of(actor=actor, case_id=case_id)),
    }


@register.filter
def pair(first: Any, second: Any) -> tuple[Any, Any]:
    """Two persons side by side, for one row of the comparison table."""
    return (first, second)
