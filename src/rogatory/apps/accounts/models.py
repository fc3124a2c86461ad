import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, TimestampMixin

from rogatory.core.workflow import Role as CoreRole


class Role(models.TextChoices):
    REGISTRY_CLERK = CoreRole.REGISTRY_CLERK.value, _("Registry clerk")
    CASE_OFFICER = CoreRole.CASE_OFFICER.value, _("Case officer")
    SUPERVISOR = CoreRole.SUPERVISOR.value, _("Supervisor")
    AUDITOR = CoreRole.AUDITOR.value, _("Auditor")
    ADMINISTRATOR = CoreRole.ADMINISTRATOR.value, _("Administrator")
    SECRETARIAT = CoreRole.SECRETARIAT.value, _("Secretariat")


class User(AbstractUser):  # type: ignore[django-manager-missing]  # Passkey's FK, from django-otp
    """A member of a central authority's staff, with one role."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    authority = models.ForeignKey(
        "directory.CentralAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("central authority"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def core_role(self) -> CoreRole:
        return CoreRole(self.role)


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Passkey(TimestampMixin, Device):  # type: ignore[misc]  # django-otp has no type hints
    """A WebAuthn credential (a passkey or security key) used as the second factor.

    A django-otp device, so that a session it verified is `is_verified()` like one verified by
    a TOTP code; it never accepts a typed token. Only the public key is kept."""

    credential_id = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
