from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from .forms import AFTER_CONFIRMATION
from .ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the address the member typed as her login, lower-cased so it is found again, and
    after signing in takes each person where her work is."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Unless she was on her way elsewhere (?next=): staff to the back office, a
        requester to her requests, anyone else to her member area, where a newcomer starts
        her profile."""
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        if hasattr(user, "requester"):
            return reverse("appointments:list")
        return reverse("mediators:me")

    def get_email_verification_redirect_url(self, email_address: EmailAddress) -> str:
        """Signed out, to sign in on the way she was going when she signed up (to apply as a
        requester, say), in this browser: she landed on the mediators' profile to start."""
        going = self.request.session.pop(AFTER_CONFIRMATION, None)
        if going and not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{urlencode({'next': going})}"
        return super().get_email_verification_redirect_url(email_address)

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        """A new address she confirms is the one the network writes to from then on: reviews,
        invitations and relayed messages went on to the old one, until she found how to make
        the new one primary. The old one stays on her list for her to remove."""
        confirmed = super().confirm_email(request, email_address)
        if confirmed and not email_address.primary:
            email_address.set_as_primary()
        return confirmed

    def get_client_ip(self, request: HttpRequest) -> str:
        """Who asked, as the site's own limits count her (wpm.ratelimit): allauth's limits on
        signing in, signing up and resetting a password count the same visitor."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
