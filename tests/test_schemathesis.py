"""schemathesis against the API's OpenAPI document, in process: no request is a server error.

Each operation of the document gets a bounded number of generated requests (valid and
invalid), so the file runs in well under a minute on either database.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings

from sendwatch.official import import_official
from sendwatch.web.app import create_app
from tests.support.web_documents import store_letter

with warnings.catch_warnings():
    # schemathesis uses Starlette's test client for ASGI apps, which asks for httpx2.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from starlette import testclient  # noqa: F401

EXAMPLES = 40
OPERATIONS = [
    "GET /api/v1/area-names",
    "GET /api/v1/areas",
    "GET /api/v1/areas/{slug}",
    "GET /api/v1/documents",
    "GET /api/v1/documents/{document_id}",
    "GET /api/v1/search",
    "GET /api/v1/national",
    "GET /api/v1/national.csv",
    "GET /api/v1/statistics",
    "GET /api/v1/currency",
    "GET /api/v1/themes",
    "GET /api/v1/themes.csv",
    "GET /api/v1/themes/breakdown",
    "GET /api/v1/themes/breakdown.csv",
    "GET /api/v1/resolution",
    "GET /api/v1/resolution.csv",
    "GET /api/v1/findings",
    "GET /api/v1/areas/{slug}/context",
    "GET /api/v1/context",
    "GET /api/v1/context.csv",
]


@pytest.fixture
def api_schema(store):
    """The API's schema, served in process by the app on the national record and a letter."""
    import_official(store)
    store_letter(store)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(store, check_every=0))


def test_the_schema_lists_every_operation(api_schema) -> None:
    found = sorted(
        f"{op.ok().method.upper()} {op.ok().path}" for op in api_schema.get_all_operations()
    )
    assert found == sorted(OPERATIONS)


#: Operations with parameters also get invalid requests (the others have nothing to break).
CASES = [(label, "positive") for label in OPERATIONS] + [
    (label, "negative")
    for label in OPERATIONS
    if "national" not in label
    and "currency" not in label
    and "area-names" not in label
    and not label.startswith("GET /api/v1/context")
]


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_no_request_is_a_server_error(api_schema, label: str, mode: str) -> None:
    method, path = label.split(" ")
    operation = api_schema[path][method]
    statuses: list[int] = []

    @given(case=operation.as_strategy(GenerationMode(mode)))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case) -> None:
        response = case.call_and_validate(checks=[not_a_server_error])
        statuses.append(response.status_code)

    run()
    assert statuses and max(statuses) < 500
    if mode == "positive" and "{" not in path:
        # Valid requests to an operation without path parameters all succeed.
        assert set(statuses) == {200}
    if mode == "negative":
        # The invalid requests were refused in the API's own words.
        assert any(status in (404, 422) for status in statuses)
