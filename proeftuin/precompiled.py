"""Queries compiled once per process: the few small ones that every signed-in page runs.

Building and compiling a query costs Django several times what PostgreSQL takes to run a small
one: the menu's roles took 0.57 ms of CPU through the ORM and 0.08 ms as the same SQL on the
cursor (large benchmark set). A query whose SQL is the same for every request, and in which
only a few ids and moments differ, is therefore compiled once with stand-ins for those, and
each run puts the real values in their place. The query is still written once, in the ORM,
and its rows go through the query's own converters, so they are what the queryset returns.

Only for queries whose shape does not depend on the values: ids and keys compared with `=`,
moments compared with `<` or `>`. A list (`__in`), a None, a value the builder computes from a
stand-in (`now - timedelta(...)`) or a branch in the builder on a value would be compiled for
the stand-in alone; the stand-ins are odd values, so a test of the query with real ones
(tests/proeftuin/test_precompiled.py) shows such a mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# A moment no row has, for a query's "now" (in range for every database).
STAND_IN_MOMENT = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


@dataclass(frozen=True)
class _Compiled:
    alias: str
    sql: str
    params: tuple
    slots: dict[str, tuple[int, ...]]  # stand-in name: its places among the parameters
    read: Callable[[list], list]  # the fetched rows as the queryset returns them


class Precompiled:
    """`build(**stand_ins)` compiled once per process, for the database of its first run (this
    project has one); `rows(**values)` runs it.

    Stand-ins are integers, texts or aware datetimes that no real row can have (negative ids
    within the range of a 32-bit id, which Django would otherwise compile as "no rows"; a moment
    in 1901), each a parameter of the compiled SQL at least once.
    """

    def __init__(self, build: Callable[..., QuerySet], **stand_ins: int | str | datetime):
        self.build = build
        self.stand_ins = stand_ins
        self._compiled: _Compiled | None = None

    def _compile(self) -> _Compiled:
        rows = self.build(**self.stand_ins)
        connection = connections[rows.db]
        compiler = rows.query.get_compiler(using=rows.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            raise ValueError(
                "the query finds nothing for its stand-ins, whatever the values: is a stand-in "
                "outside its field's range?"
            ) from None
        slots = {}
        for name, stand_in in self.stand_ins.items():
            adapted = _adapt(connection, stand_in)
            slots[name] = tuple(i for i, param in enumerate(params) if param == adapted)
            if not slots[name]:
                raise ValueError(f"the stand-in {name!r} is not a parameter of the query")
        return _Compiled(rows.db, sql, tuple(params), slots, row_reader(rows, compiler))

    def rows(self, **values: int | str | datetime) -> list:
        if values.keys() != self.stand_ins.keys():
            raise TypeError(f"Precompiled needs exactly {sorted(self.stand_ins)}")
        if any(_beyond_64_bits(value) for value in values.values()):
            return []  # as the ORM: no row has such an id (SQLite would raise OverflowError)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._compile()
        connection = connections[compiled.alias]
        params = list(compiled.params)
        for name, places in compiled.slots.items():
            adapted = _adapt(connection, values[name])
            for place in places:
                params[place] = adapted
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled.read(cursor.fetchall())


def row_reader(rows: QuerySet, compiler) -> Callable[[list], list]:
    """What turns the rows fetched for `rows`' SQL (compiled by `compiler`) into what the
    queryset itself returns: models, `values()` dicts or `values_list()` tuples, through the
    query's converters. For SQL run by hand around a queryset's (also
    notifications.services.first_rows)."""
    kind = rows._iterable_class
    if kind not in (ModelIterable, ValuesIterable, ValuesListIterable):
        raise TypeError("a query of models, values() or values_list() only")
    if rows._known_related_objects or rows._prefetch_related_lookups:
        raise TypeError("the query's own rows only: no related manager, no prefetch")
    # As Django's execute_sql: the columns an ORDER BY adds (DISTINCT) are not the query's.
    width = compiler.col_count if compiler.has_extra_select else None
    names = instances = None
    if kind is ValuesIterable:
        query = rows.query
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
    elif kind is ModelIterable:
        instances = _instances(compiler, rows.db)

    def read(fetched: list) -> list:
        if width is not None:
            fetched = [row[:width] for row in fetched]
        found = compiler.results_iter(results=[fetched], tuple_expected=True)
        if names is not None:
            return [dict(zip(names, row, strict=True)) for row in found]
        if instances is not None:
            return instances(list(found))
        return list(found)

    return read


def _instances(compiler, db: str) -> Callable[[list], list]:
    """Django's ModelIterable for rows already read: the model, what select_related() joined,
    the annotations."""
    klass_info = compiler.klass_info
    model = klass_info["model"]
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    fields = [column[0].target.attname for column in compiler.select[first:last]]
    annotations = dict(compiler.annotation_col_map)

    def instances(rows: list) -> list:
        made = []
        # Per run, as Django makes them for every queryset it reads.
        populators = get_related_populators(klass_info, compiler.select, db)
        for row in rows:
            obj = model.from_db(db, fields, row[first:last])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            made.append(obj)
        return made

    return instances


def _beyond_64_bits(value) -> bool:
    return isinstance(value, int) and not -(2**63) <= value < 2**63


def _adapt(connection, value: int | str | datetime):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise TypeError(f"a stand-in is an integer, a text or a moment, not {type(value).__name__}")
