"""The client's address of a request, behind as many trusted proxies as the deployment says."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or, behind CLIENT_ADDRESS_PROXY_COUNT proxies that each append the address
    they received from to X-Forwarded-For, the entry the outermost of them wrote (entries to
    its left come from the client and prove nothing). None when no valid address is found."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.CLIENT_ADDRESS_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    if remote is None:
        return None
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return None
