"""The strict readers of environment settings: documented values only."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_rate, env_redis_url, redis_database


@pytest.mark.parametrize("word", ["1", "true", "TRUE", "Yes", "on", " On "])
def test_a_yes_word_in_any_case_is_true(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    assert env_bool("SOME_FLAG", default=False) is True


@pytest.mark.parametrize("word", ["0", "false", "No", "OFF"])
def test_a_no_word_in_any_case_is_false(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    assert env_bool("SOME_FLAG", default=True) is False


@pytest.mark.parametrize("word", ["Tru", "2", "y", "enabled", "-1"])
def test_any_other_word_stops_the_start_naming_the_variable(monkeypatch, word):
    monkeypatch.setenv("SOME_FLAG", word)
    with pytest.raises(ImproperlyConfigured, match=rf"^SOME_FLAG must be one of .*not '{word}'\.$"):
        env_bool("SOME_FLAG", default=True)


def test_an_unset_or_empty_variable_means_the_default(monkeypatch):
    monkeypatch.delenv("SOME_FLAG", raising=False)
    assert env_bool("SOME_FLAG", default=True) is True
    monkeypatch.setenv("SOME_FLAG", "")
    assert env_int("SOME_FLAG", default=7) == 7


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "+5", "1_000", "ten", "5s"])
def test_a_number_must_be_a_whole_positive_number(monkeypatch, value):
    monkeypatch.setenv("SOME_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match=r"^SOME_NUMBER must be a whole number"):
        env_int("SOME_NUMBER", default=1)


def test_zero_is_accepted_where_it_is_documented(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "0")
    assert env_int("SOME_NUMBER", default=60, minimum=0) == 0
    monkeypatch.setenv("SOME_NUMBER", "300")
    assert env_int("SOME_NUMBER", default=60) == 300


@pytest.mark.parametrize("value", ["60", "60/minuut", "0/minute", "1/min", "1/ minute"])
def test_a_rate_must_be_a_positive_number_per_second_minute_hour_or_day(monkeypatch, value):
    monkeypatch.setenv("SOME_RATE", value)
    with pytest.raises(ImproperlyConfigured, match=r"^SOME_RATE must be like 60/minute"):
        env_rate("SOME_RATE", default="1/day")


def test_a_documented_rate_is_kept(monkeypatch):
    monkeypatch.setenv("SOME_RATE", "1000/hour")
    assert env_rate("SOME_RATE", default="1/day") == "1000/hour"


@pytest.mark.parametrize(
    "value", ["redis://redis:6379", "redis://redis:6379/one", "http://redis/1", "redis:/x/1"]
)
def test_a_redis_address_needs_its_database_number(monkeypatch, value):
    monkeypatch.setenv("SOME_REDIS", value)
    with pytest.raises(ImproperlyConfigured, match=r"^SOME_REDIS must be like redis://host:6379/1"):
        env_redis_url("SOME_REDIS")


def test_two_redis_addresses_are_one_store_when_host_port_and_database_match():
    assert redis_database("redis://redis/0") == redis_database("redis://:pw@redis:6379/0")
    assert redis_database("redis://redis:6379/1") != redis_database("redis://redis:6379/0")


def test_a_choice_is_one_of_its_words_in_any_case(monkeypatch):
    monkeypatch.setenv("SOME_CHOICE", "JSON")
    assert env_choice("SOME_CHOICE", choices=("json", "plain"), default="plain") == "json"
    monkeypatch.setenv("SOME_CHOICE", "xml")
    with pytest.raises(ImproperlyConfigured, match=r"^SOME_CHOICE must be one of json, plain"):
        env_choice("SOME_CHOICE", choices=("json", "plain"), default="plain")
