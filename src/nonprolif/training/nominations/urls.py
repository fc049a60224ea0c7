"""Seats, nominations and the assignment."""

from django.urls import path

from nonprolif.training.nominations.views import (
    assignment,
    bulk,
    exports,
    items,
    nominations,
    pickers,
)

urlpatterns = [
    path(
        "programs/<str:code>/nominations/",
        items.nomination_index,
        name="nomination_index",
    ),
    path(
        "programs/<str:code>/nominations/queue/",
        nominations.nomination_queue,
        name="nomination_queue",
    ),
    path(
        "programs/<str:code>/nominations/queue/decide/",
        bulk.nomination_bulk_decide,
        name="nomination_bulk_decide",
    ),
    path(
        "programs/<str:code>/nominations/<uuid:item_key>/",
        items.nomination_item,
        name="nomination_item",
    ),
    path(
        "programs/<str:code>/nominations/<uuid:item_key>/officials/",
        pickers.nominable_search,
        name="nominable_search",
    ),
    path(
        "programs/<str:code>/nominations/export.<str:kind>",
        exports.program_nominations_export,
        name="program_nominations_export",
    ),
    path(
        "programs/<str:code>/nominations/<uuid:item_key>/export.<str:kind>",
        exports.item_nominations_export,
        name="item_nominations_export",
    ),
    path(
        "programs/<str:code>/nominations/<uuid:item_key>/template.<str:kind>",
        exports.nominations_upload_template,
        name="nominations_upload_template",
    ),
    path("programs/<str:code>/assignment/", assignment.assignment_page, name="assignment"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/decide/", nominations.nomination_decide, name="nomination_decide"),
    path(
        "nominations/<int:pk>/withdraw/",
        nominations.nomination_withdraw,
        name="nomination_withdraw",
    ),
    path(
        "nominations/<int:pk>/substitute/",
        nominations.nomination_substitute,
        name="nomination_substitute",
    ),
    path(
        "nominations/<int:pk>/substitutes/",
        pickers.substitute_search,
        name="substitute_search",
    ),
]
