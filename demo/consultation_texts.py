"""What the demo's consultations say: the committees' questions, the public's contributions and what the
committee heard. Invented, in the register of a Danish municipality."""

from __future__ import annotations

# --- "Bevægelse i hverdagen": open now, on two questions and one section of the draft.

MOVEMENT_DRAFT = [
    {
        "key": "",
        "heading": "Gå- og cykelruter",
        "body": (
            "Kommunen markerer tre gå- og cykelruter i hver bydel, med skilte, bænke og lys, så det er let "
            "at vælge benene eller cyklen til skole, arbejde og indkøb.\n\n"
            "Ruterne lægges, hvor mange allerede færdes, og de forbindes med stationerne."
        ),
    },
    {
        "key": "",
        "heading": "Bevægelse på arbejdet",
        "body": (
            "Kommunens egne arbejdspladser går forrest med gå-møder, cykelparkering og pauser med bevægelse."
        ),
    },
]

MOVEMENT_TITLE = "Bevægelse i hverdagen: hvad skal der til?"
MOVEMENT_INTRO = (
    "Opgaveudvalget for bevægelse i hverdagen skal foreslå tre initiativer, der får flere til at bevæge "
    "sig. Før udvalget skriver sit forslag færdigt, vil vi gerne høre fra dig: hvad får dig op af stolen, "
    "hvad holder dig tilbage, og hvad synes du om udvalgets første udkast til gå- og cykelruter?\n\n"
    "Alle, der bor, arbejder eller går i skole i kommunen, kan skrive et bidrag. Udvalget læser alle bidrag "
    "og fortæller, når høringen er slut, hvad det har hørt, og hvordan det har brugt det."
)
MOVEMENT_QUESTIONS = [
    (
        "Hvad får dig til at bevæge dig i hverdagen?",
        "Fortæl gerne om både de gode dage og de travle, og om det, der gør det let for dig.",
    ),
    ("Hvad holder dig tilbage fra at bevæge dig mere?", ""),
]

# (question number 1 to 3, where 3 is the draft section; author index; text; organisation or "")
MOVEMENT_CONTRIBUTIONS = [
    (
        1,
        0,
        "Jeg cykler til arbejde, når der er en sikker cykelsti hele vejen. Den sidste kilometer ved "
        "Lyngbyvej er det, der afgør det.",
        "",
    ),
    (
        1,
        1,
        "Hunden! Den skal ud tre gange om dagen, så jeg går mindst fem kilometer uden at tænke over det.",
        "",
    ),
    (
        1,
        2,
        "Vores gå-klub mødes hver tirsdag kl. 10 ved biblioteket. Det faste tidspunkt og kaffen bagefter "
        "er det, der får folk af sted.",
        "Ældre Sagen Gentofte",
    ),
    (
        1,
        3,
        "Når børnene cykler selv til skole, går jeg med det første stykke. Det er blevet vores bedste "
        "snak om dagen.",
        "",
    ),
    (
        1,
        4,
        "Trapper frem for elevator på arbejdet. Det lyder lille, men det er fire etager flere gange "
        "om dagen.",
        "",
    ),
    (
        1,
        5,
        "Vi har 400 medlemmer, der spiller badminton om aftenen. Mange starter, fordi en kollega tager dem "
        "med første gang.",
        "Gentofte Badmintonklub",
    ),
    (1, 6, "Jeg går, når jeg kan lytte til en podcast. Det er min tid alene.", ""),
    (1, 7, "Fællesskabet. Jeg løber ikke alene, men jeg løber gerne med løbeklubben lørdag morgen.", ""),
    (1, 8, "Gode, oplyste stier om vinteren. Når det er mørkt kl. 16, går jeg kun, hvor der er lys.", ""),
    (1, 9, "Min læge anbefalede daglige gåture efter min operation. Nu er det en vane.", ""),
    (
        1,
        10,
        "Eleverne bevæger sig mere, når skolegården har noget at klatre på og plads til boldspil i "
        "frikvarteret.",
        "Skolebestyrelsen ved Ordrup Skole",
    ),
    (
        1,
        11,
        "Bycykler ved stationen ville gøre, at jeg cyklede det sidste stykke i stedet for at tage bussen.",
        "",
    ),
    (2, 0, "Tid. Mellem arbejde, børn og indkøb er der ikke en time tilovers.", ""),
    (
        2,
        2,
        "Mange ældre er bange for at falde, når fortovene er glatte eller ujævne. Det holder dem inde.",
        "Ældre Sagen Gentofte",
    ),
    (2, 3, "Trafikken på Jægersborg Allé. Jeg tør ikke lade mine børn cykle der.", ""),
    (2, 12, "Jeg har ondt i knæet og ved ikke, hvilken slags bevægelse der er god for mig.", ""),
    (2, 13, "Prisen. Et fitnessabonnement er dyrt, og jeg ved ikke, hvad der ellers findes.", ""),
    (2, 14, "Det er svært at finde ud af, hvilke foreninger der tager imod voksne begyndere.", ""),
    (2, 15, "Der mangler toiletter og bænke langs stierne. Jeg kan ikke gå langt uden en pause.", ""),
    (2, 16, "Omklædning på arbejdet. Hvis jeg cykler, kommer jeg svedig ind, og der er intet bad.", ""),
    (
        2,
        17,
        "Vi oplever, at unge falder fra sporten i 14-15-årsalderen, når det bliver for konkurrencepræget.",
        "DGI Storkøbenhavn",
    ),
    (2, 18, "Mørke og utryghed i parkerne om aftenen.", ""),
    (3, 1, "Gode ruter, men husk skraldespande til hundeposer langs dem.", ""),
    (
        3,
        5,
        "Ruterne bør gå forbi idrætsanlæggene, så man kan cykle direkte til træning.",
        "Gentofte Badmintonklub",
    ),
    (3, 8, "Lys er det vigtigste. Uden lys bruger ingen ruterne fra november til februar.", ""),
    (
        3,
        12,
        "Tre ruter i hver bydel lyder af meget. Start hellere med én god rute, der bliver gjort rigtig "
        "færdig.",
        "",
    ),
    (3, 19, "Forbind ruterne med skolerne, ikke kun med stationerne.", ""),
    (3, 20, "Det er et godt udkast. Husk afstandsmarkeringer, så man kan se, hvor langt man er gået.", ""),
]
# The two the moderators hid, with their reasons, and the one published without a name.
MOVEMENT_HIDDEN = [
    (
        2,
        21,
        "Min nabo i nr. 14, Preben, kører altid for stærkt, og han burde miste sit kørekort.",
        "",
        "personal_data",
    ),
    (1, 22, "Køb de bedste løbesko hos os! 20 % rabat med koden BEVAEG20.", "", "spam"),
]
MOVEMENT_ANONYMOUS = (2, 23, "Jeg skammer mig over min vægt og tør ikke gå til noget, hvor andre ser på.", "")
# Two that still wait for the facilitators to read them.
MOVEMENT_PENDING = [
    (1, 21, "Vi går i skoven hver søndag som familie. Det er vores faste tradition.", ""),
    (3, 2, "Husk bænke for hver 300 meter, så ældre også kan bruge ruterne.", "Ældre Sagen Gentofte"),
]
MOVEMENT_TAGS = {0: ["Cykelstier", "Trafik"], 8: ["Lys og tryghed"], 14: ["Trafik"], 21: ["Lys og tryghed"]}

MEETING_DIALOGUE = {
    "title": "Dialogmøde: gå- og cykelruter i din bydel",
    "programme": (
        "17.00 Velkomst ved udvalgets formand\n"
        "17.15 Udvalget fortæller om sit udkast til ruter\n"
        "17.45 Samtale ved bordene, bydel for bydel, med kort over ruterne\n"
        "18.45 Hvad tager udvalget med sig? Opsamling\n"
        "19.00 Tak for i aften"
    ),
    "place": "Gentofte Hovedbibliotek, Ahlmanns Allé 6, salen",
    "accessibility": (
        "Niveaufri adgang fra Ahlmanns Allé og elevator til salen. Handicaptoilet på samme etage. "
        "Teleslynge i salen. Tre handicapparkeringspladser foran biblioteket."
    ),
}
MEETING_VISIT = {
    "title": "Besigtigelse: motionsstien i Ordrup Krat",
    "programme": (
        "Vi går de tre kilometer rundt sammen med kommunens vejafdeling og ser på lys, bænke og underlag. "
        "Mødested ved indgangen fra Ordrup Jagtvej. Turen tager halvanden time."
    ),
    "place": "Ordrup Krat, indgangen fra Ordrup Jagtvej",
    "accessibility": (
        "Stien er grus og let kuperet; den kan køres med kørestol med hjælp. Der er ingen toiletter på turen."
    ),
}

# --- "Ungepolitik 2025": a closed consultation, with what the committee heard.

YOUTH_TITLE = "Hvad skal en ny ungepolitik handle om?"
YOUTH_INTRO = (
    "Opgaveudvalget for ungepolitik skriver et forslag til en ny ungepolitik. Vi vil gerne høre fra unge, "
    "forældre og alle, der arbejder med unge: hvad er vigtigst, og hvor føler unge sig hørt?"
)
YOUTH_QUESTIONS = [
    ("Hvad er det vigtigste, en ny ungepolitik skal handle om?", ""),
    ("Hvor føler du dig hørt som ung – og hvor ikke?", "Tænk fx på skolen, klubben, sporten og kommunen."),
]
YOUTH_CONTRIBUTIONS = [
    (1, 0, "Pres. Alle taler om karakterer, og ingen spørger, hvordan vi har det.", ""),
    (1, 1, "Steder at være om aftenen, som ikke koster penge.", ""),
    (1, 2, "Mental sundhed og kortere ventetid hos psykolog.", ""),
    (
        1,
        3,
        "Ungdomsklubberne lukker kl. 21. Mange unge har brug for et sted senere.",
        "Gentofte Ungdomsskole",
    ),
    (1, 4, "Fællesskaber for unge, der ikke går til sport.", ""),
    (1, 5, "Jobs til unge: et fritidsjob gav mig mere selvtillid end noget andet.", ""),
    (2, 0, "Jeg føler mig hørt i elevrådet, men vi får aldrig at vide, hvad der sker med vores forslag.", ""),
    (2, 2, "Ikke i kommunen. Jeg vidste ikke, at man kunne være med til sådan noget her før nu.", ""),
    (2, 6, "Min træner lytter. Det gør skolen ikke.", ""),
    (2, 7, "Unge skal have en fast plads, når der besluttes noget om dem, fx et ungeråd.", "DUF Gentofte"),
    (2, 8, "Hørt på sociale medier, men det er ikke det samme som at blive taget alvorligt.", ""),
]
YOUTH_HEARD = (
    "Udvalget fik 11 bidrag på seks uger og mødte 34 unge til ungetopmødet på rådhuset. Det, vi hørte mest, "
    "var tre ting: presset i skolen og på de sociale medier, savnet af steder at være om aftenen, og at unge "
    "sjældent får at vide, hvad der sker med det, de siger.\n\n"
    "Flere skrev, at de ikke vidste, at man kunne være med til at forme kommunens politik. Det har udvalget "
    "taget til sig: politikken skal følges af unge selv."
)
YOUTH_USED = [
    (
        "Trivsel og pres blev politikkens første tema, og udvalget foreslog samtaler uden ventetid. "
        "Ønsket om steder at være om aftenen blev til forslaget om åbne klubtilbud i tre bydele."
    ),
    (
        "Udvalget foreslog et ungeråd, der følger politikken, og at kommunen altid svarer unge på, hvad der "
        "skete med deres forslag."
    ),
]
YOUTH_SUMMIT = {
    "title": "Ungetopmøde på Gentofte Rådhus",
    "programme": "Workshops om trivsel, fællesskaber og indflydelse, med pizza.",
    "place": "Gentofte Rådhus, Bernstorffsvej 161, byrådssalen",
    "accessibility": "Niveaufri adgang og elevator. Teleslynge i byrådssalen.",
    "summary": (
        "34 unge fra otte skoler og klubber arbejdede i tre grupper. Den vigtigste besked: unge vil "
        "have et sted at være om aftenen og vil vide, hvad der sker med deres forslag. Alle grupper "
        "foreslog et ungeråd."
    ),
}

# The people who write and register, besides the demo's citizens (deltager01@…, deltager02@…).
CONTRIBUTORS = [
    "Anders Mikkelsen", "Birthe Lauridsen", "Carsten Holm", "Dorthe Friis", "Emil Vestergaard",
    "Freja Dam", "Georg Bak", "Helle Winther", "Ib Thomsen", "Jette Kjær", "Kasper Lind",
    "Lene Mortensen", "Mads Iversen", "Nanna Skov", "Ole Sommer", "Pia Ravn", "Rasmus Bech",
    "Sofie Toft", "Tobias Nygaard", "Ulla Bang", "Viggo Høj", "Winnie Lund", "Yasmin Said",
    "Zenia Krogh",
]  # fmt: skip
