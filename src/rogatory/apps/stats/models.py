"""Figures kept ready for the dashboards.

`CaseFact` holds one row per case with what the figures need (dates, milestones, channel); the
cells below sum the facts of the cases that are not sealed, per central authority and month
opened. A supervisor's or auditor's figures are the cells of their authority plus the facts of
the cases they see only through a grant (sealed cases of their team, another authority's
cases), read live: grants are per user and per case, so they cannot be pre-aggregated, but they
are few. A case officer sees the cases of their team only: their figures are read live from the
facts. Both keep the rule of `cases.selectors.visible_cases_q`: a figure never counts a case
its reader may not open. Durations are histograms (days -> cases) so that they add up exactly.
"""

from django.db import models
from django.db.models import Q


class CaseFact(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    authority = models.ForeignKey(
        "directory.CentralAuthority", on_delete=models.CASCADE, related_name="+"
    )
    sealed = models.BooleanField()
    direction = models.CharField(max_length=16)
    kind = models.CharField(max_length=32)
    # The other State: the requesting State of an incoming request, the requested of an outgoing.
    other_state = models.ForeignKey("directory.State", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=24)
    # Received (incoming) or transmitted (outgoing; created, while not yet sent), node time zone.
    opened_on = models.DateField()
    month = models.DateField()
    status = models.CharField(max_length=40)
    pending = models.BooleanField()
    refusal_ground = models.CharField(max_length=48, blank=True)
    info_requests = models.PositiveIntegerField(default=0)
    acknowledge_days = models.IntegerField(null=True)
    decide_days = models.IntegerField(null=True)
    execute_days = models.IntegerField(null=True)
    # Last day of the earliest open deadline of a pending case.
    due_on = models.DateField(null=True)
    # The distinct measures of assistance asked for, so a change can be taken out of the cells.
    measures = models.JSONField(default=list)

    class Meta:
        indexes = [
            models.Index(fields=["authority", "sealed", "month"], name="stats_fact_auth_idx"),
            models.Index(fields=["authority", "month"], name="stats_fact_month_idx"),
        ]


class _Cell(models.Model):
    authority = models.ForeignKey(
        "directory.CentralAuthority", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    direction = models.CharField(max_length=16)
    kind = models.CharField(max_length=32)
    other_state = models.ForeignKey("directory.State", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=24)
    cases = models.PositiveIntegerField()

    class Meta:
        abstract = True


class VolumeCell(_Cell):
    status = models.CharField(max_length=40)
    pending = models.BooleanField()
    refusal_ground = models.CharField(max_length=48, blank=True)
    info_requested = models.BooleanField()
    info_requests = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["authority", "month"], name="stats_volume_idx")]


class DurationCell(_Cell):
    metric = models.CharField(max_length=16)
    days = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["authority", "metric", "month"], name="stats_duration_idx")]


class MeasureCell(_Cell):
    measure = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["authority", "month"], name="stats_measure_idx")]


class DueCell(_Cell):
    due_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["authority", "due_on"], name="stats_due_idx")]


class RefreshMark(models.Model):
    """How far the refresh has read the tables that change figures (one row)."""

    case_updated_at = models.DateTimeField(null=True)
    event_id = models.BigIntegerField(default=0)
    measure_id = models.BigIntegerField(default=0)
    channel_record_id = models.BigIntegerField(default=0)
    outbox_id = models.BigIntegerField(default=0)
    inbox_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="stats_mark_single")]
