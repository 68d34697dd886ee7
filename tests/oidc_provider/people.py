"""Who can log in at the test provider, and what its tokens say about them.

Plain data, imported by the provider process and by the tests alike.
"""

PASSWORD = "provider-wachtwoord"
CLIENT_ID = "proeftuin-test-client"
CLIENT_SECRET = "proeftuin-test-secret-0123456789"

# e-mail address -> how the provider's tokens describe that login
PEOPLE = {
    "coach@werk.example": {"name": "Carla Coach", "amr": ["pwd", "mfa"]},
    "coach-pwd@werk.example": {"name": "Pim Wachtwoord", "amr": ["pwd"]},
    "coach-zonder-amr@werk.example": {"name": "Zora Zonder", "amr": None},
    "deelnemer@werk.example": {"name": "Dirk Deelnemer", "amr": ["pwd"]},
    "nieuw@werk.example": {"name": "Nina Nieuw", "amr": ["pwd"]},
    "onbekend@werk.example": {"name": "Otto Onbekend", "amr": ["pwd"]},
    "iemand@elders.example": {"name": "Els Elders", "amr": ["pwd"]},
    # The provider misbehaves for these two: a token for another application, an expired token.
    "ander-publiek@werk.example": {"name": "Anton Ander", "amr": ["pwd"], "aud": "een-ander"},
    "verlopen@werk.example": {"name": "Vera Verlopen", "amr": ["pwd"], "expired": True},
}
