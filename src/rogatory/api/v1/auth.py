from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from rogatory.apps.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), django_auth]
