"""Where am I: the node's State, the user's central authority and role, and what the node is for.

Every page shows them in its header, so an officer working on several nodes (or on a demo or
training node beside the real one) always knows which State's records they are reading.
"""

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rogatory.apps.directory.selectors import state_list


class NodeKind(StrEnum):
    """The values of settings.NODE_KIND (ROGATORY_NODE_KIND)."""

    PRODUCTION = "production"
    DEMO = "demo"
    TRAINING = "training"


KIND_NOTICES: dict[NodeKind, Any] = {
    NodeKind.DEMO: _("Demonstration node: fictional cases only, never enter real data."),
    NodeKind.TRAINING: _("Training node: practice cases only, never enter real data."),
}


def where_am_i(request: HttpRequest) -> dict[str, Any]:
    code = str(settings.NODE_STATE)
    state = state_list().filter(code=code).first()
    kind = NodeKind(settings.NODE_KIND)
    context: dict[str, Any] = {
        "node_state_code": code,
        "node_state_name": state.name() if state is not None else code,
        # The Secretariat's node keeps the review mechanism's register for all States parties;
        # it speaks for none of them.
        "node_is_secretariat": bool(settings.SECRETARIAT_NODE),
        "node_kind": kind.value,
        "node_kind_notice": KIND_NOTICES.get(kind),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        authority = getattr(user, "authority", None)
        context["user_authority"] = authority.name if authority is not None else ""
    return context
