"""Every URL needs a login unless it is on the explicit public list (settings.PUBLIC_URL_NAMES).

The walk covers every pattern of the URL resolver: pages redirect an anonymous visitor to the
login page; API endpoints (token or session authentication) answer 401; only the public list
answers anything else.
"""

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

API_PREFIX = "api/v1/"
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.callback


def sample_path(route: str) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)  # admin's regex routes
    return "/" + route.replace("\\", "")


ROUTES = sorted(
    {(route, name, callback) for route, name, callback in walk(get_resolver().url_patterns)},
    key=lambda r: r[0],
)


def is_public(name) -> bool:
    return name in settings.PUBLIC_URL_NAMES


def test_public_list_names_existing_urls():
    names = {name for _, name, _ in ROUTES}
    assert set(settings.PUBLIC_URL_NAMES) <= names


@pytest.mark.parametrize(("route", "name", "callback"), ROUTES, ids=[r[0] or "/" for r in ROUTES])
def test_url_requires_login_unless_public(route, name, callback, client, db):
    if is_public(name):
        pytest.skip("on the public list")
    exempt = getattr(callback, "login_required", True) is False
    path = sample_path(route)
    if route.startswith(API_PREFIX):
        assert exempt, "API views authenticate themselves"
        for method in ("get", "post", "patch", "put", "delete"):
            response = getattr(client, method)(path)
            assert response.status_code in (401, 404, 405), (method, path, response.status_code)
            assert response.status_code != 200
        return
    if route.startswith("admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"] or "/login/" in response["Location"]
        return
    assert not exempt, f"{path} ({name}) is exempt from login but not on the public list"
    response = client.get(path)
    assert response.status_code == 302, path
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
