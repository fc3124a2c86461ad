from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "rogatory.web"
    label = "web"

    def ready(self) -> None:
        from django.db.models import fields

        # The first option of a select with no choice made. Django 6.1's own text is missing
        # from its Arabic, Russian and Chinese catalogues (issue 13 item 7); ours carries it in
        # every language of the site. Django documents this assignment as the way to change it.
        fields.BLANK_CHOICE_LABEL = _("- Select an option -")
