"""Guest speakers, their invitations, registrations, badges and check-in.

Public (no login, on settings.PUBLIC_URL_NAMES): ``speaker_invitation`` and
``speaker_invitation_photo``, behind the speaker's revocable, expiring secret link.
"""

from django.urls import path

from nonprolif.events.views import registrations, speakers

urlpatterns = [
    # Speakers
    path("conferences/<int:pk>/speakers/", speakers.speaker_list, name="speaker_list"),
    path(
        "conferences/<int:pk>/speakers/propose/",
        speakers.speaker_propose,
        name="speaker_propose",
    ),
    path("speakers/<int:pk>/", speakers.speaker_detail, name="speaker_detail"),
    path("speakers/<int:pk>/decide/", speakers.speaker_decide, name="speaker_decide"),
    path("speakers/<int:pk>/invite/", speakers.speaker_invite, name="speaker_invite"),
    path("speakers/<int:pk>/photo/", speakers.speaker_photo, name="speaker_photo"),
    path(
        "speaker-invitations/<int:pk>/revoke/",
        speakers.invitation_revoke,
        name="speaker_invitation_revoke",
    ),
    # The speaker's own page (public: the secret link is the key)
    path("speaker-invitation/<str:token>/", speakers.speaker_invitation, name="speaker_invitation"),
    path(
        "speaker-invitation/<str:token>/photo/",
        speakers.speaker_invitation_photo,
        name="speaker_invitation_photo",
    ),
    # Registrations
    path(
        "conferences/<int:pk>/registrations/",
        registrations.registration_list,
        name="registration_list",
    ),
    path(
        "conferences/<int:pk>/registrations/new/",
        registrations.registration_create,
        name="registration_create",
    ),
    path(
        "conferences/<int:pk>/registrations/quotas/",
        registrations.registration_quota,
        name="registration_quota",
    ),
    path(
        "conferences/<int:pk>/badges.pdf",
        registrations.conference_badges,
        name="conference_badges",
    ),
    path("conferences/<int:pk>/check-in/", registrations.checkin_door, name="checkin_door"),
    path(
        "conferences/<int:pk>/check-in/list/",
        registrations.checkin_print,
        name="checkin_print",
    ),
    path("registrations/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path(
        "registrations/<int:pk>/decide/",
        registrations.registration_decide,
        name="registration_decide",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<int:pk>/check-in/",
        registrations.registration_check_in,
        name="registration_check_in",
    ),
    path(
        "registrations/<int:pk>/badge.pdf",
        registrations.registration_badge,
        name="registration_badge",
    ),
]
