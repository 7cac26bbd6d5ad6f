"""The demo accounts, which exist only in development, and the demo member's own profile.

Everyone the demo invents has an address at example.org, a domain reserved for examples, so a
demo account can never be a real person's. Only the accounts here can sign in, with a
password everyone knows: that is why seed_demo makes them in development alone.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone

from mediators.choices import Background, LanguageLevel
from mediators.models import (
    Audience,
    ExpertiseArea,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)
from wpm.choices import Track
from wpm.models import User
from wpm.seed import missing

# Demo people's accounts are all at this reserved domain; real mediators are never engaged.
DOMAIN = "@example.org"
DEMO_PASSWORD = "demo-password"  # noqa: S105 (development only, printed by make run)
DEMO_ACCOUNTS = [
    # email, name, is_staff, is_superuser
    ("admin@example.org", "Demo Administrator", True, True),
    ("member@example.org", "Demo Member", False, False),
    ("requester@example.org", "Demo Requester", False, False),
]
DEMO_MEMBER = "member@example.org"


def ensure_accounts(stdout):
    """Create the demo accounts that are missing; each has a verified, primary address."""
    for email, name, is_staff, is_superuser in missing(
        User, "email", {row[0]: row for row in DEMO_ACCOUNTS}
    ):
        user = User(email=email, name=name, is_staff=is_staff, is_superuser=is_superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    for email, *_ in DEMO_ACCOUNTS:
        # The address is put right on every run, so that the demo accounts can always sign in.
        EmailAddress.objects.update_or_create(
            user=User.objects.get(email=email),
            email=email,
            defaults={"verified": True, "primary": True},
        )
        stdout.write(f"  {email} / {DEMO_PASSWORD}")


# The demo member's own profile.

MEMBER_EXPERTISE = ["process-design", "gender-inclusion", "dialogue-facilitation"]
MEMBER_LANGUAGES = {"sw": LanguageLevel.NATIVE, "en": LanguageLevel.C2, "ar": LanguageLevel.B1}


def seed_member_profile(user):
    """Give the demo member an approved, public, complete profile, unless she has one already."""
    if not missing(Mediator, "user", {user.pk: user}):
        return False
    now = timezone.now()
    mediator = Mediator.objects.create(
        user=user,
        display_name="Demo Member",
        pronouns="she/her",
        headline="Dialogue facilitator (fictional demo account)",
        bio=(
            "*Demo profile: this is the demo member's own profile.* Sign in as "
            "member@example.org to edit it and preview how each audience sees it."
        ),
        country="KE",
        nationalities=["KE", "SS"],
        years_experience=12,
        availability=Mediator.Availability.AVAILABLE,
        deploys_within_72h=True,
        phone="+254700000000",  # fictional, and staff only as every number starts
        visibility=Mediator.Visibility.PUBLIC,
        bio_audience=Audience.PUBLIC,
        regions_audience=Audience.PUBLIC,
        trainings_audience=Audience.PUBLIC,
        status=Mediator.Status.APPROVED,
        submitted_at=now,
        reviewed_at=now,
        verified_on=timezone.localdate(now),
    )
    mediator.expertise.set(ExpertiseArea.objects.filter(slug__in=MEMBER_EXPERTISE))
    MediatorTrack.objects.bulk_create(
        MediatorTrack(mediator=mediator, track=track) for track in (Track.TRACK_2, Track.TRACK_3)
    )
    MediatorBackground.objects.create(mediator=mediator, background=Background.CIVIL_SOCIETY)
    MediatorLanguage.objects.bulk_create(
        MediatorLanguage(mediator=mediator, code=code, level=level)
        for code, level in MEMBER_LANGUAGES.items()
    )
    Training.objects.create(
        mediator=mediator,
        title="Mediation skills course",
        provider="Example Mediation Academy",
        year=2019,
        kind=Training.Kind.COURSE,
        hours=40,
    )
    for country in ("SS", "SD", "SO"):
        RegionalExperience(mediator=mediator, country=country).save()  # save() derives regions
    mediator.mark_verified()
    # Since staff verified it, she added a country: the staff's queue of changed profiles
    # shows it, to accept or to put back.
    before = mediator.content()
    RegionalExperience(mediator=mediator, country="ET").save()
    mediator.refresh_search()
    mediator.record_edit(before)
    return True
