import pytest


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("auditor", True),
        ("liaison_a", False),
        ("liaison_b", False),
        ("partner", False),
        ("administrator", False),
        ("outsider", False),
    ],
)
def test_who_sees_the_whole_program_generates_its_report(request, program, who, allowed):
    user = request.getfixturevalue(who)
    assert user.has_perm("reports.view_program_report", program) is allowed
