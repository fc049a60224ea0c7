"""Who may act on attendance and certificates (imported by the attendance and certificate
services, views and API, which ask these predicates).

The predicates assume the object is one the user can see (fetched through the
``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- Attendance of a session is recorded by the national coordinator or by a user of a partner
  agency of the session's program (the partner trains the session).
- The coordinator issues a session's certificates and revokes a certificate.
- A certificate's PDF is downloaded by the coordinator, the auditor, a liaison of the
  official's agency and the official himself (his own login).
- The progress dashboard of a program is read by whoever sees the program; the counts come
  from the rows each user may see.
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator, is_liaison, is_partner


@rules.predicate
def is_partner_of_session_program(user, session) -> bool:
    """The user's agency is a partner agency of the session's program."""
    if session is None or not user.agency_id:
        return False
    return session.program.partner_agencies.filter(pk=user.agency_id).exists()


@rules.predicate
def is_certificate_agency_liaison(user, certificate) -> bool:
    return (
        certificate is not None
        and bool(user.agency_id)
        and certificate.official.agency_id == user.agency_id
    )


@rules.predicate
def is_certified_official(user, certificate) -> bool:
    return certificate is not None and certificate.official.user_id == user.pk


can_record_attendance = is_coordinator | (is_partner & is_partner_of_session_program)

rules.add_perm("training.record_attendance", can_record_attendance)  # object: the session
rules.add_perm("training.issue_certificates", is_coordinator)  # object: the session
rules.add_perm("training.revoke_certificate", is_coordinator)  # object: the certificate
rules.add_perm(
    "training.download_certificate",
    is_coordinator
    | is_auditor
    | (is_liaison & is_certificate_agency_liaison)
    | is_certified_official,
)  # object: the certificate
