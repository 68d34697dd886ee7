"""schemathesis against our own OpenAPI schema: no 5xx, answers match the schema, bad input 4xx.

Covers whatever /api/schema/ lists when the test runs, as a participant and as a coach of the
seeded demo pilot (token authentication). Bounded: a few examples per operation and a time budget
per role, so it stays a gate in CI rather than a soak test.
"""

import contextlib
import os
import time
import zlib

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given
from rest_framework.authtoken.models import Token
from schemathesis import DataGenerationMethod, GenerationConfig
from schemathesis.checks import not_a_server_error
from schemathesis.exceptions import SkipTest
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
)

from proeftuin.models import Proeftuin, User

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "8"))
BUDGET_SECONDS = float(os.environ.get("API_FUZZ_SECONDS", "90"))
POSITIVE_CHECKS = (
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    response_headers_conformance,
)
NEGATIVE_CHECKS = (not_a_server_error, negative_data_rejection)


@pytest.fixture
def seeded_demo(db, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return Proeftuin.objects.get(organisation__slug="diversion-demo")


def _schema_as(user) -> dict:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    from tests.login_flow import mark_session_past_second_factor

    mark_session_past_second_factor(client.session, user)
    response = client.get("/api/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200, response.content[:500]
    return response.json()


def _run_operation(operation, method, checks, headers, app, pilot_id, deadline) -> list[str]:
    """Hypothesis cases for one operation; returns the failures in words."""
    failures: list[str] = []

    @given(case=operation.as_strategy(data_generation_method=method))
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    def run(case):
        if time.monotonic() > deadline:
            return
        # The form and multipart variants of a body are the same serializer as the JSON one.
        if case.media_type and case.media_type != "application/json":
            return
        # Half the cases aim at the demo pilot, so access rules and real rows are exercised too.
        aims_at_demo = zlib.crc32(repr(case.path_parameters).encode()) % 2
        if "pilot" in (case.path_parameters or {}) and method.is_positive and aims_at_demo:
            case.path_parameters["pilot"] = pilot_id
        # A negative GET of an operation without path parameters (/me/...) can only vary the
        # query, and unknown query keys are ignored by design, as everywhere in this API; yet
        # schemathesis 3 reports `GET /me/notifications/?x=1` -> 200 as "accepted negative data"
        # (its exemption for unknown keys does not hold when there is no path to negate). Bad
        # values of the known keys are tested in tests/notifications/test_api.py.
        if not method.is_positive and not case.operation.path_parameters and case.method == "GET":
            return
        response = case.call_wsgi(app=app, headers=headers)
        try:
            case.validate_response(response, checks=checks)
        except Exception as exc:  # a CheckFailed group: keep the first few, readable
            if len(failures) < 5:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{str(exc).strip()[:600]}\n    reproduce: {case.as_curl_command()}"
                )

    run()
    return failures


@pytest.mark.parametrize("email", ["participant1@demo.example", "coach@demo.example"])
def test_the_api_holds_up_under_generated_requests(seeded_demo, email):
    user = User.objects.get(email=email)
    token, _created = Token.objects.get_or_create(user=user)
    headers = {"Authorization": f"Token {token.key}"}
    app = get_wsgi_application()
    schema = schemathesis.from_dict(
        _schema_as(user),
        app=app,
        # Our token goes in every request; generated Authorization headers would replace it.
        generation_config=GenerationConfig(with_security_parameters=False),
    )
    deadline = time.monotonic() + BUDGET_SECONDS
    # Like Django's test client: keep the test's database connection open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        failures, operations = _fuzz(schema, headers, app, seeded_demo.pk, deadline)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert not failures, f"{len(failures)} problems in {operations} operations:\n" + "\n\n".join(
        failures
    )


def _fuzz(schema, headers, app, pilot_id, deadline) -> tuple[list[str], int]:
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for method, checks in (
            (DataGenerationMethod.positive, POSITIVE_CHECKS),
            (DataGenerationMethod.negative, NEGATIVE_CHECKS),
        ):
            # SkipTest: e.g. no invalid input can be made for an operation without parameters.
            with contextlib.suppress(SkipTest):
                failures += _run_operation(
                    operation, method, checks, headers, app, pilot_id, deadline
                )
    return failures, operations


def test_the_api_refuses_requests_without_credentials(seeded_demo):
    response = Client().get("/api/schema/")
    assert response.status_code in (401, 403)
