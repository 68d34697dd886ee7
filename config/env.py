"""Strict readers of settings from the environment: a documented value, or the start stops.

A typo must not quietly pick a value (``DJANGO_HTTPS=Tru`` would otherwise mean "off"), so each
reader accepts only the values the README documents and raises ImproperlyConfigured with one line
naming the variable. An unset or empty variable means the default.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
RATE = re.compile(r"^[1-9][0-9]*/(second|minute|hour|day)$")
WHOLE_NUMBER = re.compile(r"^[0-9]+$")
# redis://[user:password@]host[:port]/db or rediss://...: the database number is required, so
# the cache and the broker are never on one database by accident.
REDIS_DB_URL = re.compile(r"^rediss?://(?:[^@/]+@)?[^:/@]+(?::[0-9]+)?/[0-9]+$")


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name: str, *, default: bool) -> bool:
    """1/0, true/false, yes/no or on/off in any case."""
    raw = _raw(name)
    if raw is None:
        return default
    word = raw.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    pairs = ", ".join(f"{yes}/{no}" for yes, no in zip(TRUE_WORDS, FALSE_WORDS, strict=True))
    raise ImproperlyConfigured(f"{name} must be one of {pairs} (any case), not {raw!r}.")


def env_int(name: str, *, default: int | None, minimum: int = 1) -> int | None:
    """A whole number of at least `minimum` (1 unless the variable documents 0 as meaningful)."""
    raw = _raw(name)
    if raw is None:
        return default
    # Digits only: int() would also take "+5", "1_000" and " 5", none of which is documented.
    if not WHOLE_NUMBER.match(raw) or int(raw) < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, not {raw!r}."
        )
    return int(raw)


def env_rate(name: str, *, default: str) -> str:
    """A throttle rate: a positive number of requests per second, minute, hour or day."""
    raw = _raw(name)
    if raw is None:
        return default
    if not RATE.match(raw):
        raise ImproperlyConfigured(
            f"{name} must be like 60/minute (per second, minute, hour or day), not {raw!r}."
        )
    return raw


def env_choice(name: str, *, choices: tuple[str, ...], default: str) -> str:
    """One of a few documented words, in any case."""
    raw = _raw(name)
    if raw is None:
        return default
    if raw.lower() not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return raw.lower()


def env_redis_url(name: str) -> str | None:
    """A Redis address with its database number, like redis://redis:6379/1; unset is None."""
    raw = _raw(name)
    if raw is None:
        return None
    if not REDIS_DB_URL.match(raw):
        raise ImproperlyConfigured(
            f"{name} must be like redis://host:6379/1 (with a database number), not {raw!r}."
        )
    return raw


def redis_database(url: str) -> tuple[str, int]:
    """(host:port, database number) of a redis:// address: what makes two addresses one store."""
    rest = url.split("://", 1)[1].rsplit("@", 1)[-1]
    location, _slash, number = rest.partition("/")
    number = number.split("?", 1)[0]
    host, _colon, port = location.partition(":")
    return f"{host}:{port or 6379}", int(number or 0)
