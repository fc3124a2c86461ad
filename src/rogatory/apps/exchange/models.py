"""Rows of the exchange: keys, trust list, peers, outbox, inbox, evidences."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NodeIdentity(models.Model):
    """This node's key pairs; private keys are encrypted at rest under the node passphrase."""

    node_id = models.CharField(max_length=64)
    signing_kid = models.CharField(max_length=64, unique=True)
    encryption_kid = models.CharField(max_length=64)
    public_jwks = models.JSONField()
    encrypted_keys = models.BinaryField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("node identity")
        verbose_name_plural = _("node identities")


class NodeTlsIdentity(models.Model):
    """This node's TLS certificate (self-signed, pinned by the registry) and its private key,
    encrypted at rest under the node passphrase like the other keys."""

    node_id = models.CharField(max_length=64)
    certificate_der = models.BinaryField()
    cert_sha256 = models.CharField(max_length=64, unique=True)
    encrypted_key = models.BinaryField()
    not_after = models.DateTimeField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("node TLS identity")
        verbose_name_plural = _("node TLS identities")


class TrustAnchor(models.Model):
    """Root of trust for the registry: the operators' public keys and the threshold k."""

    operator_jwks = models.JSONField()
    threshold = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField()


class RegistrySnapshot(models.Model):
    """A verified, accepted trust list (version only ever grows)."""

    version = models.PositiveIntegerField()
    payload_sha256 = models.CharField(max_length=64)
    document = models.BinaryField()
    issued = models.DateTimeField()
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["-version", "-id"]


class Peer(models.Model):
    """A node of the accepted registry, with an optional local endpoint override (loopback)."""

    node_id = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=2)
    authority = models.CharField(max_length=512)
    endpoint = models.CharField(max_length=512)
    endpoint_override = models.CharField(max_length=512, blank=True)
    status = models.CharField(max_length=16)
    updated_at = models.DateTimeField()

    @property
    def transport_endpoint(self) -> str:
        return self.endpoint_override or self.endpoint


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    """A sealed message to send, written in the same transaction as the business change."""

    message_id = models.CharField(max_length=36, unique=True)
    recipient_node = models.CharField(max_length=64)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=32)
    case_reference = models.CharField(max_length=128, blank=True)
    header_jws = models.TextField()
    header_sha256 = models.CharField(max_length=64)
    part_count = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=OutboxState.choices)
    attempts = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=64, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    receipt_jws = models.TextField(blank=True)
    failure_reason = models.CharField(max_length=64, blank=True)
    conflict = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due_idx",
                condition=models.Q(state="pending"),
            ),
            models.Index(fields=["recipient_node", "state"], name="outbox_recipient_idx"),
        ]


class InboxState(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class InboxMessage(models.Model):
    """A committed message: its receipt (accepted) or its signed rejection, stored for good."""

    sender_node = models.CharField(max_length=64)
    message_id = models.CharField(max_length=36)
    state = models.CharField(max_length=16, choices=InboxState.choices)
    header_jws = models.TextField()
    header_sha256 = models.CharField(max_length=64)
    case_reference = models.CharField(max_length=128, blank=True)
    kind = models.CharField(max_length=32, blank=True)
    metadata = models.JSONField(default=dict)
    received_at = models.DateTimeField()
    receipt_jws = models.TextField(blank=True)
    rejection_status = models.PositiveSmallIntegerField(null=True, blank=True)
    rejection_body = models.BinaryField(blank=True, default=b"")
    rejection_code = models.CharField(max_length=64, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivery_error = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sender_node", "message_id"], name="inbox_dedup")
        ]
        indexes = [models.Index(fields=["message_id"], name="inbox_message_idx")]


class InboxDocument(models.Model):
    """A decrypted document of an accepted message (stored under a name we chose)."""

    inbox = models.ForeignKey(InboxMessage, on_delete=models.CASCADE, related_name="documents")
    index = models.PositiveIntegerField()
    file_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=128)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=512)

    class Meta:
        ordering = ["inbox", "index"]


class EvidenceKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    DELIVERED = "delivered", _("Delivered")
    REGISTERED = "registered", _("Registered")
    REFUSED = "refused", _("Refused")
    EXECUTED = "executed", _("Executed")
    REJECTED = "rejected", _("Rejected")
    NON_DELIVERY = "non-delivery", _("Non-delivery")


class Evidence(models.Model):
    """A signed signal (receipt or evidence) issued or received by this node, as its bytes."""

    signal_id = models.CharField(max_length=36, unique=True)
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    message_id = models.CharField(max_length=36, db_index=True)
    sender_node = models.CharField(max_length=64)
    recipient_node = models.CharField(max_length=64)
    issuer_node = models.CharField(max_length=64)
    header_sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    reason = models.CharField(max_length=64, blank=True)
    token = models.TextField()
    recorded_at = models.DateTimeField()
