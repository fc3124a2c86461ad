from tests.web.conftest import client_for, writes

__all__ = ["client_for", "writes"]
