"""The Content-Security-Policy in a real browser: every page loads without a violation
(no inline script or style beyond the one GOV.UK script the policy names by its hash), and
GOV.UK Frontend's JavaScript still runs."""

from __future__ import annotations

import pytest

from tests.test_web_browser import browser, pytestmark, site  # noqa: F401  (fixtures)

PAGES = ["/", "/areas/barnet", "/documents", "/document", "/search?q=autism", "/methodology"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_a_policy_violation(browser, site, path: str) -> None:  # noqa: F811
    base, document_id = site
    context = browser.new_context()
    try:
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(f"{base}/documents/{document_id}" if path == "/document" else base + path)
        page.wait_for_load_state("networkidle")
        violations = [m for m in messages if "Content Security Policy" in m]
        assert violations == []
        classes = page.evaluate("document.body.className")
        assert "govuk-frontend-supported" in classes  # the hashed inline script ran
    finally:
        context.close()
