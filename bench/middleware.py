"""Benchmark-only middleware: SQL queries and time of a request, in response headers.

Enabled only when BENCH_COUNT_QUERIES=1 (config/settings.py adds it first in MIDDLEWARE, so
the session and authentication queries count too). X-Query-Count: the number of statements;
X-DB-ms: wall time spent waiting for them; X-CPU-ms: CPU time of the worker thread for the
whole request. CPU time hardly changes when other processes compete for the cores, so it
compares data sets more fairly than latency on a busy machine. The cost is one function call
per query.
"""

import time

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count, db_seconds = 0, 0.0

        def counting(execute, sql, params, many, context):
            nonlocal count, db_seconds
            count += 1
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                db_seconds += time.perf_counter() - started

        cpu_started = time.thread_time()
        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        response["X-DB-ms"] = f"{1000 * db_seconds:.1f}"
        response["X-CPU-ms"] = f"{1000 * (time.thread_time() - cpu_started):.1f}"
        return response
