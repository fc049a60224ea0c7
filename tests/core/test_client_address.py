"""The client address of a request (lockouts per address): REMOTE_ADDR, or behind trusted
proxies the X-Forwarded-For entry the outermost proxy wrote, never one the client wrote."""

from django.test import Client, RequestFactory

from nonprolif.core.web.client import client_address
from tests.factories import PASSWORD


def request(remote="10.9.9.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_address_is_remote_addr_whatever_the_header_says():
    assert client_address(request(forwarded="1.2.3.4")) == "10.9.9.9"


def test_behind_one_proxy_the_address_is_the_entry_it_appended(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    assert client_address(request(forwarded="203.0.113.5")) == "203.0.113.5"
    # the client's own header is to the left of what the proxy appended
    assert client_address(request(forwarded="1.2.3.4, 203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_outer_ones_entry(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 2
    assert client_address(request(forwarded="1.2.3.4, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"


def test_a_garbled_header_falls_back_to_remote_addr(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    assert client_address(request(forwarded="not-an-address")) == "10.9.9.9"
    assert client_address(request(forwarded="")) == "10.9.9.9"


def test_lockouts_behind_a_proxy_count_the_clients_address(settings, liaison_a):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit):
        Client().post(
            "/login/",
            {"username": f"guess{n}", "password": "bad"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"9.9.9.{n}, 203.0.113.7",
        )
    # the same proxy, another client: not locked out
    other = Client().post(
        "/login/",
        {"username": "liaison_a", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other.status_code == 302
    locked = Client().post(
        "/login/",
        {"username": "liaison_a", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
