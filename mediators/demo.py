"""Fictional mediators for development and demonstrations.

Every person here is invented: names are drawn from lists and combined at random, headlines say
"(fictional)" and every biography opens with "Demo profile". The same index always yields the same
person, so a seeded roster looks the same on every machine.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_countries import countries

from wpm.choices import Track
from wpm.geography import regions_of
from wpm.models import User

from .models import (
    Audience,
    Background,
    ExpertiseArea,
    LanguageLevel,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)

EMAIL = "demo-mediator-{:05d}@example.org"
MAX_COUNT = 99_999  # the email numbering has five digits
BATCH = 1000


def _list(text):
    return [item.strip() for item in text.split(",")]


@dataclass(frozen=True)
class Culture:
    """Where an invented person comes from: names to combine, native languages, home countries."""

    given: list
    family: list
    natives: list
    homes: list
    family_first: bool = False


CULTURES = [
    Culture(
        _list("Amal, Rania, Huda, Samira, Nour, Layla, Salma, Dalia, Rim, Ghada, Maysa, Hanan"),
        _list("Haddad, Khoury, Mansour, Nasser, Saleh, Darwish, Qasim, Barakat, Hamdan, Sabbagh"),
        ["ar"],
        _list("SD, SY, LB, YE, IQ, JO, EG, TN, LY, PS"),
    ),
    Culture(
        _list("Aïssata, Mariam, Fatoumata, Kadiatou, Rokia, Awa, Oumou, Binta, Hawa, Adama"),
        _list("Traoré, Diallo, Keïta, Coulibaly, Sangaré, Maïga, Cissé, Diarra, Konaté, Sow"),
        ["bm", "ff", "wo"],
        _list("ML, NE, BF, SN, GN"),
    ),
    Culture(
        _list("Ngozi, Chiamaka, Folake, Amaka, Yetunde, Halima, Zainab, Efua, Akosua, Abena"),
        _list("Okafor, Adeyemi, Eze, Balogun, Nwosu, Abubakar, Mensah, Owusu, Boateng, Danjuma"),
        ["ha", "yo", "ig"],
        _list("NG, GH"),
    ),
    Culture(
        _list("Wanjiru, Achieng, Nyokabi, Zawadi, Neema, Auma, Rehema, Imani, Njeri, Makena"),
        _list("Kamau, Otieno, Mwangi, Wekesa, Kiprono, Njoroge, Odhiambo, Mushi, Kariuki"),
        ["sw"],
        _list("KE, TZ, UG"),
    ),
    Culture(
        _list("Hiwot, Meron, Selamawit, Tigist, Luwam, Senait, Bethlehem, Mahlet, Rahel"),
        _list("Tesfaye, Bekele, Gebremedhin, Mekonnen, Tadesse, Alemu, Berhane, Woldemariam"),
        ["am", "ti", "om"],
        _list("ET, ER"),
    ),
    Culture(
        _list("Ayan, Hodan, Faduma, Ubah, Sahra, Idil, Nimco, Ladan, Hibaaq"),
        _list("Warsame, Farah, Abdi, Jama, Nur, Egal, Osman, Duale, Hirsi"),
        ["so"],
        _list("SO, DJ"),
    ),
    Culture(
        _list("Clarisse, Espérance, Solange, Nadine, Grâce, Béatrice, Odile, Chantal"),
        _list("Mukendi, Mbuyi, Nzeza, Nyiramana, Uwase, Habimana, Ilunga, Kalombo, Niyonzima"),
        ["ln", "rw", "rn"],
        _list("CD, RW, BI, CF, CM"),
    ),
    Culture(
        _list("Lucía, Valentina, Camila, Mariana, Ximena, Paola, Adriana, Gabriela, Alejandra"),
        _list("Restrepo, Quintero, Castillo, Herrera, Vargas, Ortega, Salazar, Cifuentes, Ibarra"),
        ["es"],
        _list("CO, VE, GT, MX, PE, CL, AR, HN"),
    ),
    Culture(
        _list("Nilda, Juana, Yolanda, Rosalía, Felicitas, Eulalia, Norma"),
        _list("Mamani, Quispe, Condori, Huanca, Choque, Apaza"),
        ["qu"],
        _list("BO, PE"),
    ),
    Culture(
        _list("Marie-Claude, Nadège, Roseline, Guerda, Fabienne, Yolette, Mirlande"),
        _list("Jean-Baptiste, Pierre-Louis, Désir, Fleurant, Lafontant, Saint-Fleur"),
        ["ht"],
        ["HT"],
    ),
    Culture(
        _list("Beatriz, Joana, Ana Paula, Luísa, Marta, Inês, Teresa, Fernanda, Helena"),
        _list("Nhantumbo, Mabunda, Almeida, Ferreira, Tembe, Cossa, Pereira, Sitoe, Lopes"),
        ["pt"],
        _list("MZ, AO, BR, PT, GW"),
    ),
    Culture(
        _list("Olena, Iryna, Oksana, Nataliia, Kateryna, Halyna, Solomiia, Yaryna"),
        _list("Kovalenko, Shevchuk, Bondarenko, Melnyk, Tkachenko, Kravets, Hnatiuk, Savchuk"),
        ["uk"],
        ["UA"],
    ),
    Culture(
        _list("Nino, Tamar, Ketevan, Salome, Natia, Maia, Eka"),
        _list("Beridze, Kapanadze, Gelashvili, Lomidze, Tsiklauri, Chkheidze, Kiknadze"),
        ["ka"],
        ["GE"],
    ),
    Culture(
        _list("Anahit, Lusine, Armine, Siranush, Gayane, Nairi, Tatevik"),
        _list("Hakobyan, Petrosyan, Grigoryan, Avetisyan, Manukyan, Ghazaryan, Vardanyan"),
        ["hy"],
        ["AM"],
    ),
    Culture(
        _list("Leyla, Aysel, Günel, Nigar, Sevinj, Konul, Lala"),
        _list("Mammadova, Huseynova, Guliyeva, Hasanova, Abbasova, Rzayeva, Jafarova"),
        ["az"],
        ["AZ"],
    ),
    Culture(
        _list("Aigerim, Aizhan, Gulnara, Dinara, Asel, Cholpon, Zarina"),
        _list("Toktogulova, Sadykova, Nurlanova, Bekova, Asanova, Rakhimova, Usenova"),
        ["ky", "kk", "tg", "ru"],
        _list("KG, KZ, TJ"),
    ),
    Culture(
        _list("Amra, Jasmina, Vesna, Mirela, Lejla, Arta, Drita, Vjosa, Tanja"),
        _list("Hadžić, Kovačević, Begović, Krasniqi, Gashi, Petrović, Mehmedović, Hoxha"),
        ["bs", "sr", "sq", "mk"],
        _list("BA, RS, XK, MK, AL"),
    ),
    Culture(
        _list("Elif, Zeynep, Ayşe, Deniz, Selin, Nilüfer, Gülşen, Ebru"),
        _list("Öztürk, Demir, Şahin, Kaya, Özdemir, Arslan, Çelik, Koç"),
        ["tr"],
        _list("TR, CY"),
    ),
    Culture(
        _list("Parisa, Farzana, Roya, Nargis, Tahmina, Soraya, Laleh, Maryam, Zarghona"),
        _list("Rahimi, Ahmadzai, Sultani, Karimi, Noori, Hashimi, Azimi, Safi, Popal"),
        ["fa", "ps"],
        _list("AF, IR"),
    ),
    Culture(
        _list("Sunita, Anjali, Meera, Sabina, Kumari, Binita, Pramila"),
        _list("Shrestha, Gurung, Tamang, Rai, Thapa, Magar, Adhikari"),
        ["ne"],
        ["NP"],
    ),
    Culture(
        _list("Anusha, Dilini, Shanthi, Nirosha, Tharushi, Kavitha, Malathi"),
        _list("Perera, Fernando, Wickramasinghe, Ratnayake, Sivakumar, Nadarajah"),
        ["si", "ta"],
        ["LK"],
    ),
    Culture(
        _list("Nasreen, Farida, Rukhsana, Shazia, Tahira, Sultana, Rehana"),
        _list("Rahman, Chowdhury, Qureshi, Malik, Siddiqui, Begum, Haque"),
        ["bn", "ur"],
        _list("BD, PK"),
    ),
    Culture(
        _list("Hnin, Thandar, Ei Ei, Su Su, Khin, May, Nandar, Thiri"),
        _list("Wai Phyo, Mon Kyaw, Thet Hlaing, Myat Noe, Zin Htet, Lwin Oo"),
        ["my"],
        ["MM"],
    ),
    Culture(
        _list("Rosario, Liza, Josefina, Carmela, Marites, Imelda, Jocelyn"),
        _list("Dimaculangan, Bautista, Villanueva, Macaraeg, Tolentino, Agbayani, Lumbayan"),
        ["tl"],
        ["PH"],
    ),
    Culture(
        _list("Siti, Dewi, Ratna, Wulan, Intan, Ayu, Kartika"),
        _list("Lestari, Kusumawati, Handayani, Susanti, Rahayu, Pratiwi"),
        ["id"],
        _list("ID, TL"),
    ),
    Culture(
        _list("Siriporn, Pimchanok, Kanya, Nattaya, Malee, Ratana"),
        _list("Srisuk, Chaiyaporn, Rattanakul, Boonmee, Kongkaew, Saetang"),
        ["th"],
        ["TH"],
    ),
    Culture(
        _list("Xiaoling, Meiling, Yuqing, Huilan, Jingyi, Ruolan"),
        _list("Chen, Zhou, Lin, Huang, Xu, Guo"),
        ["zh"],
        _list("CN, SG"),
        family_first=True,
    ),
    Culture(
        _list("Haruka, Aiko, Emiko, Sayuri, Noriko, Chihiro"),
        _list("Takahashi, Nakamura, Kobayashi, Morita, Fujiwara, Ishikawa"),
        ["ja"],
        ["JP"],
    ),
    Culture(
        _list("Ji-yeon, Min-seo, Soo-jin, Hye-won, Eun-ji, Seo-yeon"),
        _list("Park, Choi, Jung, Han, Yoon, Kang"),
        ["ko"],
        ["KR"],
        family_first=True,
    ),
    Culture(
        _list("Losana, Mere, Litia, Vaimoana, Makereta, Ana, Seini"),
        _list("Ratuvou, Fifita, Taufa, Kaitani, Soakai, Waqa, Lealaiauloto"),
        ["fj", "to", "sm"],
        _list("FJ, TO, WS"),
    ),
    Culture(
        _list("Agnes, Lilly, Rosalyn, Dorcas, Serah, Miriam"),
        _list("Moiba, Kilepa, Tovue, Wagambie, Iamo, Tarilongi"),
        ["ho", "bi", "en"],
        _list("PG, SB, VU"),
    ),
    Culture(
        _list("Katharina, Annelie, Friederike, Johanna, Ulrike, Franziska, Corinna, Lea"),
        _list("Brandstätter, Wehrli, Hofmeister, Kessler, Vogt, Baumgartner, Eberle, Kühn"),
        ["de"],
        _list("DE, AT, CH"),
    ),
    Culture(
        _list("Ingrid, Sigrid, Astrid, Maja, Liv, Kaisa, Elin, Tuulikki"),
        _list("Lindqvist, Haugen, Virtanen, Nyström, Bergström, Dahl, Korhonen, Søndergaard"),
        ["sv", "nb", "fi", "da"],
        _list("SE, NO, FI, DK"),
    ),
    Culture(
        _list("Siobhan, Eleanor, Fiona, Catriona, Bronwyn, Harriet, Rosalind, Imogen"),
        _list("Ashcroft, McAllister, Pemberton, O'Donnell, Fairweather, Thornbury, Kilbride"),
        ["en"],
        _list("GB, IE, US, CA, AU, NZ"),
    ),
    Culture(
        _list("Océane, Margaux, Clémence, Solène, Apolline, Maëlle"),
        _list("Lefèvre, Garnier, Rousseau, Delacroix, Marchand, Bonnet"),
        ["fr"],
        _list("FR, BE, CH"),
    ),
]

# Working languages besides the native one, repeated by how often mediators use them.
WORKING_LANGUAGES = _list(
    "en, en, en, fr, fr, ar, ar, es, es, ru, pt, de, sw, zh, tr, fa, uk, am, so"
)
LEVELS = list(LanguageLevel)
LEVEL_WEIGHTS = [3, 5, 10, 20, 30, 25, 7]

# One country per M49 sub-region, cycled through so every region and sub-region has someone.
SUBREGION_COUNTRIES = _list(
    "KE, SD, ML, CD, ZA, CO, GT, HT, US, UA, GE, AF, MM, KG, MN, BA, GB, CH, AU, PG, KI, WS"
)
# Where most peace processes happen, so the roster clusters where the work is.
PROCESS_COUNTRIES = _list(
    "KE, SD, SS, SO, ET, ML, NE, NG, TD, CF, CD, MZ, LY, CO, VE, GT, HN, UA, GE, AM, AZ, MD, "
    "SY, YE, IQ, LB, AF, NP, LK, MM, PH, TH, TL, PG, SB, BA, XK, CY"
)
# Hubs where mediators are based when not at home.
HUB_COUNTRIES = _list("CH, KE, ET, US, BE, NL, AT, DE, GB, FR, SN, JO, TH, NO, SE")

ROLES = _list(
    "Senior mediation adviser, Dialogue facilitator, Peace process support officer, "
    "Independent mediator, Ceasefire monitoring specialist, "
    "Researcher on inclusive peace processes, "
    "Programme director for community dialogue, Former diplomat and envoy, "
    "Lecturer in conflict resolution, Legal adviser on power-sharing, Trainer in negotiation, "
    "Insider mediator, Gender adviser to a negotiation team, Local peace committee convenor"
)
STORIES = [
    "She has helped design a national dialogue and now coaches younger mediators.",
    "She started in community radio and moved into track 2 dialogue.",
    "She advised a negotiation team on **ceasefire** monitoring and verification.",
    "She convenes women's networks that feed into formal talks.",
    "She works on water and land disputes between neighbouring communities.",
    "She trains negotiation teams and writes on *inclusive* process design.",
]
NOTES = [
    "Demo note: in the field until the end of the quarter.",
    "Demo note: prefers assignments of under three months.",
    "Demo note: can travel with two weeks' notice.",
]
FEEDBACK = [
    "Demo feedback: please describe your regional experience in more detail.",
    "Demo feedback: please add the trainings you mention in your biography.",
]

TRAININGS = {
    Training.Kind.COURSE: ["Mediation skills course", "Advanced negotiation course"],
    Training.Kind.CERTIFICATION: ["Certified mediator", "Certificate in dialogue facilitation"],
    Training.Kind.COACHING: ["Coaching for senior mediators", "Peer coaching programme"],
    Training.Kind.DEGREE: ["MA in Peace and Conflict Studies", "LLM in International Law"],
}
PROVIDERS = _list(
    "Example Mediation Academy, Demo University, Sample Peace Research Centre, "
    "Fictional Institute for Dialogue, Placeholder School of Diplomacy"
)

# Each block of 20 profiles is one shuffled copy of this table, so even a small roster has every
# visibility mode and status, in these proportions.
_V, _S = Mediator.Visibility, Mediator.Status
SLOTS = [(_V.PUBLIC, _S.APPROVED)] * 11 + [
    (_V.PUBLIC, _S.SUBMITTED),
    *[(_V.MEMBERS, _S.APPROVED)] * 3,
    (_V.MEMBERS, _S.DRAFT),
    (_V.PROTECTED, _S.APPROVED),
    (_V.PROTECTED, _S.CHANGES_REQUESTED),
    (_V.HIDDEN, _S.APPROVED),
    (_V.HIDDEN, _S.DECLINED),
]
# The first rows are showcase profiles: approved, public, regions shown to everyone, each taking
# the next expertise area, track, background, language and sub-region in turn. Random choices
# alone would leave some filter options empty for anonymous visitors; these fill all of them
# from 60 profiles on.
SHOWCASE = 10
AUDIENCES = list(Audience)
AUDIENCE_WEIGHTS = [4, 4, 2]

PSEUDONYM_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"


def _slot(index):
    """The index's visibility and status, and its turn in the showcase cycle if it has one."""
    block, place = divmod(index - 1, len(SLOTS))
    shuffle = random.Random(f"slots-{block}")  # noqa: S311 (demo data)
    row = shuffle.sample(range(len(SLOTS)), len(SLOTS))[place]
    return SLOTS[row], (block * SHOWCASE + row if row < SHOWCASE else None)


def _pseudonym(index):
    """A unique 5-character code. Models' random pseudonyms never start with Z, so none clash."""
    number = index * 7919 % len(PSEUDONYM_ALPHABET) ** 4  # scrambled, still one-to-one
    code = ""
    for _ in range(4):
        number, digit = divmod(number, len(PSEUDONYM_ALPHABET))
        code += PSEUDONYM_ALPHABET[digit]
    return f"Mediator Z{code}"


@dataclass
class Invented:
    """One fictional mediator: her profile's fields and the rows of its child tables."""

    index: int
    fields: dict
    expertise: list = field(default_factory=list)
    tracks: list = field(default_factory=list)
    backgrounds: list = field(default_factory=list)
    languages: dict = field(default_factory=dict)
    trainings: list = field(default_factory=list)
    countries: list = field(default_factory=list)

    @property
    def email(self):
        return EMAIL.format(self.index)


def invent(index, areas, now):
    """The fictional mediator number index; the same index always gives the same person."""
    rng = random.Random(index)  # noqa: S311 (demo data)
    culture = rng.choice(CULTURES)
    given, family = rng.choice(culture.given), rng.choice(culture.family)
    name = f"{family} {given}" if culture.family_first else f"{given} {family}"
    (visibility, status), turn = _slot(index)
    person = Invented(index, {"display_name": name})
    person.expertise = _some(rng, areas, turn, 2, 5)
    person.tracks = _some(rng, list(Track), turn, 1, 3)
    person.backgrounds = _some(rng, list(Background), turn, 1, 2)
    person.languages = _languages(rng, culture, turn)
    person.countries = _countries(rng, culture, turn)
    years = rng.randint(2, 35)
    person.trainings = [_training(rng, years, now) for _ in range(rng.randint(0, 4))]
    person.fields |= _about(rng, culture, name, years, person)
    person.fields |= _availability(rng)
    person.fields |= _privacy(rng, index, name, visibility, showcase=turn is not None)
    person.fields |= _review(rng, status, now)
    return person


def _in_turn(choices, turn):
    return [choices[turn % len(choices)]] if turn is not None and choices else []


def _some(rng, choices, turn, low, high):
    """Between low and high of the choices, starting with the one whose turn it is."""
    picked = rng.sample(choices, min(len(choices), rng.randint(low, high)))
    return list(dict.fromkeys([*_in_turn(choices, turn), *picked]))


def _languages(rng, culture, turn):
    languages = {rng.choice(culture.natives): LanguageLevel.NATIVE}
    others = rng.sample(WORKING_LANGUAGES, rng.randint(0, 3))
    for code in _in_turn(WORKING_LANGUAGES, turn) + others:
        languages.setdefault(code, rng.choices(LEVELS, LEVEL_WEIGHTS)[0])
    return languages


def _countries(rng, culture, turn):
    picked = _in_turn(SUBREGION_COUNTRIES, turn) or [rng.choice(PROCESS_COUNTRIES)]
    picked += rng.sample(PROCESS_COUNTRIES, rng.randint(0, 3))
    if rng.random() < 0.4:
        picked.append(rng.choice(culture.homes))
    return list(dict.fromkeys(picked))


def _training(rng, years, now):
    kind = rng.choice(list(TRAININGS))
    hours = None if kind == Training.Kind.DEGREE or rng.random() < 0.2 else rng.randint(8, 400)
    return {
        "title": rng.choice(TRAININGS[kind]),
        "provider": rng.choice(PROVIDERS),
        "year": rng.randint(max(1995, now.year - years - 5), now.year),
        "kind": kind,
        "hours": hours,
    }


def _about(rng, culture, name, years, person):
    home = rng.choice(culture.homes)
    nationalities = [home]
    if rng.random() < 0.2:
        nationalities.append(rng.choice(HUB_COUNTRIES))
    based = rng.choices([home, rng.choice(HUB_COUNTRIES), ""], [65, 25, 10])[0]
    areas = ", ".join(area.name_en.lower() for area in person.expertise[:3])
    places = ", ".join(countries.name(code) for code in person.countries[:3])
    bio = (
        f"*Demo profile: {name} is a fictional person, invented for the development roster.*\n\n"
        f"She has {years} years of experience in {areas}, much of it in {places}. "
        f"{rng.choice(STORIES)}"
    )
    return {
        "headline": f"{rng.choice(ROLES)} (fictional)",
        "bio": bio,
        "pronouns": rng.choice(["she/her", "she/her", ""]),
        "country": based,
        "nationalities": list(dict.fromkeys(nationalities)),
        "years_experience": years,
    }


def _availability(rng):
    availability = rng.choices(list(Mediator.Availability), [40, 45, 15])[0]
    open_to_work = availability != Mediator.Availability.UNAVAILABLE
    deploys = open_to_work and rng.random() < 0.4
    return {
        "availability": availability,
        "deploys_within_72h": deploys,
        "remote_only": open_to_work and not deploys and rng.random() < 0.2,
        "availability_note": rng.choice(NOTES) if rng.random() < 0.3 else "",
        "accepts_contact": rng.random() < 0.85,
    }


def _privacy(rng, index, name, visibility, *, showcase):
    """Visibility and section audiences, with the name, address and pseudonym that follow.

    bulk_create skips Mediator.save(), so this does its work: a protected profile is listed and
    addressed by its pseudonym alone, never by anything derived from her name.
    """
    pseudonym = _pseudonym(index)
    if visibility == Mediator.Visibility.PROTECTED:
        public_name, slug = pseudonym, slugify(pseudonym)
    else:
        # The zero-padded suffix is one Mediator._unique_slug never produces, so no clash.
        public_name, slug = name, f"{slugify(name) or 'mediator'}-{index:05d}"
    audiences = {
        f"{section}_audience": rng.choices(AUDIENCES, AUDIENCE_WEIGHTS)[0]
        for section in Mediator.SECTIONS
    }
    if showcase:
        audiences["regions_audience"] = Audience.PUBLIC
    return {
        "visibility": visibility,
        "pseudonym": pseudonym,
        "public_name": public_name,
        "slug": slug,
        **audiences,
    }


def _review(rng, status, now):
    """Review dates; about a quarter of approved profiles are due for re-verification."""
    if status == Mediator.Status.DRAFT:
        return {"status": status}
    if status == Mediator.Status.SUBMITTED:
        return {"status": status, "submitted_at": now - timedelta(days=rng.randint(0, 20))}
    if status == Mediator.Status.APPROVED:
        overdue = rng.random() < 0.25
        reviewed = now - timedelta(days=rng.randint(366, 900) if overdue else rng.randint(0, 364))
    else:
        reviewed = now - timedelta(days=rng.randint(0, 30))
    review = {
        "status": status,
        "submitted_at": reviewed - timedelta(days=rng.randint(1, 21)),
        "reviewed_at": reviewed,
        "verified_on": timezone.localdate(reviewed) if status == Mediator.Status.APPROVED else None,
    }
    if status != Mediator.Status.APPROVED:
        review["staff_feedback"] = rng.choice(FEEDBACK)
    return review


# Writing.


def seed_mediators(count, stdout):
    """Make sure demo mediators 1 to count exist; create only the missing ones. Returns how many."""
    if not 0 <= count <= MAX_COUNT:
        raise ValueError(f"count must be between 0 and {MAX_COUNT}.")
    areas = list(ExpertiseArea.objects.order_by("position", "pk"))
    now = timezone.now()
    created = 0
    # Biographies name areas and countries in English whatever the active language.
    with translation.override("en"):
        for start in range(1, count + 1, BATCH):
            indices = range(start, min(start + BATCH, count + 1))
            created += _create_batch(indices, areas, now)
            stdout.write(f"  Demo mediators: {indices[-1]} of {count} checked, {created} created")
    stdout.write(f"{created} demo mediators created, {count - created} were already there.")
    return created


def _create_batch(indices, areas, now):
    """Create the missing mediators among indices, all rows at once, with search documents."""
    wanted = {EMAIL.format(index): index for index in indices}
    existing = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    people = [invent(index, areas, now) for email, index in wanted.items() if email not in existing]
    if not people:
        return 0
    with transaction.atomic():
        users = User.objects.bulk_create([_user(person) for person in people])
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        mediators = Mediator.objects.bulk_create(
            Mediator(user=user, **person.fields) for user, person in zip(users, people, strict=True)
        )
        _create_children(zip(mediators, people, strict=True))
        Mediator.refresh_search_of(mediators)
    return len(people)


def _user(person):
    user = User(email=person.email, name=person.fields["display_name"])
    user.set_unusable_password()  # demo people never sign in
    return user


def _create_children(pairs):
    expertise, tracks, backgrounds, languages, trainings, regions = [], [], [], [], [], []
    for mediator, person in pairs:
        expertise += [
            Mediator.expertise.through(mediator=mediator, expertisearea=area)
            for area in person.expertise
        ]
        tracks += [MediatorTrack(mediator=mediator, track=track) for track in person.tracks]
        backgrounds += [
            MediatorBackground(mediator=mediator, background=background)
            for background in person.backgrounds
        ]
        languages += [
            MediatorLanguage(mediator=mediator, code=code, level=level)
            for code, level in person.languages.items()
        ]
        trainings += [Training(mediator=mediator, **training) for training in person.trainings]
        regions += [_experience(mediator, country) for country in person.countries]
    for rows in (expertise, tracks, backgrounds, languages, trainings, regions):
        if rows:
            type(rows[0]).objects.bulk_create(rows)


def _experience(mediator, country):
    """A RegionalExperience with the regions its save() would derive, which bulk_create skips."""
    subregion, region = regions_of(country)
    return RegionalExperience(
        mediator=mediator, country=country, subregion=subregion or "", region=region or ""
    )


# The demo member's own profile.

MEMBER_EXPERTISE = ["process-design", "gender-inclusion", "dialogue-facilitation"]
MEMBER_LANGUAGES = {"sw": LanguageLevel.NATIVE, "en": LanguageLevel.C2, "ar": LanguageLevel.B1}


def seed_member_profile(user):
    """Give the demo member an approved, public, complete profile, unless she has one already."""
    if Mediator.objects.filter(user=user).exists():
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
    mediator.refresh_search()
    return True
