"""What each publication in content/ must contain.

SEEDS: the five seed publications, taken from the source texts in shared/seeds. Written out by
hand from the seeds, independent of the content files, so a lost heading or statement in
content/ or in a writer is caught.

SAMPLES: publications written for the project, not from a seed (they show what the seeds do
not have). Their expectations are taken from their own text, for the same purpose.
"""

SEEDS = {
    "htk-strategisk-ledelse": {
        "organisation": "hoeje-taastrup",
        "headings": [
            "Indledning", "Udvikling af godt lederskab", "Hvorfor er god ledelse vigtig?",
            "Strategisk ledelse", "Direktionen", "Chefforum", "Strategisk Lederforum",
            "Ledernetværk", "Inspirationsmøder for alle ledere",
        ],
        "items": [
            "Den Offentlige Lederuddannelse (DOL), der tilbydes til alle ledere i kommunen",
            "Der er mødepligt til møderne i Strategisk Lederforum.",
            "Beslutningsoplæg drøftes i direktionen",
            "Hvert netværk har en koordinator som sikrer indkaldelse, opdatering af deltagere m.v.",
            "Stabscentercheferne har i fællesskab ansvaret for, at der planlægges en række inspirationsmøder",
        ],
    },
    "htk-ledelsesgrundlag": {
        "organisation": "hoeje-taastrup",
        "date": "24. april 2016",
        "headings": ["Med kerneopgaven i centrum", "Sammen", "Indad", "Udad"],
        "items": [
            "Helhed", "Professionalisme", "Engagement", "Menneskelighed og positivt livssyn",
            "Ledere i Høje-Taastrup Kommune er ikke kun ledere af den enhed, de er i til daglig.",
            "Medarbejderne er vores vigtigste ressource.",
            "Du agerer på en måde, der bidrager til at skabe tillid hos medarbejderne.",
            "Du sikrer nødvendig information, samt kommunikerer sagligt og værdigt med borgere og brugere.",
        ],
    },
    "htk-strategibrev-2015": {
        "organisation": "hoeje-taastrup",
        "date": "3. november 2014",
        "headings": [
            "Det forgangne år", "Den politiske retning", "Resultater for borgeren",
            "Resultater i organisationen", "Ledelse på tværs", "Borger- og brugereffekter",
            "Implementering i bund", "Servicekultur", "Effektive arbejdsgange",
            "Kompetencer og værdibaseret ledelse", "Tværgående samarbejde", "Projekter i 2015",
        ],
        "items": [
            "Direktionens strategibrev er ingen facitliste!",
            "Ny skole i Hedehusene",
            "Vores indsatser skal følges til dørs, og de ønskede effekter skal nås.",
            "Det kræver grænsekrydsende ledelse.",
            "Boligsocial indsats", "Fremtidens møde med borgeren", "Effektvurderinger og resultater",
        ],
    },
    "helsingoer-ledelsesudvikling-2012-2015": {
        "organisation": "helsingoer",
        "headings": [
            "Formål", "Ramme for ledelsesudviklingen", "Opbygning",
            "Kompetencehjul for alle ledere i Helsingør Kommune", "Indsatser", "Forankring og effekt",
            "Personlige kompetencer", "Administrative/politiske kompetencer",
            "Faglige og innovative kompetencer", "Økonomiske og styringsmæssige kompetencer",
            "Medskabelseskompetencer", "Kommunikationskompetencer",
            "Personaleledelse og personaleudviklingskompetencer", "Strategiske kompetencer",
            "Basispakke for alle ledere", "Pakke for ledere af ledere",
            "Pakke for ledere af borgernære enheder", "Pakke for administrative ledere",
            "Tilbud til den enkelte leder og til ledertalent",
        ],
        "items": [
            "Vi er én Helsingør Kommune", "Vi tænker fremtiden, mens vi handler",
            "Vores kommunikation skal binde kommunen sammen både eksternt og internt",
            "Vi har en anerkendende kultur", "Vi er modige og troværdige", "Vi gør en meningsfuld forskel",
            "Skaber tid og rum for dialog", "Sikrer sammenhængskraft og fælles retning",
            "Internt kursus i konflikthåndtering", "Talentudviklingsforløb i regi af KL og KTO",
        ],
    },
    "odder-sammen-om-ledelse": {
        "organisation": "odder",
        "date": "11. januar 2022",
        "headings": [
            "Rammen for god ledelse", "Lederprofilen", "Ledelsesgrundlaget i praksis",
            "Vi optimerer processer og forfølger vores mål",
            "Vi styrer stabilt og sikkert vores fælles hverdag",
            "Vi lærer og udvikler sammen med andre",
            "Vi skaber robuste og bæredygtige fællesskaber",
        ],
        "items": [
            "Performance", "Emergens", "Compliance", "Resiliens",
            "Vi virkeliggør de politiske visioner og beslutninger.",
            "Vi sætter en tydelig retning og opnår følgeskab.",
            "Vi omsætter strategier til konkrete mål og indsatser.",
            "Vi skaber mere velfærd for pengene ved kontinuerligt at udvikle på løsningen af kerneopgaven.",
            "Vi sikrer en optimal udnyttelse af ressourcerne.",
            "Vi følger systematisk op på indsatser og vurderer effekten for borgerne.",
            "Vi skaber kvalitet i kerneopgaven med et højt fagligt niveau.",
            "Vi sikrer borgerne lige rettigheder og muligheder.",
            "Vi finder pragmatiske løsninger inden for lovens rammer.",
            "Vi træffer beslutninger på et oplyst grundlag.",
            "Vi er gennemsigtige om prioriteringer og beslutninger.",
            "Vi er tydelige i vores opgave- og ansvarsfordeling.",
            "Vi er nysgerrige og har mod til nytænkning.",
            "Vi udfordrer hinanden på et fagligt og professionelt fundament.",
            "Vi samarbejder på tværs og fremstår som et hold.",
            "Vi er på forkant og foretager løbende tilpasning.",
            "Vi udvikler og løser opgaverne sammen med dem, det drejer sig om.",
            "Vi deler og lærer af vores succeser og udfordringer.",
            "Vi opbygger evne til handling, før det sker.",
            "Vi anerkender forskellighed og understøtter, at alle har mulighed for at bidrage.",
            "Vi understøtter mestring af kompleksiteten i kerneopgaven.",
            "Vi skaber en åben arbejdskultur med høj social kapital.",
            "Vi sikrer de relevante kompetencer og forløser potentiale.",
            "Vi leder forandringer med ægte inddragelse.",
            "rekruttering af nye ledere",
        ],
    },
}


# Not a seed: HTK's strategibrev 2016, started with `new --from htk-strategibrev-2015` and written
# for the project so one publication uses every feature of issue 15 (photos, table, footnotes,
# signed foreword, fact box, pull quote, cover photo, page-break switch).
SAMPLES = {
    "htk-strategibrev-2016": {
        "organisation": "hoeje-taastrup",
        "date": "2. november 2015",
        "headings": [
            "Forord", "Det forgangne år", "Sidste års strategibrev i tal", "Den politiske retning",
            "Direktionens strategibrev 2016", "Resultater for borgeren", "Resultater i organisationen",
            "Ledelse på tværs", "Borger- og brugereffekter", "Kompetencer og værdibaseret ledelse",
            "Projekter i 2016",
        ],
        "items": [
            "Kære leder i Høje-Taastrup Kommune",
            "Mette Bjerre Laursen", "Kommunaldirektør",
            "Jonas Kjærgaard Holm", "Direktør for Social, Sundhed og Beskæftigelse",
            "Nøgletal fra Direktionens strategibrev 2015",
            "Overskrifter i Byrådets budget for 2015",
            "Udviklingsstrategien kort",
            "Vores indsatser skal følges til dørs, og de ønskede effekter skal nås.",
            "Direktionens strategibrev 2015, udsendt i Ledernyt den 3. november 2014.",
            "kommunen er borgernes fælles hus",
            "Nyt ledelsesgrundlag",
        ],
    },
}
