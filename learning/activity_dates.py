"""The day of each participant's latest activity, kept on their membership.

One home for that write: every save and delete of a LearningActivity (a logged activity, one
made by marking attendance, an xAPI statement, an erasure) reaches `refresh` through the
signals connected in `LearningConfig.ready`, so no writer can forget it. It recomputes from the
activities themselves, so an edited date or a deleted activity leaves the right day behind.
The gone-quiet reminder reads this column instead of aggregating every activity of the
instance on each sweep.
"""

from collections.abc import Iterable

from django.db.models import Max, OuterRef, Subquery

from proeftuin.models import Membership

from .models import LearningActivity


def refresh(membership_ids: Iterable[int]) -> None:
    """Set `latest_activity_on` of these memberships from their activities: one UPDATE."""
    ids = {pk for pk in membership_ids if pk is not None}
    if not ids:
        return
    latest = (
        LearningActivity.objects.filter(membership_id=OuterRef("pk"))
        .order_by()
        .values("membership_id")
        .annotate(latest=Max("on"))
        .values("latest")
    )
    Membership.objects.filter(pk__in=ids).update(latest_activity_on=Subquery(latest))


def _saved(sender, instance: LearningActivity, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not {"on", "membership"} & set(update_fields):
        return  # a change that cannot move the day (a linked session, say)
    refresh([instance.membership_id])


def _deleted(sender, instance: LearningActivity, **kwargs) -> None:
    refresh([instance.membership_id])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_saved, sender=LearningActivity, dispatch_uid="activity_dates_saved")
    post_delete.connect(_deleted, sender=LearningActivity, dispatch_uid="activity_dates_deleted")
