import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The pilot fixture creates five users; the production hasher makes each test seconds slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
