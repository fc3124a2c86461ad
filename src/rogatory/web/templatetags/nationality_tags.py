"""The case page's nationality panel: what the page shows, with labels for the flags."""

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import Case
from rogatory.apps.cases.nationality_selectors import case_nationality_of
from rogatory.core.workflow.nationality import NationalityFlag
from rogatory.web.nationality_forms import FollowUpOpenForm, FollowUpUpdateForm, NationalityForm

register = template.Library()

FLAG_TEXTS: dict[NationalityFlag, Any] = {
    NationalityFlag.NONE_RECORDED: _("No nationality is recorded for that date."),
    NationalityFlag.REQUESTED_STATE_NATIONAL: _(
        "National of the requested State: extradition may be refused on that ground; a refusal "
        "on it alone obliges submission for domestic prosecution at the requesting State's "
        "request."
    ),
    NationalityFlag.DUAL_NATIONAL_BOTH_STATES: _(
        "National of both States: the requested State commonly treats the person as its own "
        "national; the other nationality does not remove that protection."
    ),
    NationalityFlag.REQUESTING_STATE_NATIONAL: _("National of the requesting State."),
    NationalityFlag.THIRD_STATE_NATIONAL: _(
        "National of a third State: tell the person without delay of the right to have that "
        "State's consulate informed, and record the notification or the objection."
    ),
}


@register.simple_tag
def case_nationality(case: Case) -> dict[str, Any]:
    """The panel of a case the page already opened for its actor, and its forms."""
    view = case_nationality_of(case, today=timezone.localdate())
    return {
        "view": view,
        "nationality_form": NationalityForm(
            persons=[p.person for p in view.persons], auto_id="nationality_%s"
        ),
        "open_form": FollowUpOpenForm(auto_id="follow_up_%s"),
        "update_forms": {
            f.row.pk: FollowUpUpdateForm(
                initial={"status": f.row.status, "outcome": f.row.outcome},
                auto_id=f"follow_up_{f.row.pk}_%s",
            )
            for f in view.follow_ups
        },
    }


@register.filter
def flag_text(flag: NationalityFlag) -> str:
    return str(FLAG_TEXTS[flag])


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
