"""Who may issue, revoke and download certificates (asked by the certificate services, views
and API).

The predicates assume the object is one the user can see (fetched through the
``get_<thing>_for`` helpers first); they decide only whether the user may act on it.

- The coordinator issues a session's certificates and revokes a certificate.
- A certificate's PDF is downloaded by the coordinator, the auditor, a liaison of the
  official's agency and the official himself (his own login).
- Anyone holding a code may verify it (no permission: the public verification).
"""

import rules

from nonprolif.core.rules import is_auditor, is_coordinator, is_liaison


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


rules.add_perm("training.issue_certificates", is_coordinator)  # object: the session
rules.add_perm("training.revoke_certificate", is_coordinator)  # object: the certificate
rules.add_perm(
    "training.download_certificate",
    is_coordinator
    | is_auditor
    | (is_liaison & is_certificate_agency_liaison)
    | is_certified_official,
)  # object: the certificate
