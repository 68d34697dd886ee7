import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_travels_gzip_compressed_to_a_browser_that_accepts_it(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<form" in html


def test_two_answers_of_one_page_differ_in_their_compressed_bytes(client_for, pilot):
    # Django pads each gzip answer with random bytes (its BREACH mitigation): the compressed
    # length of a page says nothing about a secret on it.
    client = client_for(pilot.participant)
    url = "/api/schema/"  # the same bytes every time: no CSRF token in it
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip").content
    second = client.get(url, HTTP_ACCEPT_ENCODING="gzip").content
    assert gzip.decompress(first) == gzip.decompress(second)
    assert first != second


def test_a_client_that_does_not_accept_gzip_gets_plain_html(client):
    response = client.get(reverse("login"))
    assert not response.has_header("Content-Encoding")
    assert b"<form" in response.content
