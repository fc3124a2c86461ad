"""The case page's other-channels section: what was recorded, and the two forms."""

from typing import Any

from django import template

from rogatory.apps.cases.models import Case
from rogatory.apps.proceedings.channel_selectors import (
    channel_records_of,
    dispatch_offered,
    package_offered,
)
from rogatory.web.other_channel_forms import DispatchForm, PaperAnswerForm

register = template.Library()


@register.simple_tag
def case_other_channels(case: Case) -> dict[str, Any]:
    """For a case the page already opened for its actor (see ``case_detail``)."""
    return {
        "records": channel_records_of(case),
        "package": package_offered(case),
        "dispatch": dispatch_offered(case),
        "dispatch_form": DispatchForm(prefix="dispatch"),
        "paper_form": PaperAnswerForm(prefix="paper"),
    }
