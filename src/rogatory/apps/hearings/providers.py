"""The conference provider a node is configured with, from the environment (DESIGN: secrets
only from the environment or files named by it; docs/hearings.md says how):

* ``ROGATORY_JITSI_URL``, ``ROGATORY_JITSI_APP_ID``, ``ROGATORY_JITSI_DOMAIN`` and
  ``ROGATORY_JITSI_SECRET_FILE`` (the file holding the secret shared with Prosody);
* ``ROGATORY_BBB_URL`` (``https://host/bigbluebutton/``) and ``ROGATORY_BBB_SECRET_FILE``.

The secret is read when a link is made and lives in no model, message or log.
"""

from __future__ import annotations

import os
from pathlib import Path

from rogatory.apps.hearings.models import Hearing
from rogatory.core.errors import DomainError
from rogatory.core.hearings.providers import BigBlueButton, Jitsi, PlainLink, Provider, ProviderKind


def _env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise DomainError("hearing.provider_not_configured", setting=name)
    return value


def _secret(name: str) -> str:
    path = Path(_env(name))
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        # The path is configuration, not a secret; the file's content never appears.
        raise DomainError("hearing.provider_not_configured", setting=name) from None


def provider_for(hearing: Hearing) -> Provider:
    kind = ProviderKind(hearing.provider or ProviderKind.LINK.value)
    if kind is ProviderKind.JITSI:
        return Jitsi(
            _env("ROGATORY_JITSI_URL"),
            _env("ROGATORY_JITSI_APP_ID"),
            _secret("ROGATORY_JITSI_SECRET_FILE"),
            _env("ROGATORY_JITSI_DOMAIN"),
        )
    if kind is ProviderKind.BIGBLUEBUTTON:
        return BigBlueButton(_env("ROGATORY_BBB_URL"), _secret("ROGATORY_BBB_SECRET_FILE"))
    if not hearing.link:
        raise DomainError("hearing.provider_not_configured", setting="link")
    return PlainLink(hearing.link)
