"""Guest speakers and their invitations.

Public (no login, on settings.PUBLIC_URL_NAMES): ``speaker_invitation`` and
``speaker_invitation_photo``, behind the speaker's revocable, expiring secret link.
"""

from django.urls import path

from nonprolif.events.speakers import views

urlpatterns = [
    # Speakers
    path("conferences/<int:pk>/speakers/", views.speaker_list, name="speaker_list"),
    path(
        "conferences/<int:pk>/speakers/propose/",
        views.speaker_propose,
        name="speaker_propose",
    ),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker_detail"),
    path("speakers/<int:pk>/decide/", views.speaker_decide, name="speaker_decide"),
    path("speakers/<int:pk>/invite/", views.speaker_invite, name="speaker_invite"),
    path("speakers/<int:pk>/photo/", views.speaker_photo, name="speaker_photo"),
    path(
        "speaker-invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="speaker_invitation_revoke",
    ),
    # The speaker's own page (public: the secret link is the key)
    path("speaker-invitation/<str:token>/", views.speaker_invitation, name="speaker_invitation"),
    path(
        "speaker-invitation/<str:token>/photo/",
        views.speaker_invitation_photo,
        name="speaker_invitation_photo",
    ),
]
