"""Domain errors: each one becomes a clear, kind reply in a handler."""

from __future__ import annotations


class KeptError(Exception):
    """Base of every refusal the domain can give; `key` names the reply text."""

    key = "error_generic"

    def __init__(self, *args: object, **params: object) -> None:
        super().__init__(*args)
        self.params = params


class InvalidTime(KeptError):
    """The time is not HH:MM."""

    key = "error_bad_time"


class InvalidTimezone(KeptError):
    """The name is not an IANA time zone."""

    key = "error_bad_timezone"


class TextTooLong(KeptError):
    """A commitment text is longer than we accept."""

    key = "error_text_too_long"


class TextEmpty(KeptError):
    """A commitment needs words."""

    key = "error_text_empty"


class TooManyCommitments(KeptError):
    """The limit of active commitments is reached."""

    key = "error_too_many"


class InviteNotFound(KeptError):
    """The code does not exist."""

    key = "error_invite_unknown"


class InviteUsed(KeptError):
    """The code was already used."""

    key = "error_invite_used"


class InviteExpired(KeptError):
    """The code is older than 48 hours."""

    key = "error_invite_expired"


class InviteNotWaiting(KeptError):
    """A Join press with no invitation shown and unanswered (answered, replaced, or forged)."""

    key = "error_invite_not_waiting"


class OwnInvite(KeptError):
    """Someone tried to join their own invitation."""

    key = "error_invite_own"


class AlreadyPaired(KeptError):
    """This person already belongs to a couple."""

    key = "error_already_paired"


class AlreadyInCouple(AlreadyPaired):
    """Already in a couple whose partner cannot be read (their row is gone): no name to give."""

    key = "error_already_in_couple"


class InviterPaired(KeptError):
    """The person who made the invite is now in a couple: a third person cannot join."""

    key = "error_inviter_paired"


class NotPaired(KeptError):
    """The action needs a couple."""

    key = "error_not_paired"


class PartnerElsewhere(KeptError):
    """The partner uses another messenger: a group here could never be shared with them."""

    key = "error_partner_elsewhere"


class NotAPartner(KeptError):
    """Only the two partners may do this."""

    key = "error_not_partner"


class NotYours(KeptError):
    """The button belongs to someone else."""

    key = "error_not_yours"


class StaleButton(KeptError):
    """The button refers to something that no longer exists or is over."""

    key = "error_stale"


class AlreadyAnswered(KeptError):
    """This nudge was answered already."""

    key = "error_already_answered"


class UnknownCommitment(KeptError):
    """No such commitment of yours."""

    key = "error_unknown_commitment"


class NoDays(KeptError):
    """A commitment needs at least one day."""

    key = "error_no_days"


class InvalidWeekday(KeptError):
    """Not a weekday name."""

    key = "error_bad_weekday"


class CheckinAlreadyOpen(KeptError):
    """A check-in is open already; only one at a time."""

    key = "error_checkin_open"


class CheckinDone(KeptError):
    """This week's check-in has already happened."""

    key = "error_checkin_done"


class ForgetNotAwaited(StaleButton):
    """A /forget button from an old or someone else's confirmation: nothing is deleted."""

    key = "error_forget_stale"


class BadPauseDays(KeptError):
    """A holiday is a whole number of days within the limit."""

    key = "error_pause_days"


class ChoreNameTooLong(KeptError):
    """A chore's name must fit a line of the week grid."""

    key = "error_chore_name_long"


class AssigneeAtLimit(KeptError):
    """The partner a chore is given to has reached the limit of active commitments."""

    key = "error_chore_limit"


class ChoresElsewhere(KeptError):
    """The plan is shown in private or in the couple's linked group, not in another group."""

    key = "error_chores_group"


class NoChoreDays(KeptError):
    """A swap needs one of your own chore days."""

    key = "error_no_chore_days"


class UnknownLanguage(KeptError):
    """Kept has no messages in that language."""

    key = "error_bad_language"


class NothingToUnpair(NotPaired):
    """/unpair from someone who is not in a couple."""

    key = "unpair_not_paired"


class UnpairNotAwaited(StaleButton):
    """An /unpair button from an old or someone else's confirmation: the couple stays as it is."""

    key = "error_unpair_stale"


class GroupNotLinked(KeptError):
    """A couple's command in a group that no couple has linked (or whose couple has ended)."""

    key = "error_group_not_linked"
