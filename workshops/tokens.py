"""Signed links for people answering by e-mail: a seat on offer, and a guest's own sign-up.

A token names one row and one action, signed with the secret key; the row's state makes it
single-use (an answered offer refuses a second answer), so nothing secret is stored.
"""

from django.core import signing

OFFER_SALT = "workshops.offer"
ACCEPT = "accept"
DECLINE = "decline"


class BadToken(Exception):
    """A link that was altered, cut short or made for something else."""


def offer_token(offer_id: int, action: str) -> str:
    return signing.dumps({"o": offer_id, "a": action}, salt=OFFER_SALT, compress=False)


def read_offer_token(token: str) -> tuple[int, str]:
    """The offer id and action of a token; BadToken for anything not signed by us."""
    try:
        data = signing.loads(token, salt=OFFER_SALT)
    except signing.BadSignature:
        raise BadToken from None
    if not isinstance(data, dict) or data.get("a") not in (ACCEPT, DECLINE):
        raise BadToken
    if not isinstance(data.get("o"), int):
        raise BadToken
    return data["o"], data["a"]
