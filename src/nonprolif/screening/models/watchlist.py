"""Sanctions and denied-party lists: each import a numbered snapshot, its entries kept current
with their content's version, and the delta of each snapshot with the one before.

Lists are reference data, the same for every agency (who may read them: ``screening.rules``).
An entry's ``version`` is the hash of its content (``ParsedEntry.version``): a cleared party
(``Suppression``) holds the version it was cleared against and lapses when it changes.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.i18n import LocalizedNameMixin


class ListSource(models.TextChoices):
    """The published schemas an import reads."""

    UN = "un", _("UN Security Council consolidated list")
    CSL = "csl", _("US Consolidated Screening List")
    OFAC = "ofac", _("OFAC SDN list")
    EU = "eu", _("EU financial sanctions list")
    UK = "uk", _("UK sanctions list")
    CSV = "csv", _("Generic CSV")


class EntryKind(models.TextChoices):
    PERSON = "person", pgettext_lazy("list entry kind", "Person")
    ENTITY = "entity", pgettext_lazy("list entry kind", "Entity")
    VESSEL = "vessel", pgettext_lazy("list entry kind", "Vessel")


class ChangeKind(models.TextChoices):
    ADDED = "added", pgettext_lazy("list change", "Added")
    CHANGED = "changed", pgettext_lazy("list change", "Changed")
    REMOVED = "removed", pgettext_lazy("list change", "Removed")


class Watchlist(LocalizedNameMixin, models.Model):
    """One list screened against (the UN list, OFAC's SDN, a national list in CSV …)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    source = models.CharField(_("format"), max_length=8, choices=ListSource.choices)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    threshold = models.FloatField(
        _("alert threshold"),
        default=0.85,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("The score in [0, 1] from which a match raises an alert."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("watchlist")
        verbose_name_plural = _("watchlists")

    def __str__(self) -> str:
        return self.code


class ListSnapshot(models.Model):
    """One import of a list file: numbered per list, with the file's hash and the counts of
    the delta with the snapshot before."""

    watchlist = models.ForeignKey(
        Watchlist, verbose_name=_("list"), on_delete=models.PROTECT, related_name="snapshots"
    )
    number = models.PositiveIntegerField(_("number"))
    published_on = models.DateField(_("published"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    added_count = models.PositiveIntegerField(_("added"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    removed_count = models.PositiveIntegerField(_("removed"), default=0)

    class Meta:
        ordering = ["watchlist", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "number"], name="screening_snapshot_number"
            ),
            models.UniqueConstraint(fields=["watchlist", "sha256"], name="screening_snapshot_file"),
        ]
        verbose_name = _("list snapshot")
        verbose_name_plural = _("list snapshots")

    def __str__(self) -> str:
        return f"{self.watchlist_id and self.watchlist.code}#{self.number}"


class ListEntryQuerySet(models.QuerySet["ListEntry"]):
    def current(self) -> "ListEntryQuerySet":
        """The entries on the list now (not removed by a later snapshot)."""
        return self.filter(removed_in__isnull=True)


class ListEntry(models.Model):
    """An entry of a list as its latest snapshot has it. ``content`` is
    ``ParsedEntry.content()`` (names with their quality, dates of birth, countries,
    identifiers, programmes, remarks); ``version`` its hash."""

    watchlist = models.ForeignKey(
        Watchlist, verbose_name=_("list"), on_delete=models.PROTECT, related_name="entries"
    )
    external_id = models.CharField(_("list reference"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=EntryKind.choices)
    name = models.CharField(_("name"), max_length=500)
    content = models.JSONField(_("content"))
    version = models.CharField(_("version"), max_length=16)
    first_snapshot = models.ForeignKey(
        ListSnapshot, verbose_name=_("listed in"), on_delete=models.PROTECT, related_name="+"
    )
    changed_in = models.ForeignKey(
        ListSnapshot, verbose_name=_("last changed in"), on_delete=models.PROTECT, related_name="+"
    )
    removed_in = models.ForeignKey(
        ListSnapshot,
        verbose_name=_("removed in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["watchlist", "external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "external_id"], name="screening_entry_reference"
            )
        ]
        indexes = [
            models.Index(fields=["watchlist", "removed_in"], name="screening_entry_current"),
            models.Index(fields=["name"], name="screening_entry_name"),
        ]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")

    def __str__(self) -> str:
        return f"{self.watchlist_id and self.watchlist.code}:{self.external_id}"


class EntryChange(models.Model):
    """One line of a snapshot's delta: an entry added, changed (with its content before) or
    removed."""

    snapshot = models.ForeignKey(
        ListSnapshot, verbose_name=_("snapshot"), on_delete=models.CASCADE, related_name="changes"
    )
    entry = models.ForeignKey(
        ListEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="changes"
    )
    change = models.CharField(_("change"), max_length=8, choices=ChangeKind.choices)
    old_version = models.CharField(_("version before"), max_length=16, blank=True)
    new_version = models.CharField(_("version after"), max_length=16, blank=True)
    previous_content = models.JSONField(_("content before"), null=True, blank=True)

    class Meta:
        ordering = ["snapshot", "change", "entry"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "entry"], name="screening_change_once")
        ]
        indexes = [
            models.Index(fields=["snapshot", "change", "entry"], name="screening_change_delta")
        ]
        verbose_name = _("list change")
        verbose_name_plural = _("list changes")

    def __str__(self) -> str:
        return f"{self.snapshot_id}:{self.entry_id}:{self.change}"
