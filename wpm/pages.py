"""The network's own pages as a new site starts with them, in English and German.

The texts are Markdown. A data migration creates them once; from then on they belong to staff, who
edit them in the back office, and nothing here overwrites their edits. The operator details in the
impressum and the privacy policy are a fictional example until the real operator replaces them.
"""

ABOUT_EN = """\
## Who we are

We are a network of women who work in peace mediation: as mediators, as members of mediation teams,
as negotiators, and as advisers to the people who lead peace talks. Some of us work for governments
and international organisations, others for foundations, universities and civil society groups.
What connects us is experience at the table, or close to it, and the conviction that peace
processes are better when women help to shape them.

## Why the network exists

Women bring knowledge of conflicts, of communities and of mediation methods that too often stays
unused. Those who put together a mediation team or a delegation still say that they cannot find
qualified women. The network answers that claim with names, profiles and references. It also gives
its members something many of them miss in their daily work: colleagues to think with, to learn
from and to recommend.

## What we do

- **We make expertise visible.** Our [roster of mediators](/en/mediators/) shows who has worked in
  which regions, on which tracks and in which languages. Each member decides who may see what.
- **We document peace processes.** The [process catalogue](/en/processes/) records who mediated,
  who negotiated and how many women sat at the table.
- **We speak up.** In [position papers, statements and interviews](/en/advocacy/) we argue for more
  women in peace mediation and for a method-based approach to it.
- **We learn together.** Trainings, dialogues and conferences, listed under [events](/en/events/),
  keep our skills current and our exchange alive.

## How we work

A board elected by the members leads the network, supported by a small staff team that reviews
profiles, maintains the catalogue and organises events. We work in English and German and welcome
members from every region of the world. We are independent of any government, and we cooperate with
ministries, international organisations and research institutes wherever that brings more women
into peace processes.

## Get in touch

If you are looking for a mediator, an adviser or a speaker, start with the roster. For anything
else, write to us at [contact@wpm.example.org](mailto:contact@wpm.example.org). If you work in
peace mediation yourself, read [how to join the network](/en/pages/join/).
"""


ABOUT_DE = """\
## Wer wir sind

Wir sind ein Netzwerk von Frauen, die in der Friedensmediation tätig sind: als Mediatorinnen, als
Mitglieder von Mediationsteams, als Verhandlerinnen und als Beraterinnen derjenigen, die
Friedensgespräche leiten. Manche von uns arbeiten für Regierungen und internationale
Organisationen, andere für Stiftungen, Hochschulen und zivilgesellschaftliche Organisationen. Uns
verbindet die Erfahrung am Verhandlungstisch oder in seiner Nähe sowie die Überzeugung, dass
Friedensprozesse besser werden, wenn Frauen sie mitgestalten.

## Warum es das Netzwerk gibt

Frauen verfügen über Wissen zu Konflikten, zu Gemeinschaften und zu Methoden der Mediation, das
viel zu oft ungenutzt bleibt. Wer ein Mediationsteam oder eine Delegation zusammenstellt, sagt noch
immer, es gebe keine qualifizierten Frauen. Das Netzwerk setzt dem Namen, Profile und Referenzen
entgegen. Zugleich bietet es seinen Mitgliedern etwas, das vielen im Arbeitsalltag fehlt:
Kolleginnen, mit denen sie nachdenken, von denen sie lernen und die sie weiterempfehlen können.

## Was wir tun

- **Wir machen Expertise sichtbar.** Unser [Verzeichnis der Mediatorinnen](/de/mediators/) zeigt,
  wer in welchen Regionen, auf welchen Ebenen (Tracks) und in welchen Sprachen gearbeitet hat.
  Jedes Mitglied entscheidet selbst, wer was sehen darf.
- **Wir dokumentieren Friedensprozesse.** Der [Prozesskatalog](/de/processes/) hält fest, wer
  vermittelt und wer verhandelt hat und wie viele Frauen am Tisch saßen.
- **Wir beziehen Stellung.** In [Positionspapieren, Stellungnahmen und Interviews](/de/advocacy/)
  setzen wir uns für mehr Frauen in der Friedensmediation und für ein methodenbasiertes Vorgehen
  ein.
- **Wir lernen gemeinsam.** Fortbildungen, Dialoge und Konferenzen, die Sie unter
  [Veranstaltungen](/de/events/) finden, halten unser Können aktuell und unseren Austausch
  lebendig.

## Wie wir arbeiten

Ein von den Mitgliedern gewählter Vorstand leitet das Netzwerk. Ihn unterstützt ein kleines Team,
das Profile prüft, den Katalog pflegt und Veranstaltungen organisiert. Wir arbeiten auf Englisch
und Deutsch und freuen uns über Mitglieder aus allen Regionen der Welt. Wir sind von Regierungen
unabhängig und arbeiten mit Ministerien, internationalen Organisationen und Forschungsinstituten
zusammen, wo immer das mehr Frauen in Friedensprozesse bringt.

## So erreichen Sie uns

Wenn Sie eine Mediatorin, eine Beraterin oder eine Rednerin suchen, beginnen Sie am besten mit dem
Verzeichnis. Für alle anderen Anliegen schreiben Sie uns an
[contact@wpm.example.org](mailto:contact@wpm.example.org). Wenn Sie selbst in der Friedensmediation
arbeiten, lesen Sie, [wie Sie dem Netzwerk beitreten](/de/pages/join/).
"""


JOIN_EN = """\
## What membership means

Members of the network are women who work in peace mediation or closely alongside it. As a member
you have a profile in our roster, through which governments, international organisations and
colleagues can find you. You see the profiles that other members share with the network, you are
invited to trainings, dialogues and conferences, and you have a say in what the network does.

## Who can join

We welcome women with practical experience in peace mediation, dialogue or negotiation, on any
track and in any region. You may be a mediator or part of a mediation team, a negotiator or an
adviser to a delegation, a specialist in mediation support, or a facilitator of dialogue in
communities. Researchers and trainers who work closely with mediation practice are welcome as well.
What counts is experience that you can describe and that others can confirm.

## How vetting works

People rely on the roster when they put together teams, so our staff review every profile before it
is listed:

1. **Sign up** with your email address and a password of your choice.
2. **Verify your email address** by following the link we send you. You can sign in only after
   that.
3. **Fill in your profile**, one section at a time: your current role, expertise and tracks,
   languages, training, regional experience and availability. You can save as you go and return
   later.
4. **Submit it for review.** Our staff check that the profile is complete and plausible, and may
   ask you for references. If something needs to change, you receive a note and can revise the
   profile before submitting it again.
5. **Choose who sees what.** You decide whether your profile appears on the public roster, to
   signed-in members only, under a pseudonym, or to staff alone. For each section, such as your
   photo or your nationalities, you also choose its audience. You can change these choices whenever
   you like.

Once approved, your profile is listed for the audience you chose. We ask members to look over their
profiles at least once a year, so that the roster stays up to date.

## Your data stays yours

You can download everything we hold about you, or delete your account, at any time. The [privacy
policy](/en/privacy/) explains what we store and why.

## Ready to join?

[Create your account](/en/accounts/signup/) and start your profile today.
"""


JOIN_DE = """\
## Was die Mitgliedschaft bedeutet

Mitglieder des Netzwerks sind Frauen, die in der Friedensmediation oder in enger Verbindung zu ihr
arbeiten. Als Mitglied haben Sie ein Profil in unserem Verzeichnis, über das Regierungen,
internationale Organisationen und Kolleginnen Sie finden können. Sie sehen die Profile, die andere
Mitglieder mit dem Netzwerk teilen, erhalten Einladungen zu Fortbildungen, Dialogen und Konferenzen
und gestalten die Arbeit des Netzwerks mit.

## Wer beitreten kann

Wir freuen uns über Frauen mit praktischer Erfahrung in Friedensmediation, Dialog oder Verhandlung,
auf jeder Ebene und in jeder Region. Vielleicht sind Sie Mediatorin oder Teil eines
Mediationsteams, Verhandlerin oder Beraterin einer Delegation, Fachfrau für Mediationsunterstützung
oder Moderatorin von Dialogen in Gemeinden. Auch Forscherinnen und Trainerinnen, die eng mit der
Mediationspraxis verbunden sind, sind herzlich willkommen. Entscheidend ist Erfahrung, die Sie
beschreiben und die andere bestätigen können.

## Wie die Prüfung abläuft

Wer ein Team zusammenstellt, verlässt sich auf das Verzeichnis. Deshalb prüft unser Team jedes
Profil, bevor es erscheint:

1. **Registrieren Sie sich** mit Ihrer E-Mail-Adresse und einem Passwort Ihrer Wahl.
2. **Bestätigen Sie Ihre E-Mail-Adresse** über den Link, den wir Ihnen senden. Erst danach können
   Sie sich anmelden.
3. **Füllen Sie Ihr Profil aus**, Abschnitt für Abschnitt: Ihre aktuelle Funktion, Expertise und
   Ebenen, Sprachen, Fortbildungen, regionale Erfahrung und Verfügbarkeit. Sie können zwischendurch
   speichern und später weitermachen.
4. **Reichen Sie es zur Prüfung ein.** Unser Team prüft, ob das Profil vollständig und schlüssig
   ist, und bittet Sie gegebenenfalls um Referenzen. Ist eine Änderung nötig, erhalten Sie einen
   Hinweis und können das Profil überarbeiten und erneut einreichen.
5. **Legen Sie fest, wer was sieht.** Sie entscheiden, ob Ihr Profil im öffentlichen Verzeichnis
   erscheint, nur für angemeldete Mitglieder, unter einem Pseudonym oder nur für unser Team. Für
   jeden Abschnitt, etwa Ihr Foto oder Ihre Staatsangehörigkeiten, wählen Sie außerdem, wer ihn
   sehen darf. Diese Einstellungen können Sie jederzeit ändern.

Nach der Freigabe erscheint Ihr Profil für den Personenkreis, den Sie gewählt haben. Wir bitten
unsere Mitglieder, ihr Profil mindestens einmal im Jahr durchzusehen, damit das Verzeichnis aktuell
bleibt.

## Ihre Daten gehören Ihnen

Sie können jederzeit alles herunterladen, was wir über Sie gespeichert haben, oder Ihr Konto
löschen. Die [Datenschutzerklärung](/de/privacy/) erläutert, was wir speichern und warum.

## Bereit für den Beitritt?

[Legen Sie Ihr Konto an](/de/accounts/signup/) und beginnen Sie noch heute mit Ihrem Profil.
"""


PEACE_MEDIATION_EN = """\
## What peace mediation is

Peace mediation helps the parties to an armed or violent conflict reach agreements they cannot
reach on their own. A mediator, or a mediation team, accompanies the parties through their talks:
she helps them understand each other's interests, gives the conversation a structure and proposes
ways forward, while the decisions stay with the parties. Mediation is voluntary. It depends on the
consent of the parties, on the trust they place in the mediator, and on a process designed for the
conflict at hand.

## Who the conflict parties are

Conflict parties are the actors who are fighting, or who have a direct stake in how the fighting
ends: governments, armed movements, political parties and, at times, neighbouring states. Around
them stand others who shape a process without being parties to it, such as guarantors, observers,
donors and the organisations that host the talks.

## Inter-state and intra-state conflicts

Some conflicts are fought between states, over borders, resources or the status of a territory.
Most of today's conflicts, however, are fought within a single state, between a government and
armed groups or among several groups, often with neighbours and distant powers involved.
Intra-state conflicts pose questions of their own: how to engage armed groups without legitimising
violence, and how to include the people who live with the consequences.

## The tracks of peace mediation

Mediation takes place on several levels, known as tracks:

- **Track 1**: official negotiations between representatives of the conflict parties, usually
  governments and the leadership of armed movements. Read more about [Track 1
  mediation](/en/pages/track-1-mediation/).
- **Track 1.5**: informal talks in which officials and people close to the leadership take part in
  a personal capacity, often to test ideas that cannot yet be raised officially.
- **Track 2**: dialogue among civil society, academics, former officials and other influential
  people, without an official mandate.
- **Track 3**: dialogue and reconciliation work in communities, villages and neighbourhoods.

## Instruments of mediation

Mediators and the organisations behind them can draw on several instruments:

- **Mediation support**: technical expertise, for example on ceasefires, constitutions or
  power-sharing; logistics such as venues, travel, security and interpretation; and facilitation
  for the people who lead a process.
- **Mediation-based dialogue with key political decision-makers**, in which a mediator works
  directly with those who have the power to agree.
- **Facilitated dialogue on the other tracks**, which brings together people from civil society,
  communities and expert circles.

## Interlinked processes

The tracks do not run in isolation. Ideas developed in a Track 2 dialogue may reach the official
table by way of a Track 1.5 meeting, and an agreement signed on Track 1 only holds if communities
on Track 3 accept it. Good process design links the tracks on purpose. Our [process
catalogue](/en/processes/) shows these links wherever they are known.
"""


PEACE_MEDIATION_DE = """\
## Was Friedensmediation ist

Friedensmediation hilft den Parteien eines bewaffneten oder gewaltsamen Konflikts, Vereinbarungen
zu erreichen, die sie allein nicht zustande brächten. Eine Mediatorin oder ein Mediationsteam
begleitet die Parteien durch ihre Gespräche: Sie hilft ihnen, die Interessen der anderen Seite zu
verstehen, gibt dem Gespräch eine Struktur und zeigt mögliche Lösungswege auf, während die
Entscheidungen bei den Parteien bleiben. Mediation ist freiwillig. Sie beruht auf der Zustimmung
der Parteien, auf ihrem Vertrauen in die Mediatorin und auf einem Prozess, der auf den jeweiligen
Konflikt zugeschnitten ist.

## Wer die Konfliktparteien sind

Konfliktparteien sind die Akteure, die kämpfen oder die ein unmittelbares Interesse daran haben,
wie die Kämpfe enden: Regierungen, bewaffnete Bewegungen, politische Parteien und manchmal auch
Nachbarstaaten. Um sie herum stehen weitere Akteure, die einen Prozess prägen, ohne selbst Partei
zu sein, etwa Garantiemächte, Beobachter, Geldgeber und die Organisationen, die die Gespräche
ausrichten.

## Zwischenstaatliche und innerstaatliche Konflikte

Manche Konflikte werden zwischen Staaten ausgetragen, um Grenzen, Ressourcen oder den Status eines
Gebiets. Die meisten Konflikte unserer Zeit spielen sich jedoch innerhalb eines Staates ab,
zwischen einer Regierung und bewaffneten Gruppen oder zwischen mehreren Gruppen, oft unter
Beteiligung von Nachbarländern und fernen Mächten. Innerstaatliche Konflikte werfen eigene Fragen
auf: Wie spricht man mit bewaffneten Gruppen, ohne Gewalt zu legitimieren? Und wie bezieht man die
Menschen ein, die mit den Folgen leben?

## Die Ebenen der Friedensmediation

Mediation findet auf mehreren Ebenen statt, den sogenannten Tracks:

- **Track 1**: offizielle Verhandlungen zwischen Vertreterinnen und Vertretern der
  Konfliktparteien, meist Regierungen und die Führung bewaffneter Bewegungen. Mehr dazu unter
  [Mediation auf Track 1](/de/pages/track-1-mediation/).
- **Track 1.5**: informelle Gespräche, an denen Amtsträgerinnen und Amtsträger sowie Personen aus
  dem Umfeld der Führung in persönlicher Eigenschaft teilnehmen, oft um Ideen zu erproben, die
  offiziell noch nicht zur Sprache kommen können.
- **Track 2**: Dialog zwischen Zivilgesellschaft, Wissenschaft, ehemaligen Amtsträgern und anderen
  einflussreichen Personen, ohne offizielles Mandat.
- **Track 3**: Dialog- und Versöhnungsarbeit in Gemeinden, Dörfern und Nachbarschaften.

## Instrumente der Mediation

Mediatorinnen und die Organisationen hinter ihnen können auf mehrere Instrumente zurückgreifen:

- **Mediationsunterstützung**: fachliche Expertise, etwa zu Waffenstillständen, Verfassungen oder
  Machtteilung; Logistik wie Tagungsorte, Reisen, Sicherheit und Dolmetschen; und Moderation für
  diejenigen, die einen Prozess leiten.
- **Mediationsbasierter Dialog mit politischen Entscheidungsträgern**, bei dem eine Mediatorin
  unmittelbar mit denjenigen arbeitet, die die Macht haben, einer Vereinbarung zuzustimmen.
- **Moderierter Dialog auf den anderen Ebenen**, der Menschen aus Zivilgesellschaft, Gemeinden und
  Fachkreisen zusammenbringt.

## Verflochtene Prozesse

Die Ebenen stehen nicht für sich allein. Ideen aus einem Dialog auf Track 2 können über ein Treffen
auf Track 1.5 an den offiziellen Verhandlungstisch gelangen, und ein auf Track 1 unterzeichnetes
Abkommen hält nur, wenn die Gemeinden auf Track 3 es mittragen. Gute Prozessgestaltung verknüpft
die Ebenen bewusst. Unser [Prozesskatalog](/de/processes/) zeigt diese Verbindungen, wo immer sie
bekannt sind.
"""


TRACK_1_MEDIATION_EN = """\
## The official table

Track 1 mediation brings together the official negotiators of the conflict parties and the
political decision-makers who can commit them: heads of state and government, ministers, and the
political and military leaders of armed movements. The mediator is usually mandated by the United
Nations, by a regional organisation such as the African Union or the OSCE, or by one or more
states. What is agreed at this level, be it a ceasefire, a transitional arrangement or a new
distribution of power, binds a whole society.

## Why women are under-represented

Women remain a small minority among chief mediators, among negotiators and among the signatories of
peace agreements. The reasons are well known:

- Delegations are drawn from the leadership of governments and armed movements, where few women
  hold senior positions.
- Mediators are often chosen from a small circle of senior diplomats and former politicians,
  through personal networks rather than open searches.
- The claim that no qualified women are available goes unchallenged as long as nobody can name
  them.
- Security concerns, long travel and the informal culture of high-level talks serve as reasons to
  leave women out.

This affects the outcome. Research on peace agreements indicates that agreements tend to last
longer when women take part in a meaningful way, and that women at the table widen the agenda to
questions such as detainees, displacement, justice and public services.

## A method-based approach

Track 1 mediation is often treated as an art that senior figures master through experience alone.
We take a different view. Mediation at the highest level, too, rests on methods that can be
learned, applied and reviewed:

- a careful analysis of the conflict, the parties and their interests before the first meeting;
- a process design that sets out sequencing, formats and the links to the other tracks;
- teams in which a chief mediator works with thematic experts, process experts and support staff;
- continuous training, and an honest evaluation after every round of talks.

A method-based approach also opens the field. Once mediation is understood as a profession with
shared standards, experience and training count for more than belonging to the right circle. We
therefore ask everyone who appoints mediators and delegations to consider the members of our
[roster](/en/mediators/), and to make public who sits at the table.

## What the network offers

We put experienced women forward for mediation teams and delegations, support members who are
preparing for Track 1 roles, and record participation in the [process catalogue](/en/processes/) so
that progress can be measured. For an overview of all the tracks, see [peace
mediation](/en/pages/peace-mediation/).
"""


TRACK_1_MEDIATION_DE = """\
## Der offizielle Verhandlungstisch

Mediation auf Track 1 bringt die offiziellen Verhandlungsführerinnen und Verhandlungsführer der
Konfliktparteien mit den politischen Entscheidungsträgern zusammen, die diese verpflichten können:
Staats- und Regierungschefs, Ministerinnen und Minister sowie die politische und militärische
Führung bewaffneter Bewegungen. Das Mandat für die Mediation kommt meist von den Vereinten
Nationen, von einer Regionalorganisation wie der Afrikanischen Union oder der OSZE oder von einem
oder mehreren Staaten. Was auf dieser Ebene vereinbart wird, sei es ein Waffenstillstand, eine
Übergangsregelung oder eine neue Verteilung der Macht, bindet eine ganze Gesellschaft.

## Warum Frauen unterrepräsentiert sind

Unter den Chefmediatoren, unter den Verhandelnden und unter den Unterzeichnenden von
Friedensabkommen sind Frauen nach wie vor eine kleine Minderheit. Die Gründe sind bekannt:

- Delegationen werden aus der Führung von Regierungen und bewaffneten Bewegungen gebildet, in der
  nur wenige Frauen Spitzenpositionen innehaben.
- Mediatoren werden oft aus einem kleinen Kreis erfahrener Diplomaten und ehemaliger Politiker
  ausgewählt, über persönliche Netzwerke statt über offene Suchverfahren.
- Die Behauptung, es gebe keine qualifizierten Frauen, bleibt unwidersprochen, solange niemand sie
  beim Namen nennen kann.
- Sicherheitsbedenken, lange Reisen und die informelle Kultur hochrangiger Gespräche dienen als
  Begründung, Frauen außen vor zu lassen.

Das wirkt sich auf das Ergebnis aus. Untersuchungen zu Friedensabkommen deuten darauf hin, dass
Vereinbarungen länger halten, wenn Frauen wirksam beteiligt sind, und dass Frauen am Tisch die
Agenda um Fragen wie Gefangene, Vertreibung, Gerechtigkeit und öffentliche Dienstleistungen
erweitern.

## Ein methodenbasierter Ansatz

Mediation auf Track 1 gilt oft als Kunst, die hochrangige Persönlichkeiten allein durch Erfahrung
beherrschen. Wir sehen das anders. Auch Mediation auf höchster Ebene beruht auf Methoden, die sich
erlernen, anwenden und überprüfen lassen:

- eine sorgfältige Analyse des Konflikts, der Parteien und ihrer Interessen vor dem ersten Treffen;
- ein Prozessdesign, das Abfolge, Formate und die Verbindungen zu den anderen Ebenen festlegt;
- Teams, in denen eine Chefmediatorin mit Fachleuten für Sachfragen, Prozessexpertinnen und
  unterstützendem Personal zusammenarbeitet;
- kontinuierliche Fortbildung und eine ehrliche Auswertung nach jeder Gesprächsrunde.

Ein methodenbasierter Ansatz öffnet zugleich das Feld. Wird Mediation als Beruf mit gemeinsamen
Standards verstanden, zählen Erfahrung und Ausbildung mehr als die Zugehörigkeit zum richtigen
Kreis. Deshalb bitten wir alle, die Mediatorinnen und Delegationen benennen, die Mitglieder unseres
[Verzeichnisses](/de/mediators/) zu berücksichtigen und offenzulegen, wer am Tisch sitzt.

## Was das Netzwerk bietet

Wir schlagen erfahrene Frauen für Mediationsteams und Delegationen vor, unterstützen Mitglieder,
die sich auf Aufgaben auf Track 1 vorbereiten, und erfassen die Beteiligung im
[Prozesskatalog](/de/processes/), damit sich Fortschritte messen lassen. Einen Überblick über alle
Ebenen gibt die Seite [Friedensmediation](/de/pages/peace-mediation/).
"""


IMPRESSUM_EN = """\
*The details of the operator on this page are a fictional example. Before the site goes live, they
are replaced with those of the real operator.*

## Provider of this website

Information pursuant to § 5 of the German Digital Services Act (Digitale-Dienste-Gesetz, DDG):

- Operator: Women in Peace Mediation Network (example)
- Address: Musterstraße 1, 10117 Berlin, Germany
- Email: [contact@wpm.example.org](mailto:contact@wpm.example.org)
- Represented by: the board

## How to reach us

The quickest way to reach us is by email. We answer enquiries as soon as we can, as a rule within
two working days. Letters reach us at the address above.

## Responsible for the content

Responsible for journalistic and editorial content pursuant to § 18 (2) of the German Interstate
Media Treaty (Medienstaatsvertrag, MStV): the board of the Women in Peace Mediation Network
(example), at the address given above.

## Content written by members

Members write the profiles in the [roster](/en/mediators/) themselves, and our staff review them
before they are listed. Articles signed by a named author express her views, which are not
necessarily those of the network. If you believe that something on this site is wrong or infringes
your rights, please tell us. We will look into it promptly and correct or remove the content where
necessary.

## Links to other websites

Our pages and articles link to the websites of other organisations. We check these sites when we
set a link, but we have no influence on what they publish later and are not responsible for it. If
a link no longer leads where it should, we are grateful for a short note.

## Copyright

The texts on this site are written by the network and its members. Unless stated otherwise, you may
quote from them if you name the source; please ask us before reproducing whole articles. Photos of
members may not be reused without the consent of the person shown.

## Language versions

This notice exists in English and German. If the two versions differ, the German one applies.
"""


IMPRESSUM_DE = """\
*Die Angaben zum Anbieter auf dieser Seite sind ein erfundenes Beispiel. Bevor die Website online
geht, werden sie durch die Angaben des tatsächlichen Anbieters ersetzt.*

## Anbieter dieser Website

Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG):

- Anbieter: Women in Peace Mediation Network (example)
- Anschrift: Musterstraße 1, 10117 Berlin, Deutschland
- E-Mail: [contact@wpm.example.org](mailto:contact@wpm.example.org)
- Vertreten durch: den Vorstand

## So erreichen Sie das Netzwerk

Am schnellsten erreichen Sie uns per E-Mail. Wir beantworten Anfragen so bald wie möglich, in der
Regel innerhalb von zwei Werktagen. Briefe erreichen uns unter der oben genannten Anschrift.

## Verantwortlich für den Inhalt

Verantwortlich für journalistisch-redaktionelle Inhalte nach § 18 Abs. 2 Medienstaatsvertrag
(MStV): der Vorstand des Women in Peace Mediation Network (example), Anschrift wie oben.

## Inhalte von Mitgliedern

Die Profile im [Verzeichnis](/de/mediators/) verfassen die Mitglieder selbst; unser Team prüft sie,
bevor sie erscheinen. Namentlich gekennzeichnete Beiträge geben die Meinung ihrer Autorin wieder,
die nicht unbedingt die des Netzwerks ist. Wenn Sie der Ansicht sind, dass etwas auf dieser Website
falsch ist oder Ihre Rechte verletzt, teilen Sie uns das bitte mit. Wir gehen dem umgehend nach und
berichtigen oder entfernen Inhalte, wo es nötig ist.

## Links auf andere Websites

Unsere Seiten und Beiträge verweisen auf Websites anderer Organisationen. Wir prüfen diese Seiten,
wenn wir einen Link setzen, haben aber keinen Einfluss darauf, was sie später veröffentlichen, und
sind dafür nicht verantwortlich. Sollte ein Link nicht mehr dorthin führen, wohin er soll, sind wir
für einen kurzen Hinweis dankbar.

## Urheberrecht

Die Texte auf dieser Website stammen vom Netzwerk und seinen Mitgliedern. Soweit nicht anders
angegeben, dürfen Sie daraus mit Quellenangabe zitieren; bitte fragen Sie uns, bevor Sie ganze
Beiträge übernehmen. Fotos von Mitgliedern dürfen ohne Einwilligung der abgebildeten Person nicht
weiterverwendet werden.

## Sprachfassungen

Dieses Impressum liegt auf Deutsch und Englisch vor. Weichen die beiden Fassungen voneinander ab,
gilt die deutsche.
"""


PRIVACY_EN = """\
This policy explains what personal data this site processes, why, on which legal basis and for how
long, and what rights you have. We collect only what the site needs to work.

## Controller

The controller under the General Data Protection Regulation (GDPR) is the Women in Peace Mediation
Network (example), Musterstraße 1, 10117 Berlin, Germany, represented by its board. Contact:
[contact@wpm.example.org](mailto:contact@wpm.example.org).

## Visiting the site

To deliver the pages and fend off attacks, the web server processes your IP address, the time, the
address requested and your browser's identification; these logs are deleted after seven days. To
slow down automated attacks, the site counts sign-in and form attempts per IP address for at most
one hour. Legal basis: Art. 6(1)(f) GDPR, our legitimate interest in a secure site.

## Cookies, analytics and third parties

The site sets only a session cookie, which keeps you signed in, and a CSRF cookie, which protects
forms against forgery. Both are strictly necessary (§ 25(2) no. 2 TDDDG), so we do not ask for
consent. There is no analytics and no advertising, and your browser requests nothing from other
servers: no content delivery network, fonts, scripts, maps or videos.

## Your account and profile

For your account we store your email address, a hash of your password, your name if you give it,
when you agreed to this policy and, if you use it, your two-factor authentication. We also record
your active sessions (IP address, browser, last activity) so that you can review and end them.

Your profile holds what you tell us about your work, in sections such as biography, expertise,
languages, nationalities and availability. For each section you choose its audience: everyone,
signed-in members or staff only. Our staff review profiles and keep a record of the changes they
make. Legal bases: Art. 6(1)(b) GDPR for membership; your consent under Art. 6(1)(a) and, where a
section reveals sensitive information, Art. 9(2)(a) GDPR for what you choose to show others.

## Photos

An uploaded photo is re-encoded in two sizes under a random file name. This removes all metadata,
such as location, camera and date, and the original file is not kept.

## Contact messages

Visitors can write to a mediator through her profile without learning her email address. We store
the sender's name, email address, organisation, purpose and message, and relay the message to the
mediator by email at once. The stored copy helps us deal with misuse and is deleted automatically
after 180 days. Legal basis: Art. 6(1)(f) GDPR.

## Recipients and storage periods

The site is hosted in the European Union by a provider bound to our instructions under Art. 28
GDPR. Sessions end when you sign out, or after two weeks at the latest. Your account and profile
are kept until you delete them; deletion takes effect at once and also removes your photo and the
messages you received.

## Your rights

- **Access** (Art. 15 GDPR) and **export** in a machine-readable format (Art. 20): download your
  data at any time under [Your data](/en/me/data/).
- **Rectification** (Art. 16): correct your profile under [My profile](/en/me/), or ask us.
- **Erasure** (Art. 17): [delete your account](/en/me/delete/) yourself, with immediate effect.
- **Restriction** of processing (Art. 18) and **objection** to processing based on legitimate
  interests (Art. 21).
- **Withdrawal** of consent at any time, with effect for the future (Art. 7(3)).
- **Complaint** to a supervisory authority (Art. 77), such as the Berlin Commissioner for Data
  Protection and Freedom of Information or the authority where you live or work.

We answer requests within one month.
"""


PRIVACY_DE = """\
Diese Erklärung beschreibt, welche personenbezogenen Daten diese Website verarbeitet, wozu, auf
welcher Rechtsgrundlage und wie lange, und welche Rechte Sie haben. Wir erheben nur, was die
Website zum Funktionieren braucht.

## Verantwortliche Stelle

Verantwortlich im Sinne der Datenschutz-Grundverordnung (DSGVO) ist das Women in Peace Mediation
Network (example), Musterstraße 1, 10117 Berlin, vertreten durch den Vorstand. Kontakt:
[contact@wpm.example.org](mailto:contact@wpm.example.org).

## Beim Besuch der Website

Um die Seiten auszuliefern und Angriffe abzuwehren, verarbeitet der Webserver Ihre IP-Adresse, den
Zeitpunkt, die aufgerufene Adresse und die Kennung Ihres Browsers; diese Protokolle werden nach
sieben Tagen gelöscht. Um automatisierte Angriffe zu bremsen, zählt die Website Anmelde- und
Formularversuche je IP-Adresse für höchstens eine Stunde. Rechtsgrundlage ist Art. 6 Abs. 1 lit. f
DSGVO, unser berechtigtes Interesse an einer sicheren Website.

## Cookies, Analyse und Dritte

Die Website setzt nur ein Sitzungscookie, das Sie angemeldet hält, und ein CSRF-Cookie, das
Formulare vor Fälschung schützt. Beide sind unbedingt erforderlich (§ 25 Abs. 2 Nr. 2 TDDDG);
deshalb fragen wir keine Einwilligung ab. Es gibt keine Reichweitenanalyse und keine Werbung, und
Ihr Browser lädt nichts von fremden Servern: kein Content Delivery Network, keine Schriften,
Skripte, Karten oder Videos.

## Ihr Konto und Ihr Profil

Für Ihr Konto speichern wir Ihre E-Mail-Adresse, einen Hashwert Ihres Passworts, Ihren Namen, falls
Sie ihn angeben, den Zeitpunkt Ihrer Zustimmung zu dieser Erklärung und, falls Sie sie nutzen, Ihre
Zwei-Faktor-Authentifizierung. Außerdem erfassen wir Ihre aktiven Sitzungen (IP-Adresse, Browser,
letzte Aktivität), damit Sie diese einsehen und beenden können.

Ihr Profil enthält, was Sie uns über Ihre Arbeit mitteilen, gegliedert in Abschnitte wie Biografie,
Expertise, Sprachen, Staatsangehörigkeiten und Verfügbarkeit. Für jeden Abschnitt wählen Sie, wer
ihn sehen darf: alle, angemeldete Mitglieder oder nur unser Team. Unser Team prüft die Profile und
protokolliert eigene Änderungen. Rechtsgrundlage für die Mitgliedschaft ist Art. 6 Abs. 1 lit. b
DSGVO. Was Sie anderen zeigen, beruht auf Ihrer Einwilligung nach Art. 6 Abs. 1 lit. a und, soweit
ein Abschnitt sensible Angaben enthält, nach Art. 9 Abs. 2 lit. a DSGVO.

## Fotos

Ein hochgeladenes Foto wird in zwei Größen unter einem zufälligen Dateinamen neu kodiert. Dabei
gehen alle Metadaten wie Aufnahmeort, Kamera und Datum verloren; die Originaldatei wird nicht
aufbewahrt.

## Kontaktnachrichten

Besucherinnen und Besucher können einer Mediatorin über ihr Profil schreiben, ohne ihre
E-Mail-Adresse zu erfahren. Wir speichern Name, E-Mail-Adresse, Organisation, Anliegen und
Nachricht der absendenden Person und leiten die Nachricht sofort per E-Mail an die Mediatorin
weiter. Die gespeicherte Kopie hilft uns, Missbrauch zu begegnen, und wird nach 180 Tagen
automatisch gelöscht. Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO.

## Empfänger und Speicherdauer

Die Website liegt bei einem Hosting-Dienstleister in der Europäischen Union, der nach Art. 28 DSGVO
an unsere Weisungen gebunden ist. Sitzungen enden mit der Abmeldung, spätestens nach zwei Wochen.
Konto und Profil bleiben gespeichert, bis Sie sie löschen; die Löschung wirkt sofort und entfernt
auch Ihr Foto und die Nachrichten, die Sie erhalten haben.

## Ihre Rechte

- **Auskunft** (Art. 15 DSGVO) und **Datenübertragbarkeit** in einem maschinenlesbaren Format (Art.
  20): Laden Sie Ihre Daten jederzeit unter [Ihre Daten](/de/me/data/) herunter.
- **Berichtigung** (Art. 16): Korrigieren Sie Ihr Profil unter [Mein Profil](/de/me/) oder wenden
  Sie sich an uns.
- **Löschung** (Art. 17): [Löschen Sie Ihr Konto](/de/me/delete/) selbst, mit sofortiger Wirkung.
- **Einschränkung** der Verarbeitung (Art. 18) und **Widerspruch** gegen eine Verarbeitung, die auf
  berechtigten Interessen beruht (Art. 21).
- **Widerruf** einer Einwilligung jederzeit mit Wirkung für die Zukunft (Art. 7 Abs. 3).
- **Beschwerde** bei einer Aufsichtsbehörde (Art. 77), etwa bei der Berliner Beauftragten für
  Datenschutz und Informationsfreiheit oder bei der Behörde an Ihrem Wohn- oder Arbeitsort.

Anfragen beantworten wir innerhalb eines Monats.
"""


# slug, place, position, English title, German title, English text, German text
PAGES = [
    ("about", "main", 1, "About the network", "Über das Netzwerk", ABOUT_EN, ABOUT_DE),
    ("join", "main", 2, "Join the network", "Dem Netzwerk beitreten", JOIN_EN, JOIN_DE),
    (
        "peace-mediation",
        "none",
        3,
        "Peace mediation",
        "Friedensmediation",
        PEACE_MEDIATION_EN,
        PEACE_MEDIATION_DE,
    ),
    (
        "track-1-mediation",
        "none",
        4,
        "Track 1 mediation",
        "Mediation auf Track 1",
        TRACK_1_MEDIATION_EN,
        TRACK_1_MEDIATION_DE,
    ),
    ("impressum", "footer", 1, "Impressum", "Impressum", IMPRESSUM_EN, IMPRESSUM_DE),
    ("privacy", "footer", 2, "Privacy policy", "Datenschutzerklärung", PRIVACY_EN, PRIVACY_DE),
]
SLUGS = [slug for slug, *_ in PAGES]


def ensure_pages(page_model):
    """Create the starting pages that are missing, published; a page that exists stays as it is.

    Takes the model as an argument so that a migration can pass its historical Page. Returns the
    slugs of the pages it created.
    """
    created = []
    for slug, place, position, title_en, title_de, body_en, body_de in PAGES:
        _page, was_created = page_model.objects.get_or_create(
            slug=slug,
            defaults={
                "title_en": title_en,
                "title_de": title_de,
                "body_en": body_en,
                "body_de": body_de,
                "place": place,
                "position": position,
                "status": "published",
            },
        )
        if was_created:
            created.append(slug)
    return created
