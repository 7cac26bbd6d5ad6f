"""What the invented mediators are made of: names, languages, countries, careers.

Every person the demo invents is combined at random from these lists, so none is real: names
from one culture's given and family names, a career from the roles and stories below, trainings
from providers that do not exist.
"""

from dataclasses import dataclass

from mediators.choices import LanguageLevel
from mediators.models import Training

from .ensure import split


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
        split("Amal, Rania, Huda, Samira, Nour, Layla, Salma, Dalia, Rim, Ghada, Maysa, Hanan"),
        split("Haddad, Khoury, Mansour, Nasser, Saleh, Darwish, Qasim, Barakat, Hamdan, Sabbagh"),
        ["ar"],
        split("SD, SY, LB, YE, IQ, JO, EG, TN, LY, PS"),
    ),
    Culture(
        split("Aïssata, Mariam, Fatoumata, Kadiatou, Rokia, Awa, Oumou, Binta, Hawa, Adama"),
        split("Traoré, Diallo, Keïta, Coulibaly, Sangaré, Maïga, Cissé, Diarra, Konaté, Sow"),
        ["bm", "ff", "wo"],
        split("ML, NE, BF, SN, GN"),
    ),
    Culture(
        split("Ngozi, Chiamaka, Folake, Amaka, Yetunde, Halima, Zainab, Efua, Akosua, Abena"),
        split("Okafor, Adeyemi, Eze, Balogun, Nwosu, Abubakar, Mensah, Owusu, Boateng, Danjuma"),
        ["ha", "yo", "ig"],
        split("NG, GH"),
    ),
    Culture(
        split("Wanjiru, Achieng, Nyokabi, Zawadi, Neema, Auma, Rehema, Imani, Njeri, Makena"),
        split("Kamau, Otieno, Mwangi, Wekesa, Kiprono, Njoroge, Odhiambo, Mushi, Kariuki"),
        ["sw"],
        split("KE, TZ, UG"),
    ),
    Culture(
        split("Hiwot, Meron, Selamawit, Tigist, Luwam, Senait, Bethlehem, Mahlet, Rahel"),
        split("Tesfaye, Bekele, Gebremedhin, Mekonnen, Tadesse, Alemu, Berhane, Woldemariam"),
        ["am", "ti", "om"],
        split("ET, ER"),
    ),
    Culture(
        split("Ayan, Hodan, Faduma, Ubah, Sahra, Idil, Nimco, Ladan, Hibaaq"),
        split("Warsame, Farah, Abdi, Jama, Nur, Egal, Osman, Duale, Hirsi"),
        ["so"],
        split("SO, DJ"),
    ),
    Culture(
        split("Clarisse, Espérance, Solange, Nadine, Grâce, Béatrice, Odile, Chantal"),
        split("Mukendi, Mbuyi, Nzeza, Nyiramana, Uwase, Habimana, Ilunga, Kalombo, Niyonzima"),
        ["ln", "rw", "rn"],
        split("CD, RW, BI, CF, CM"),
    ),
    Culture(
        split("Lucía, Valentina, Camila, Mariana, Ximena, Paola, Adriana, Gabriela, Alejandra"),
        split("Restrepo, Quintero, Castillo, Herrera, Vargas, Ortega, Salazar, Cifuentes, Ibarra"),
        ["es"],
        split("CO, VE, GT, MX, PE, CL, AR, HN"),
    ),
    Culture(
        split("Nilda, Juana, Yolanda, Rosalía, Felicitas, Eulalia, Norma"),
        split("Mamani, Quispe, Condori, Huanca, Choque, Apaza"),
        ["qu"],
        split("BO, PE"),
    ),
    Culture(
        split("Marie-Claude, Nadège, Roseline, Guerda, Fabienne, Yolette, Mirlande"),
        split("Jean-Baptiste, Pierre-Louis, Désir, Fleurant, Lafontant, Saint-Fleur"),
        ["ht"],
        ["HT"],
    ),
    Culture(
        split("Beatriz, Joana, Ana Paula, Luísa, Marta, Inês, Teresa, Fernanda, Helena"),
        split("Nhantumbo, Mabunda, Almeida, Ferreira, Tembe, Cossa, Pereira, Sitoe, Lopes"),
        ["pt"],
        split("MZ, AO, BR, PT, GW"),
    ),
    Culture(
        split("Olena, Iryna, Oksana, Nataliia, Kateryna, Halyna, Solomiia, Yaryna"),
        split("Kovalenko, Shevchuk, Bondarenko, Melnyk, Tkachenko, Kravets, Hnatiuk, Savchuk"),
        ["uk"],
        ["UA"],
    ),
    Culture(
        split("Nino, Tamar, Ketevan, Salome, Natia, Maia, Eka"),
        split("Beridze, Kapanadze, Gelashvili, Lomidze, Tsiklauri, Chkheidze, Kiknadze"),
        ["ka"],
        ["GE"],
    ),
    Culture(
        split("Anahit, Lusine, Armine, Siranush, Gayane, Nairi, Tatevik"),
        split("Hakobyan, Petrosyan, Grigoryan, Avetisyan, Manukyan, Ghazaryan, Vardanyan"),
        ["hy"],
        ["AM"],
    ),
    Culture(
        split("Leyla, Aysel, Günel, Nigar, Sevinj, Konul, Lala"),
        split("Mammadova, Huseynova, Guliyeva, Hasanova, Abbasova, Rzayeva, Jafarova"),
        ["az"],
        ["AZ"],
    ),
    Culture(
        split("Aigerim, Aizhan, Gulnara, Dinara, Asel, Cholpon, Zarina"),
        split("Toktogulova, Sadykova, Nurlanova, Bekova, Asanova, Rakhimova, Usenova"),
        ["ky", "kk", "tg", "ru"],
        split("KG, KZ, TJ"),
    ),
    Culture(
        split("Amra, Jasmina, Vesna, Mirela, Lejla, Arta, Drita, Vjosa, Tanja"),
        split("Hadžić, Kovačević, Begović, Krasniqi, Gashi, Petrović, Mehmedović, Hoxha"),
        ["bs", "sr", "sq", "mk"],
        split("BA, RS, XK, MK, AL"),
    ),
    Culture(
        split("Elif, Zeynep, Ayşe, Deniz, Selin, Nilüfer, Gülşen, Ebru"),
        split("Öztürk, Demir, Şahin, Kaya, Özdemir, Arslan, Çelik, Koç"),
        ["tr"],
        split("TR, CY"),
    ),
    Culture(
        split("Parisa, Farzana, Roya, Nargis, Tahmina, Soraya, Laleh, Maryam, Zarghona"),
        split("Rahimi, Ahmadzai, Sultani, Karimi, Noori, Hashimi, Azimi, Safi, Popal"),
        ["fa", "ps"],
        split("AF, IR"),
    ),
    Culture(
        split("Sunita, Anjali, Meera, Sabina, Kumari, Binita, Pramila"),
        split("Shrestha, Gurung, Tamang, Rai, Thapa, Magar, Adhikari"),
        ["ne"],
        ["NP"],
    ),
    Culture(
        split("Anusha, Dilini, Shanthi, Nirosha, Tharushi, Kavitha, Malathi"),
        split("Perera, Fernando, Wickramasinghe, Ratnayake, Sivakumar, Nadarajah"),
        ["si", "ta"],
        ["LK"],
    ),
    Culture(
        split("Nasreen, Farida, Rukhsana, Shazia, Tahira, Sultana, Rehana"),
        split("Rahman, Chowdhury, Qureshi, Malik, Siddiqui, Begum, Haque"),
        ["bn", "ur"],
        split("BD, PK"),
    ),
    Culture(
        split("Hnin, Thandar, Ei Ei, Su Su, Khin, May, Nandar, Thiri"),
        split("Wai Phyo, Mon Kyaw, Thet Hlaing, Myat Noe, Zin Htet, Lwin Oo"),
        ["my"],
        ["MM"],
    ),
    Culture(
        split("Rosario, Liza, Josefina, Carmela, Marites, Imelda, Jocelyn"),
        split("Dimaculangan, Bautista, Villanueva, Macaraeg, Tolentino, Agbayani, Lumbayan"),
        ["tl"],
        ["PH"],
    ),
    Culture(
        split("Siti, Dewi, Ratna, Wulan, Intan, Ayu, Kartika"),
        split("Lestari, Kusumawati, Handayani, Susanti, Rahayu, Pratiwi"),
        ["id"],
        split("ID, TL"),
    ),
    Culture(
        split("Siriporn, Pimchanok, Kanya, Nattaya, Malee, Ratana"),
        split("Srisuk, Chaiyaporn, Rattanakul, Boonmee, Kongkaew, Saetang"),
        ["th"],
        ["TH"],
    ),
    Culture(
        split("Xiaoling, Meiling, Yuqing, Huilan, Jingyi, Ruolan"),
        split("Chen, Zhou, Lin, Huang, Xu, Guo"),
        ["zh"],
        split("CN, SG"),
        family_first=True,
    ),
    Culture(
        split("Haruka, Aiko, Emiko, Sayuri, Noriko, Chihiro"),
        split("Takahashi, Nakamura, Kobayashi, Morita, Fujiwara, Ishikawa"),
        ["ja"],
        ["JP"],
    ),
    Culture(
        split("Ji-yeon, Min-seo, Soo-jin, Hye-won, Eun-ji, Seo-yeon"),
        split("Park, Choi, Jung, Han, Yoon, Kang"),
        ["ko"],
        ["KR"],
        family_first=True,
    ),
    Culture(
        split("Losana, Mere, Litia, Vaimoana, Makereta, Ana, Seini"),
        split("Ratuvou, Fifita, Taufa, Kaitani, Soakai, Waqa, Lealaiauloto"),
        ["fj", "to", "sm"],
        split("FJ, TO, WS"),
    ),
    Culture(
        split("Agnes, Lilly, Rosalyn, Dorcas, Serah, Miriam"),
        split("Moiba, Kilepa, Tovue, Wagambie, Iamo, Tarilongi"),
        ["ho", "bi", "en"],
        split("PG, SB, VU"),
    ),
    Culture(
        split("Katharina, Annelie, Friederike, Johanna, Ulrike, Franziska, Corinna, Lea"),
        split("Brandstätter, Wehrli, Hofmeister, Kessler, Vogt, Baumgartner, Eberle, Kühn"),
        ["de"],
        split("DE, AT, CH"),
    ),
    Culture(
        split("Ingrid, Sigrid, Astrid, Maja, Liv, Kaisa, Elin, Tuulikki"),
        split("Lindqvist, Haugen, Virtanen, Nyström, Bergström, Dahl, Korhonen, Søndergaard"),
        ["sv", "nb", "fi", "da"],
        split("SE, NO, FI, DK"),
    ),
    Culture(
        split("Siobhan, Eleanor, Fiona, Catriona, Bronwyn, Harriet, Rosalind, Imogen"),
        split("Ashcroft, McAllister, Pemberton, O'Donnell, Fairweather, Thornbury, Kilbride"),
        ["en"],
        split("GB, IE, US, CA, AU, NZ"),
    ),
    Culture(
        split("Océane, Margaux, Clémence, Solène, Apolline, Maëlle"),
        split("Lefèvre, Garnier, Rousseau, Delacroix, Marchand, Bonnet"),
        ["fr"],
        split("FR, BE, CH"),
    ),
]

# Working languages besides the native one, repeated by how often mediators use them.
WORKING_LANGUAGES = split(
    "en, en, en, fr, fr, ar, ar, es, es, ru, pt, de, sw, zh, tr, fa, uk, am, so"
)
# The showcase profiles take the working languages in turn from Arabic, so that the first, a
# Track 1 mediator with experience in Kenya, answers a question the roster is asked: who
# speaks Arabic with Track 1 experience in the Horn of Africa?
SHOWCASE_LANGUAGES = WORKING_LANGUAGES[5:] + WORKING_LANGUAGES[:5]
LEVELS = list(LanguageLevel)
LEVEL_WEIGHTS = [3, 5, 10, 20, 30, 25, 7]

# One country per M49 sub-region, cycled through so every region and sub-region has someone.
SUBREGION_COUNTRIES = split(
    "KE, SD, ML, CD, ZA, CO, GT, HT, US, UA, GE, AF, MM, KG, MN, BA, GB, CH, AU, PG, KI, WS"
)
# Where most peace processes happen, so the roster clusters where the work is.
PROCESS_COUNTRIES = split(
    "KE, SD, SS, SO, ET, ML, NE, NG, TD, CF, CD, MZ, LY, CO, VE, GT, HN, UA, GE, AM, AZ, MD, "
    "SY, YE, IQ, LB, AF, NP, LK, MM, PH, TH, TL, PG, SB, BA, XK, CY"
)
# Hubs where mediators are based when not at home.
HUB_COUNTRIES = split("CH, KE, ET, US, BE, NL, AT, DE, GB, FR, SN, JO, TH, NO, SE")

ROLES = split(
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
PROVIDERS = split(
    "Example Mediation Academy, Demo University, Sample Peace Research Centre, "
    "Fictional Institute for Dialogue, Placeholder School of Diplomacy"
)
