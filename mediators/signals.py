"""Signals by which the people's app lets the apps built on it follow what becomes of a profile."""

from django.dispatch import Signal

# Sent within staff's decision on a profile when it lists her, or takes her off the roster
# (declined, or sent back for changes), with ``mediator`` and ``listed``: what another app
# shows of her elsewhere, a requester's proposal, follows the decision.
listing_changed = Signal()
