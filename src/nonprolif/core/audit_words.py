"""The audit trail in words, in the reader's language: "Mariana Robles approved the
nomination SEDENA · T-01 of …". One sentence per action where one was written (ACTIONS), a
sentence per kind of action otherwise (by its last word: create, update, view, list, …),
and a generic one for the rest."""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nonprolif.core.models import AuditEntry

# %(actor)s: who; %(object)s: the object (its name then); %(type)s: its kind.
ACTIONS: dict[str, Promise] = {
    "official.view": _("%(actor)s viewed the official %(object)s"),
    "official.create": _("%(actor)s created the official %(object)s"),
    "official.update": _("%(actor)s changed the official %(object)s"),
    "agency.update": _("%(actor)s changed the agency %(object)s"),
    "nomination.submit": _("%(actor)s nominated %(object)s"),
    "nomination.withdraw": _("%(actor)s withdrew the nomination %(object)s"),
    "nomination.substitute": _("%(actor)s substituted the nominee of %(object)s"),
    "nomination.view": _("%(actor)s viewed the nomination %(object)s"),
    "nomination.import": _("%(actor)s imported nominations for %(object)s"),
    "certificate.issue": _("%(actor)s issued the certificate %(object)s"),
    "certificate.revoke": _("%(actor)s revoked the certificate %(object)s"),
    "certificate.download": _("%(actor)s downloaded the certificate %(object)s"),
    "certificate.issue_session": _("%(actor)s issued the certificates of the session %(object)s"),
    "transcript.view": _("%(actor)s viewed the transcript of %(object)s"),
    "calendar.export": _("%(actor)s exported the calendar of %(object)s"),
    "calendar.regenerate": _("%(actor)s regenerated the calendar of %(object)s"),
    "agenda.export": _("%(actor)s exported the agenda of %(object)s"),
    "registration.badge": _("%(actor)s printed the badge of %(object)s"),
    "registration.badges": _("%(actor)s printed the badges of %(object)s"),
    "program.report": _("%(actor)s issued a status report on %(object)s"),
    "token.issue": _("%(actor)s issued the API token %(object)s"),
    "token.revoke": _("%(actor)s revoked the API token %(object)s"),
    "user.roles": _("%(actor)s changed the roles of %(object)s"),
    "user.create": _("%(actor)s created the login %(object)s"),
    "user.deactivate": _("%(actor)s deactivated the login %(object)s"),
    "grant.request": _("%(actor)s asked for a role grant for %(object)s"),
    "grant.approve": _("%(actor)s approved a role grant for %(object)s"),
    "login.lockout": _("%(actor)s was locked out"),
    "login.unlock": _("%(actor)s unlocked %(object)s"),
    "otp.enrol": _("%(actor)s enrolled a second factor"),
    "password.change": _("%(actor)s changed their password"),
    "audit.list": _("%(actor)s read the audit log"),
    "nomination.export": _("%(actor)s exported the nominations of %(object)s"),
    "nomination.template": _("%(actor)s downloaded the nominations template of %(object)s"),
    "attendance.export": _("%(actor)s exported the attendance of %(object)s"),
    "certificate.export": _("%(actor)s exported the certificates of %(object)s"),
    "registration.export": _("%(actor)s exported the registrations of %(object)s"),
    "action_item.export": _("%(actor)s exported the action items of %(object)s"),
}

DECISIONS: dict[str, Promise] = {
    "approved": _("%(actor)s approved the %(type)s %(object)s"),
    "declined": _("%(actor)s declined the %(type)s %(object)s"),
    "accepted": _("%(actor)s accepted the %(type)s %(object)s"),
    "rejected": _("%(actor)s rejected the %(type)s %(object)s"),
}

KINDS: dict[str, Promise] = {
    "create": _("%(actor)s created the %(type)s %(object)s"),
    "update": _("%(actor)s changed the %(type)s %(object)s"),
    "delete": _("%(actor)s deleted the %(type)s %(object)s"),
    "view": _("%(actor)s viewed the %(type)s %(object)s"),
    "export": _("%(actor)s exported the %(type)s %(object)s"),
    "revoke": _("%(actor)s revoked the %(type)s %(object)s"),
    "decide": _("%(actor)s decided on the %(type)s %(object)s"),
}

READ = _("%(actor)s opened %(url)s")
REFUSED = _("%(actor)s was refused %(method)s %(url)s")
GENERIC = _("%(actor)s: %(action)s, %(type)s %(object)s")
NOBODY = _("the system")


def type_name(object_type: str, count: int = 1) -> str:
    """The model's verbose name (plural unless ``count`` is 1) for "app.model", in the active
    language (else the label as is)."""
    if not object_type:
        return ""
    try:
        meta = apps.get_model(object_type)._meta
    except (LookupError, ValueError):
        return object_type
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


def actor_name(entry: AuditEntry) -> str:
    if entry.actor is not None and entry.actor.get_full_name():
        return entry.actor.get_full_name()
    return entry.actor_name or str(NOBODY)


def _decision(entry: AuditEntry) -> str:
    status = entry.changes.get("status") or entry.changes.get("decision")
    if isinstance(status, list) and len(status) == 2:
        status = status[1]
    return str(status) if isinstance(status, str) else ""


def describe(entry: AuditEntry) -> str:
    """One sentence saying what the entry records."""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    kind = entry.action.rsplit(".", 1)[-1]
    values = {
        "actor": actor_name(entry),
        "object": entry.object_repr or (f"#{entry.object_id}" if entry.object_id else ""),
        "type": type_name(entry.object_type),
        "action": entry.action,
        "url": str(changes.get("url", "")),
        "method": str(changes.get("method", "")),
    }
    if entry.action == "certificate.download_session":
        count = len(entry.object_ids)
        return ngettext(
            "%(actor)s downloaded %(count)d certificate of a session as one PDF",
            "%(actor)s downloaded %(count)d certificates of a session as one PDF",
            count,
        ) % {**values, "count": count}
    if kind == "list" or (entry.object_ids and not entry.object_id):
        count = len(entry.object_ids)
        return ngettext(
            "%(actor)s listed %(count)d %(type)s",
            "%(actor)s listed %(count)d %(type)s",
            count,
        ) % {**values, "count": count, "type": type_name(entry.object_type, count) or entry.action}
    if entry.action in ACTIONS:
        return str(ACTIONS[entry.action]) % values
    if kind == "decide" and _decision(entry) in DECISIONS:
        return str(DECISIONS[_decision(entry)]) % values
    if entry.action == "read":
        return str(READ) % values
    if entry.action == "write":
        return str(REFUSED) % values
    if kind in KINDS:
        return str(KINDS[kind]) % values
    return str(GENERIC) % values
