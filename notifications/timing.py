"""Local wall-clock moments (Europe/Amsterdam) turned into aware datetimes, DST-safe."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import CharField, DateField, DateTimeField, Func


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def at_local(day: date, clock: time) -> datetime:
    """`clock` o'clock on `day` in Amsterdam, with that day's offset (CET or CEST).

    This is why rules are computed in code: a crontab entry in UTC is an hour off on one side
    of every DST change, and a local crontab skips or doubles runs on the change nights.
    """
    return datetime.combine(day, clock, tzinfo=local_zone())


def local_date(moment: datetime) -> date:
    return moment.astimezone(local_zone()).date()


def utc_stamp(moment: datetime) -> str:
    """A compact UTC form for ledger periods: 20261124T1100Z."""
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%MZ")


def utc_micro_stamp(moment: datetime) -> str:
    """A UTC form to the microsecond, for periods named after a moment: 20261124T105959123456."""
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%S%f")


# Each expression also has its SQLite form: `make run` plans reminders on SQLite, where Django
# stores a date as 'YYYY-MM-DD' and a moment in UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]'.


class DaysAfter(Func):
    """`day + days` in SQL, with `days` a column (a pilot's setting): a date."""

    arg_joiner = " + "
    template = "(%(expressions)s)"
    output_field = DateField()
    sqlite_sign = "+"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=f", '{self.sqlite_sign}' || ",
            **extra_context,
        )


class DaysBefore(DaysAfter):
    arg_joiner = " - "
    sqlite_sign = "-"


class MomentDaysBefore(Func):
    """`moment - days` in SQL, with `days` a column (a pilot's setting): a moment."""

    template = "(%(expressions)s * interval '1 day')"
    arg_joiner = " - "
    output_field = DateTimeField()

    def as_sqlite(self, compiler, connection, **extra_context):
        moment, moment_params = compiler.compile(self.source_expressions[0])
        days, days_params = compiler.compile(self.source_expressions[1])
        return (
            f"datetime({moment}, '-' || {days} || ' days')",
            (*moment_params, *days_params),
        )


class UtcStamp(Func):
    """`utc_stamp` in SQL, for comparing a planned row with the ledger's period in the query."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MI\"Z\"')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # %% is a literal % in Django's SQL.
        return f"strftime('%%Y%%m%%dT%%H%%MZ', {sql})", params


class UtcMicroStamp(Func):
    """`utc_micro_stamp` in SQL."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISSUS')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # The six digits after the seconds, or 000000 where the moment has none.
        return (
            f"(strftime('%%Y%%m%%dT%%H%%M%%S', {sql}) || substr({sql} || '.000000', 21, 6))",
            (*params, *params),
        )
