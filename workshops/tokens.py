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


GUEST_SALT = "workshops.guest"
SIGN_UP_SALT = "workshops.guest-sign-up"


def _dumps(value: int, salt: str) -> str:
    return signing.dumps(value, salt=salt, compress=False)


def _loads(token: str, salt: str) -> int:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise BadToken from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadToken
    return value


def guest_token(guest_id: int) -> str:
    """A guest's own link: it shows their sign-up and nothing else."""
    return _dumps(guest_id, GUEST_SALT)


def read_guest_token(token: str) -> int:
    return _loads(token, GUEST_SALT)


def sign_up_token(session_id: int) -> str:
    """The public sign-up link of a session the coach shares; unguessable, unlike its id."""
    return _dumps(session_id, SIGN_UP_SALT)


def read_sign_up_token(token: str) -> int:
    return _loads(token, SIGN_UP_SALT)
