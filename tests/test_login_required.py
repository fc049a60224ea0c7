"""Every URL needs a login unless it is on the explicit public list (settings.PUBLIC_URL_NAMES).

The walk covers every pattern of the URL resolver: pages redirect an anonymous visitor to the
login page; API endpoints (token or session authentication) answer 401 with ninja's
authentication error to every method they have (405 to the others); only the public list
answers anything else. A 404 does not count as protected: an endpoint that forgot its
authentication answers 404 too when the sample id names nothing in the empty test database.
"""

import re

import pytest
from django.conf import settings
from django.http import Http404
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, path
from ninja import NinjaAPI
from ninja.openapi.views import default_home

from nonprolif.api.auth import api_auth

API_PREFIX = "api/v1/"
API_METHODS = ("get", "post", "patch", "put", "delete")
# What ninja answers a request its authentication refuses.
AUTHENTICATION_ERROR = {"detail": "Unauthorized"}
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
        if getattr(callback, "func", None) is default_home:
            # ninja's marker of the API's root (it finds its prefix by it): always 404, no data.
            assert client.get(path).status_code == 404
            return
        check_api_endpoint(client, path)
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


def check_api_endpoint(client, path: str) -> None:
    """Every method of the endpoint at ``path`` refuses an anonymous request: 401 with ninja's
    authentication error, or 405 for a method the endpoint does not have; at least one 401."""
    answers = {}
    for method in API_METHODS:
        response = getattr(client, method)(path)
        answers[method] = response.status_code
        assert response.status_code in (401, 405), (method, path, response.status_code)
        if response.status_code == 401:
            assert response.json() == AUTHENTICATION_ERROR, (method, path)
    assert 401 in answers.values(), (path, answers)


# A stand-in API for the test of the walk itself: one endpoint that forgot authentication and
# answers 404 on an empty database, one that authenticates and answers 404 too.
unguarded_api = NinjaAPI(urls_namespace="unguarded", auth=api_auth)


@unguarded_api.get("/forgotten/{code}", auth=None)
def forgotten(request, code: str):
    raise Http404


@unguarded_api.get("/guarded/{code}")
def guarded(request, code: str):
    raise Http404


patterns, app_name, namespace = unguarded_api.urls
for pattern in patterns:
    pattern.callback.login_required = False  # as nonprolif.urls marks the real API's
urlpatterns = [path(API_PREFIX, (patterns, app_name, namespace))]


@pytest.mark.urls(__name__)
def test_walk_does_not_count_a_404_as_protected(client, db):
    check_api_endpoint(client, "/api/v1/guarded/x")
    with pytest.raises(AssertionError):
        check_api_endpoint(client, "/api/v1/forgotten/x")
