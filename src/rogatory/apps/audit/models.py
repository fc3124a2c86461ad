from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One write, chained by SHA-256 to the event before it (see core.audit.chain)."""

    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time (UTC)"))
    actor_id = models.BigIntegerField(_("actor id"), null=True)
    actor = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    case_id = models.BigIntegerField(_("case id"), null=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def payload(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "case_id": self.case_id,
            "changes": self.changes,
        }


class AuditHead(models.Model):
    """The single row recording the chain's last event; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")


class AccessDenial(models.Model):
    """A refused access, kept apart from the chain (reads are not writes) but never dropped."""

    at = models.DateTimeField(auto_now_add=True)
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("access denial")


class AuditCheckpoint(models.Model):
    """A signed RFC 9162 tree head over the chain's event hashes (see core.audit.checkpoint).

    ``compact_range`` holds the perfect-subtree roots at ``tree_size``, so the next checkpoint
    and consistency proofs from this one read only the events added since.
    """

    tree_size = models.BigIntegerField(_("tree size"), unique=True)
    root_hash = models.CharField(_("root hash"), max_length=64)
    note = models.TextField(_("signed note"))
    compact_range = models.TextField()
    created_at = models.DateTimeField(_("created (UTC)"))

    class Meta:
        ordering = ["-tree_size"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")


class AuditCosignature(models.Model):
    """A witness's cosignature line on one of our checkpoints."""

    checkpoint = models.ForeignKey(
        AuditCheckpoint, on_delete=models.PROTECT, related_name="cosignatures"
    )
    witness_node = models.CharField(_("witness node"), max_length=64)
    signature = models.CharField(_("signature line"), max_length=512)
    received_at = models.DateTimeField(_("received (UTC)"))

    class Meta:
        ordering = ["checkpoint", "witness_node"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "witness_node"], name="audit_cosignature_once_per_witness"
            )
        ]
        verbose_name = _("audit cosignature")
        verbose_name_plural = _("audit cosignatures")


class WitnessedLog(models.Model):
    """As a witness: the latest checkpoint we cosigned for another node's audit log.

    tlog-witness keeps only this per origin; locking the row makes check-and-update atomic, so
    two concurrent submissions cannot roll the recorded size back.
    """

    origin_node = models.CharField(_("origin node"), max_length=64, unique=True)
    tree_size = models.BigIntegerField(_("tree size"))
    root_hash = models.CharField(_("root hash"), max_length=64)
    note = models.TextField(_("signed note"))
    updated_at = models.DateTimeField(_("updated (UTC)"))

    class Meta:
        verbose_name = _("witnessed audit log")
        verbose_name_plural = _("witnessed audit logs")
