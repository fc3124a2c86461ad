"""Words for the detention screens: readings of personal space, what still holds a decision,
the Othman factors; and the case page's detention summary."""

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from rogatory.apps.extradition.detention_selectors import case_detention_of
from rogatory.core.extradition.detention import Answer, Gate, OthmanFactor, SpaceReading
from rogatory.web.detention_forms import OTHMAN_LABELS

register = template.Library()

SPACE_TEXTS: dict[SpaceReading, Any] = {
    SpaceReading.STRONG_PRESUMPTION: _(
        "Under 3 m² in a multi-occupancy cell: a strong presumption of inhuman or degrading "
        "treatment."
    ),
    SpaceReading.RELEVANT_FACTOR: _(
        "Between 3 and 4 m² in a multi-occupancy cell: a factor weighed with the other conditions."
    ),
    SpaceReading.BELOW_CPT_STANDARD: _("Below the CPT standard of 6 m² for a single cell."),
    SpaceReading.MEETS_CPT_STANDARD: _("Meets the CPT standard."),
}

GATE_TEXTS: dict[Gate, Any] = {
    Gate.OPEN: _("The detention assessment does not hold the decision."),
    Gate.ASSESSMENT_NOT_OPENED: _(
        "The evidence on the requesting State shows a risk: no assessment is open yet."
    ),
    Gate.GENERAL_RISK_NOT_ASSESSED: _("Step 1, the general risk, is not assessed."),
    Gate.INFORMATION_NOT_REQUESTED: _(
        "A general risk was found: ask the requesting State for supplementary information."
    ),
    Gate.AWAITING_INFORMATION: _(
        "The supplementary information is awaited: the decision on surrender is postponed."
    ),
    Gate.INDIVIDUAL_RISK_NOT_ASSESSED: _(
        "Step 2, the individual risk, is to be concluded before the decision."
    ),
}

ANSWER_TEXTS: dict[Answer, Any] = {
    Answer.YES: _("Yes"),
    Answer.NO: _("No"),
    Answer.UNKNOWN: _("Not known"),
}


@register.filter
def space_text(reading: SpaceReading) -> str:
    return str(SPACE_TEXTS[SpaceReading(reading)])


@register.filter
def gate_text(gate: Gate) -> str:
    return str(GATE_TEXTS[Gate(gate)])


@register.filter
def othman_rows(raw: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """Each factor's question, answer and note, in the order of Othman § 189."""
    rows = []
    for factor in OthmanFactor:
        entry = (raw or {}).get(factor.value) or {}
        try:
            answer = Answer(entry.get("answer", "unknown"))
        except ValueError:
            answer = Answer.UNKNOWN
        rows.append((str(OTHMAN_LABELS[factor]), str(ANSWER_TEXTS[answer]), entry.get("note", "")))
    return rows


@register.simple_tag(takes_context=True)
def case_detention(context: template.Context, case: Any) -> Any:
    """The detention summary of a case the page already opened for its actor."""
    return case_detention_of(case, actor=context["request"].user)
