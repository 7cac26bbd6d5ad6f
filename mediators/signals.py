"""Signals by which the people's app lets the apps built on it follow what becomes of a profile."""

from django.dispatch import Signal

# Sent within staff's decision on profiles when it lists them, or takes them off the roster
# (declined, or sent back for changes), with ``mediators`` (a list: a decision on many is
# followed in one go) and ``listed``: what another app shows of them elsewhere, a requester's
# proposal, follows the decision.
listing_changed = Signal()
