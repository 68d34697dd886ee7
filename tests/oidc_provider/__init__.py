"""A real OpenID Connect provider for the tests: django-oauth-toolkit in a process of its own.

`serve.py` starts it (the fixture in tests/integrations/conftest.py does, on a free port);
`people.py` lists who can log in there and how the provider treats each of them.
"""
