"""Screens of the hearings area, included in rogatory.web.urls under the "web" namespace."""

from django.urls import URLPattern, path

from rogatory.web.views import hearings

urlpatterns: list[URLPattern] = [
    path("hearings/interpreters/", hearings.interpreters, name="hearing_interpreters"),
    path(
        "cases/<id:case_id>/hearings/propose/",
        hearings.hearing_propose_view,
        name="hearing_propose",
    ),
    path("hearings/<id:hearing_id>/", hearings.hearing_detail, name="hearing_detail"),
    path(
        "hearings/<id:hearing_id>/invitation.ics",
        hearings.hearing_invitation,
        name="hearing_invitation",
    ),
    path("hearings/<id:hearing_id>/accept/", hearings.hearing_accept_view, name="hearing_accept"),
    path(
        "hearings/<id:hearing_id>/counter/", hearings.hearing_counter_view, name="hearing_counter"
    ),
    path("hearings/<id:hearing_id>/cancel/", hearings.hearing_cancel_view, name="hearing_cancel"),
    path(
        "hearings/<id:hearing_id>/connection/",
        hearings.hearing_connection_view,
        name="hearing_connection",
    ),
    path(
        "hearings/<id:hearing_id>/safeguard/",
        hearings.hearing_safeguard_view,
        name="hearing_safeguard",
    ),
    path(
        "hearings/<id:hearing_id>/minutes/", hearings.hearing_minutes_view, name="hearing_minutes"
    ),
    path(
        "hearings/<id:hearing_id>/participants/",
        hearings.hearing_participant_view,
        name="hearing_participant",
    ),
    path("hearings/<id:hearing_id>/change/", hearings.hearing_change_view, name="hearing_change"),
    path(
        "hearings/<id:hearing_id>/interruptions/",
        hearings.hearing_interruption_view,
        name="hearing_interruption",
    ),
    path(
        "hearings/<id:hearing_id>/recordings/",
        hearings.hearing_recording_view,
        name="hearing_recording",
    ),
    path("hearings/<id:hearing_id>/join/", hearings.hearing_join_view, name="hearing_join"),
    path(
        "hearings/interpreters/availability/",
        hearings.interpreter_availability_view,
        name="interpreter_availability",
    ),
]
