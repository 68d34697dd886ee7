"""The test provider's claims: e-mail, name and `amr` from people.py, and its misbehaviour."""

import time

from oauth2_provider.oauth2_validators import OAuth2Validator

from .people import PEOPLE


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid"}

    def get_additional_claims(self, request):
        person = PEOPLE[request.user.username]
        claims = {
            "email": request.user.username,
            "email_verified": True,
            "name": person["name"],
        }
        if person["amr"] is not None:
            claims["amr"] = person["amr"]
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        person = PEOPLE[request.user.username]
        if "aud" in person:
            claims["aud"] = person["aud"]
        if person.get("expired"):
            claims["iat"] = int(time.time()) - 3600
            claims["exp"] = int(time.time()) - 600
        return claims, expiration
