"""An incoming extradition request from XB worked by the officer."""

from tests.web.detention.conftest import extradition  # noqa: F401 (fixture)
