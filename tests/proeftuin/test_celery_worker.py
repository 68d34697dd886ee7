import pytest

from proeftuin.tasks import worker_status


@pytest.mark.worker
def test_a_task_round_trips_through_a_real_worker_and_redis(celery_worker_process):
    result = worker_status.delay()
    assert result.get(timeout=60) == {"database": "ok", "broker": "ok"}


def test_celery_is_configured_never_to_lose_a_task_when_a_worker_dies():
    from config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.task_serializer == "json"
    assert app.conf.task_time_limit
