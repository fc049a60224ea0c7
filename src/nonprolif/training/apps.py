from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "nonprolif.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        # Extension point: the program app announces review changes; the calendar follows.
        from nonprolif.program.signals import review_changed
        from nonprolif.training.calendar.receivers import regenerate_after_review

        review_changed.connect(regenerate_after_review, dispatch_uid="training.regenerate")
