"""The form of the case page's conversation: what to send the other State, and which of the
case's files go with it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rogatory.apps.cases.models import Document


class CommunicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Communication"), choices=())
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
        help_text=_(
            "Required for a request for additional information, its answer and a "
            "postponement (its reasons)."
        ),
    )
    document_ids = forms.TypedMultipleChoiceField(
        label=_("Files to send with it"),
        choices=(),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Results and evidence go as files of the case: add them first with "
            "“Add a document” (any size), then choose them here."
        ),
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        attachable: list[Document],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]  # reason: stubs
        self.fields["document_ids"].choices = [  # type: ignore[attr-defined]  # reason: stubs
            (d.pk, f"{d.title} ({d.filename})") for d in attachable
        ]
        if not attachable:
            del self.fields["document_ids"]
