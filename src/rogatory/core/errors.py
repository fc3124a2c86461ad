"""The one error shape of the domain: a stable code and parameters, no prose.

The web and API edges translate the code, so an error reads correctly in all six languages.
"""


class DomainError(Exception):
    def __init__(self, code: str, **params: str | int) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"
