from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the address the member typed as her login, lower-cased so it is found again."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()
