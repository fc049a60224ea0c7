"""Fixtures of the clearance tests: an administrator who may use the admin."""

import pytest


@pytest.fixture
def staff_administrator(administrator):
    administrator.is_staff = True
    administrator.save(update_fields=["is_staff"])
    return administrator
