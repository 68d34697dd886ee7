"""The known pilot as a fixture for the measurement tests."""

import pytest

from tests.proeftuin.measurement.known_pilot import known_pilot


@pytest.fixture
def known(db):
    return known_pilot()
