from django.urls import path

from nonprolif.program.views import items, programs, proposals, review

urlpatterns = [
    path("", programs.home, name="home"),
    path("programs/new/", programs.program_create, name="program_create"),
    path("programs/<str:code>/", programs.program_detail, name="program_detail"),
    path("programs/<str:code>/edit/", programs.program_edit, name="program_edit"),
    path("programs/<str:code>/proposals/new/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/items/new/", items.item_create, name="item_create"),
    path("proposals/<int:pk>/accept-all/", review.proposal_accept_all, name="proposal_accept_all"),
    path("proposals/<int:pk>/close/", review.proposal_close, name="proposal_close"),
    path("proposals/<int:pk>/reopen/", review.proposal_reopen, name="proposal_reopen"),
    path("proposals/<int:pk>/revise/", review.proposal_revise, name="proposal_revise"),
    path("proposals/<int:pk>/changes/", review.proposal_changes_view, name="proposal_changes"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/decide/", review.item_decide, name="item_decide"),
]
