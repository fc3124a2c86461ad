import logging
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from rogatory.apps.accounts.security import auth_event
from rogatory.apps.accounts.services import api_token_user
from rogatory.apps.rowsecurity.context import act_as


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            # A refused token is an authentication event (ASVS 5.0 V16.3.1): one line, without
            # the token, which is a credential.
            auth_event("api_token.failed", request=request, level=logging.WARNING)
        else:
            request.user = user
            # Row-level security acts for the token's user too, not only for a session's.
            act_as(user)
        return user


AUTH = [TokenAuth(), django_auth]
