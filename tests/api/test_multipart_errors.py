"""A multipart body Django cannot parse (here: no boundary) is a 422 on ``body`` in the API's
shape, never Django's HTML 400 page, and nothing is written."""

import pytest
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from nonprolif.outreach.models import AwarenessMaterial

pytestmark = pytest.mark.django_db

BROKEN = b"--b0undary\r\n[{'not': 'a part'}]--b0undary--\r\n"


def test_a_multipart_body_without_part_headers_is_a_422(coordinator):
    _token, secret = issue_token(user=coordinator, name="test")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = client.post(
        "/api/v1/outreach/materials",
        data=BROKEN,
        content_type="multipart/form-data",  # no boundary: Django cannot split the parts
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"
    assert not AwarenessMaterial.objects.exists()
