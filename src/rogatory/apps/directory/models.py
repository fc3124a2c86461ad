from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    """A State (ISO 3166-1), with its name in the six UN languages."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, blank=True)
    names = models.JSONField(_("names"), default=dict)
    un_member = models.BooleanField(_("UN Member State"), default=False)
    fictional = models.BooleanField(_("fictional (demo)"), default=False)
    # A constitutional or statutory bar on extraditing the State's own nationals (e.g. Basic Law
    # of Germany art. 16(2)); refusing on it alone triggers UNTOC art. 16(10).
    bars_extradition_of_nationals = models.BooleanField(
        _("bars the extradition of its nationals"), default=False
    )
    nationals_bar_source = models.CharField(
        _("source of the bar on extraditing nationals"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = pgettext_lazy("international law", "State")
        verbose_name_plural = pgettext_lazy("international law", "States")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en").lower()
        names: dict[str, str] = self.names or {}
        return names.get(lang) or names.get(lang.split("-")[0]) or names.get("en") or self.code


class Instrument(models.TextChoices):
    UNTOC_MLA = "untoc_mla", _("UNTOC, mutual legal assistance (art. 18(13))")
    UNTOC_EXTRADITION = "untoc_extradition", _("UNTOC, extradition (art. 16)")
    UNCAC = "uncac", _("UNCAC (art. 46(13))")
    BILATERAL_TREATY = "bilateral_treaty", _("Bilateral treaty")


class Channel(models.TextChoices):
    SECURE_ELECTRONIC = "secure_electronic", _("Secure electronic transmission")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post or courier")
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    INTERPOL = "interpol", _("INTERPOL")


class CentralAuthority(models.Model):
    """A central authority designated by a State for one instrument (UNTOC art. 18(13))."""

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="authorities", verbose_name=_("State")
    )
    instrument = models.CharField(_("instrument"), max_length=32, choices=Instrument.choices)
    treaty = models.CharField(_("treaty (if bilateral)"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    # Languages acceptable to the State (UNTOC art. 18(14)), as ISO 639-1 codes.
    accepted_languages = models.JSONField(_("accepted languages"), default=list)
    channels = models.JSONField(_("channels"), default=list)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["state_id", "instrument", "name"]
        verbose_name = _("central authority")
        verbose_name_plural = _("central authorities")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "instrument", "treaty", "name"], name="authority_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.state_id})"


class RequirementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class RequirementSet(models.Model):
    """One version of what a State asks of a request it receives (issue 17): languages,
    channels, legal bases in force, dual criminality, minimum penalty, electronic transmission,
    urgency channel and per-measure notes, each version with its sources.

    ``data`` is the JSON form read by ``rogatory.core.drafting.parse_requirements``. Versions
    are kept: publishing one supersedes the previous, never overwrites it.
    """

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="requirement_sets", verbose_name=_("State")
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequirementStatus.choices,
        default=RequirementStatus.DRAFT,
    )
    data = models.JSONField(_("requirements"))
    # A real State's published requirements, shipped as an example, not operational data.
    example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.CharField(_("published by"), max_length=150, blank=True)

    class Meta:
        ordering = ["state_id", "-version"]
        verbose_name = _("requirements of a State")
        constraints = [
            models.UniqueConstraint(fields=["state", "version"], name="requirements_version"),
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(status="published"),
                name="requirements_one_published",
            ),
        ]


class TreatyKind(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral treaty")
    MULTILATERAL = "multilateral", _("Multilateral treaty")


class TreatyRecord(models.Model):
    """One version of an extradition treaty's record (issue 16): parties, dates in force, the
    provisional-arrest period and whether it may be extended, and the treaty's own rule for
    competing requests (factors, each with its article).

    ``data`` is the JSON form read by ``rogatory.core.extradition.treaties.parse_treaty``; the
    columns beside it are copies for the selector (parties, dates in force). Versions are
    kept: publishing one supersedes the previous version of the same treaty, never
    overwrites it, so the period that governed a past arrest stays on the record.
    """

    code = models.SlugField(_("code"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequirementStatus.choices,
        default=RequirementStatus.DRAFT,
    )
    kind = models.CharField(_("kind of treaty"), max_length=16, choices=TreatyKind.choices)
    title = models.CharField(_("title"), max_length=160)
    parties = models.ManyToManyField(State, related_name="treaties", verbose_name=_("parties"))
    in_force_from = models.DateField(_("in force from"))
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)
    data = models.JSONField(_("treaty record"))
    # An illustration shipped with the platform (the demo's fictional States), not a treaty
    # any State has concluded.
    example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.CharField(_("published by"), max_length=150, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="treaty_version"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(status="published"),
                name="treaty_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"
