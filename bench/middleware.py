"""Benchmark-only middleware: the number of SQL queries of a request, in a response header.

Enabled only when BENCH_COUNT_QUERIES=1 (config/settings.py adds it first in MIDDLEWARE, so
the session and authentication queries count too). The cost is one function call per query.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
