"""After the City Council's decision: the actions that carry it out, with dated progress, and the
members' anonymous evaluation. Imported by deliberation.models."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mandates.models import Mandate


class ImplementationAction(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="implementation_actions", verbose_name=_("mandate")
    )
    title = models.CharField(_("action"), max_length=300)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("implementation action")
        verbose_name_plural = _("implementation actions")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="progress_at_most_100")]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    action = models.ForeignKey(
        ImplementationAction, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    on = models.DateField(_("date"))
    text = models.TextField(_("update"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on}: {self.progress} %"


class EvaluationSurvey(models.Model):
    """The members' survey of one concluded committee, and when it closes.

    Its results are published only once it has closed (at `closes_at`, or when every member invited has
    answered), never answer by answer: comparing the page before and after one answer would show it.
    """

    mandate = models.OneToOneField(
        Mandate, on_delete=models.CASCADE, related_name="evaluation_survey", verbose_name=_("mandate")
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closes_at = models.DateTimeField(
        _("closes at"),
        help_text=_(
            "Members answer until then; the results are published after it. It can be moved until it has "
            "passed, never after."
        ),
    )

    class Meta:
        verbose_name = _("evaluation survey")
        verbose_name_plural = _("evaluation surveys")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return str(self.mandate)


class EvaluationParticipation(models.Model):
    """That a member answered the survey, never what: answers are stored apart, without a person."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="evaluation_participations", verbose_name=_("mandate")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )

    class Meta:
        verbose_name = _("evaluation participation")
        verbose_name_plural = _("evaluation participations")
        constraints = [models.UniqueConstraint(fields=["mandate", "user"], name="one_evaluation_per_member")]

    def __str__(self) -> str:
        return f"{self.user} / {self.mandate}"


class EvaluationAnswer(models.Model):
    """One anonymous answer: the five statements on 1–5, and a free text. No person, no time of day."""

    SCORE = [MinValueValidator(1), MaxValueValidator(5)]

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="evaluation_answers", verbose_name=_("mandate")
    )
    learned = models.PositiveSmallIntegerField(_("I learned about the problem"), validators=SCORE)
    ideas_used = models.PositiveSmallIntegerField(_("I contributed ideas that were used"), validators=SCORE)
    politicians_listened = models.PositiveSmallIntegerField(_("The politicians listened"), validators=SCORE)
    would_again = models.PositiveSmallIntegerField(_("I would take part again"), validators=SCORE)
    more_interested = models.PositiveSmallIntegerField(
        _("I am more interested in local politics"), validators=SCORE
    )
    free_text = models.TextField(_("anything else"), blank=True)
    answered_on = models.DateField(_("answered on"))

    STATEMENTS = ("learned", "ideas_used", "politicians_listened", "would_again", "more_interested")

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self) -> str:
        return str(self.answered_on)
