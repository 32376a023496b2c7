"""The shipped lexicon (1.2.0 and later) on the classes of mistakes a reader spots at once.

Each sentence was written for this file (none is quoted from a source) and stands for a
class: a word in another sense, a list entry, a checklist row, an elided compound, a
process in everyday words, a sister theme.
"""

from __future__ import annotations

import pytest

from visiecheck.analyse.matching import Matcher
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Hit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_lexicon(None))


def counted(matcher: Matcher, text: str) -> set[str]:
    """Themes with a hit that says the passage is about them (not a mere list entry)."""
    return {hit.theme_id for hit in matcher.match_text(text) if not hit.incidental}


def hits_of(matcher: Matcher, text: str, theme: str) -> list[Hit]:
    return [hit for hit in matcher.match_text(text) if hit.theme_id == theme]


def test_version() -> None:
    assert load_lexicon(None).version == "1.13.0"


# --- a word in another sense -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # road salt and brine in winter
        (
            "In de winter rijden de strooiwagens uit. De pekel voor de fietspaden ligt klaar "
            "in de zoutloods aan de Industrieweg.",
            "mijnbouw",
        ),
        # drinking water as the heat source of aquathermie
        (
            "Het nieuwe zwembad krijgt aquathermie. De warmte wordt gewonnen uit het "
            "drinkwater dat door de leiding naar de stad stroomt.",
            "drinkwater",
        ),
        # tillage for building works and explosives clearance
        (
            "Voor de bouwput van de parkeergarage is eerst grondbewerking nodig; daarbij "
            "wordt gezocht naar explosieven uit de oorlog.",
            "bodem_landbouw_natuur",
        ),
        # the words of a borehole log
        (
            "Boring 2 toont tot 0,5 m-mv zwak humeus zand, daaronder matig siltig zand.",
            "bodem_landbouw_natuur",
        ),
        # a foundation that is removed, beside a soil survey
        (
            "De fundering van de oude loods wordt verwijderd. Daarna volgt een "
            "bodemonderzoek op het terrein.",
            "bodemdaling",
        ),
        # bare peat is a landscape, not a process
        ("Het veen rond het dorp is een open en waardevol landschap.", "bodemdaling"),
    ],
)
def test_word_in_another_sense_gives_no_theme(matcher: Matcher, text: str, theme: str) -> None:
    assert theme not in counted(matcher, text)


def test_same_words_in_their_own_sense_still_count(matcher: Matcher) -> None:
    assert "mijnbouw" in counted(
        matcher, "Bij de zoutwinning wordt pekel uit de cavernes naar de fabriek gepompt."
    )
    assert "drinkwater" in counted(
        matcher, "Het drinkwater in onze gemeente wordt gewonnen uit diepe zandlagen."
    )
    assert "bodemdaling" in counted(
        matcher, "De fundering van veel woningen lijdt onder zetting van de slappe klei."
    )


# --- lists, museums, checklist rows ----------------------------------------------------------


def test_a_zoning_list_and_a_museum_make_mining_no_more_than_mentioned(
    matcher: Matcher,
) -> None:
    listed = (
        "Niet toegelaten zijn bedrijven uit de categorieën: autosloperijen, aardolie- en "
        "gaswinning, zand- en grindwinning, slachterijen, etc."
    )
    museum = "In de gashouder komt een museum met exposities over de historische gaswinning."
    for text in (listed, museum):
        hits = hits_of(matcher, text, "mijnbouw")
        assert hits and all(hit.incidental and hit.stance is None for hit in hits), text


def test_a_checklist_row_gives_no_exclusion(matcher: Matcher) -> None:
    hits = hits_of(matcher, "Nee Binnen 25-jaarszone van een waterwinning?", "drinkwater")
    assert hits and {hit.stance for hit in hits} == {None}


# --- elided coordination ----------------------------------------------------------------------


def test_elided_compounds_are_read_in_full(matcher: Matcher) -> None:
    hits = hits_of(matcher, "Onder het noorden vindt zout- en gaswinning plaats.", "mijnbouw")
    assert [(hit.term, hit.matched_text) for hit in hits] == [
        ("zoutwinning", "zout-"),
        ("gaswinning", "gaswinning"),
    ]
    hits = hits_of(
        matcher, "Op het terrein is bodem- en grondwaterverontreiniging gevonden.", "bodemkwaliteit"
    )
    assert ("bodemverontreiniging", "bodem-") in {(hit.term, hit.matched_text) for hit in hits}


# --- processes in everyday words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Door de lage waterstanden oxideert het veen en wordt de veenlaag elk jaar dunner.",
         "bodemdaling"),
        ("In de polders rond het dorp verdwijnt het veen langzaam.", "bodemdaling"),
        ("We willen de zomerwarmte van de kassen in de ondergrond opslaan voor de winter.",
         "ondergrondse_opslag"),
        ("Overtollige stroom slaan we als waterstof op in de zoutlagen onder de provincie.",
         "ondergrondse_opslag"),
        ("De bodem heeft veel functies: zowel om energie te winnen als op te slaan.",
         "ondergrondse_opslag"),
        ("De kabels en buizen in de grond onder de binnenstad liggen steeds dichter op elkaar.",
         "ondergronds_ruimtegebruik"),
        ("Het warmtenet en de glasvezel komen onder de grond in een gezamenlijke sleuf.",
         "ondergronds_ruimtegebruik"),
    ],
)  # fmt: skip
def test_processes_in_everyday_words(matcher: Matcher, text: str, theme: str) -> None:
    assert theme in counted(matcher, text)


def test_rain_kept_in_the_soil_is_groundwater_not_storage(matcher: Matcher) -> None:
    themes = counted(matcher, "Regenwater willen we zoveel mogelijk in de bodem opslaan.")
    assert "ondergrondse_opslag" not in themes


# --- sister themes and exclusions that keep their case -----------------------------------


def test_heat_exchange_beside_hto_is_underground_storage(matcher: Matcher) -> None:
    text = (
        "Het open systeem van het ziekenhuis pompt water rond in het watervoerend pakket. "
        "Het wordt uitgebreid tot een HTO voor de hele wijk."
    )
    themes = counted(matcher, text)
    assert "ondergrondse_opslag" in themes
    assert "bodemenergie" not in themes


def test_upper_case_exclusion_does_not_fire_inside_a_word(matcher: Matcher) -> None:
    # the geothermie exclusion "HTO" must not cancel deep heat in a sentence on light nuisance
    text = "De warmte op twee kilometer diepte halen we op zonder lichtoverlast voor de buren."
    assert "geothermie" in counted(matcher, text)


# --- 1.3.0: more everyday wording and more senses ------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Onder de straat moeten kabels, het riool en straks het warmtenet een plek vinden.",
         "ondergronds_ruimtegebruik"),
        ("Wij willen dat de nieuwe 150 kV-verbinding onder de grond wordt gelegd.",
         "ondergronds_ruimtegebruik"),
        ("Onder het stadhuisplein komt een parkeergarage met twee lagen.",
         "ondergronds_ruimtegebruik"),
        ("Het water zakt op de hoge zandgronden in de zomer diep weg.", "grondwater"),
        ("Voor woningbouw in de polder geldt een ontwateringsdiepte van een meter.", "grondwater"),
        ("De woningen op de veengrond zijn sinds de bouw flink weggezakt.", "bodemdaling"),
        ("Water van zestig graden uit de diepe zandsteenlagen verwarmt straks de kassen.",
         "geothermie"),
        ("In een zoutcaverne onder het dorp wordt stikstof opgeslagen voor de gasvoorziening.",
         "ondergrondse_opslag"),
        ("Het kraanwater van de stad wordt opgepompt uit diepe zandpakketten.", "drinkwater"),
        ("Na de oorlog zijn niet alle bommen gevonden; sommige liggen nog in de grond.",
         "bodemarchief"),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_3(matcher: Matcher, text: str, theme: str) -> None:
    assert theme in counted(matcher, text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Langs de laan staan oude bomen uit de tijd van de oorlog.", "bodemarchief"),
        ("Het zwembad wordt gekoeld met water uit de transportleiding, dat daarbij wordt "
         "opgewarmd.", "ondergronds_ruimtegebruik"),
        ("Hybride warmtepompen met de buitenlucht als bron zijn een goede tussenstap.",
         "bodemenergie"),
        ("De opbrengst van de akkers daalt als de ondergrond te nat is.", "bodemdaling"),
        ("Sportpark De Stuwwal krijgt een nieuwe kantine.", "bodemarchief"),
    ],
)  # fmt: skip
def test_more_words_in_another_sense(matcher: Matcher, text: str, theme: str) -> None:
    assert theme not in counted(matcher, text)


# --- 1.4.0: context in the neighbouring sentence ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Onder het oosten van de gemeente ligt een dik pakket veen. Het verdwijnt ieder jaar "
         "een stukje verder.", "bodemdaling"),
        ("De fabriek vangt haar CO2 af. Die wordt daarna onder de Noordzee opgeslagen.",
         "ondergrondse_opslag"),
        ("Zomers zit er te veel water in de kruipruimtes van de oude wijk. Het komt van "
         "onderen omhoog.", "grondwater"),
    ],
)  # fmt: skip
def test_context_in_the_next_sentence_counts(matcher: Matcher, text: str, theme: str) -> None:
    assert theme in counted(matcher, text)


def test_co2_poor_energy_is_no_storage(matcher: Matcher) -> None:
    text = "Een CO2-arm energiesysteem vraagt ruimte, boven- en ondergronds."
    assert "ondergrondse_opslag" not in counted(matcher, text)


# --- 1.5.0: precision round on blind set 4's classes ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # heat pumped into a deep layer and taken back with the seasons is HTO, not geothermie
        ("In juli gaat restwarmte als water van 85 graden een diepe watervoerende laag in; "
         "in januari wordt het weer opgepompt.", set()),
        ("Diepe ondergrond | warmte bufferen (HTO) | kansrijk onder het havengebied",
         {"ondergrondse_opslag"}),
        # groundwater pumped up for the public supply is drinking water only (contract)
        ("Het waterleidingbedrijf pompt ten noorden van de kern grondwater op voor de openbare "
         "watervoorziening.", {"drinkwater"}),
        ("Bij Markelo wordt grondwater opgepompt voor drink- en industriewater.",
         {"drinkwater"}),
        # the groundwater a WKO circulates is the medium of bodemenergie
        ("Een open WKO-systeem pompt grondwater rond tussen een warme en een koude bron.",
         {"bodemenergie"}),
        # tap points of the water company; a sand pit's winning area
        ("Het drinkwaterbedrijf zet tijdens de kermis extra watertappunten neer.", set()),
        ("De kaart toont de waterveiligheid en twee zandwinningsgebieden langs de rivier.",
         set()),
        # a soil-survey borehole log; a gas transport pipeline of the NAM
        ("Boring B3: 0–0,8 m-mv zand, zwak puinhoudend, matige olie-waterreactie.",
         set()),
        ("Langs de dijk ligt een gastransportleiding van de NAM met een belemmerde strook.",
         {"ondergronds_ruimtegebruik"}),
        # foundation piles through a protective layer; a maaiveld as a reference level
        ("In de boringsvrije zone mogen funderingspalen de beschermende kleilaag niet "
         "doorboren.", {"drinkwater"}),
        ("Kelders beneden het maaiveld liggen lager dan het riool en krijgen een terugslagklep.",
         set()),
        # the plough layer in an archaeology text; coastal erosion
        ("Waar de bouwvoor ontbreekt, liggen archeologische sporen direct onder de graszode.",
         {"bodemarchief"}),
        ("Door de stijgende zeespiegel en bodemdaling neemt de erosie langs de kust toe.",
         {"bodemdaling"}),
        # OCR tolerance must not turn a real word into a term; today's ice sheets
        ("Het cultuurland rond de kerk werd vroeger beweid.", set()),
        ("Door het afsmelten van het landijs op Groenland stijgt de zeespiegel.", set()),
        # fishing lead; carbon kept by nature
        ("De visserij stapt af van lood, zodat de bodem van het wad minder wordt belast.",
         set()),
        ("We vergroten de CO2-opslag in natuurgebieden door meer bossen aan te planten.",
         set()),
        # heat kept in the shallow soil or for a heat pump is a WKO (bodemenergie)
        ("Scholen willen zomerwarmte opslaan in de ondiepe bodem onder het schoolplein.",
         {"bodemenergie"}),
        ("Warmte uit de vijver wordt in de bodem opgeslagen en met een warmtepomp benut.",
         {"bodemenergie"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_5_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Uit de diepe ondergrond komt water van 80 graden omhoog voor het warmtenet.",
         {"geothermie"}),
        ("Door de winning voor drinkwater daalt de grondwaterstand in het beekdal.",
         {"drinkwater", "grondwater"}),
        ("De NAM wint nog tien jaar gas uit het veld onder het dorp.", {"mijnbouw"}),
        ("Door inklinking van het veen ligt het maaiveld nu een halve meter lager.",
         {"bodemdaling"}),
        ("Het landijs heeft in de voorlaatste ijstijd de stuwwal opgestuwd.", {"bodemarchief"}),
        ("Restwarmte van de fabriek slaan we in de diepe ondergrond op.",
         {"ondergrondse_opslag"}),
    ],
)  # fmt: skip
def test_the_same_words_in_their_own_sense_still_count_in_1_5(
    matcher: Matcher, text: str, themes: set[str]
) -> None:
    assert counted(matcher, text) == themes


# --- 1.6.0: questions, names and everyday wording (blind set 5's classes) ----------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # a questionnaire asks about every theme and answers none
        ("Intake omgevingsplanactiviteit: grondwateronttrekking nodig? archeologisch "
         "bureauonderzoek gedaan? Dit vult de initiatiefnemer in.", set()),
        ("Vraag 7: Ligt de bouwlocatie in een boringsvrije zone? | antwoord: — | Vraag 8: "
         "Zijn er kabels en leidingen in de grond aanwezig? | antwoord: —", set()),
        # a village named like an inflected noun
        ("Het waterbedrijf wil de winning bij Holten uitbreiden met twee putten.", {"drinkwater"}),
        # a replica of a mine is a tourist attraction, not mining
        ("De nagebouwde kolenmijn onder het museumplein trekt elk jaar duizenden scholieren.",
         set()),
        # WKO water pumped from a sand layer for cooling stays bodemenergie
        ("De kantoren worden in de zomer gekoeld met water uit een zandlaag op zestig meter, "
         "dat in de winter weer warmte levert via een open systeem.", {"bodemenergie"}),
        # production water pressed into old fields is mining, not storage
        ("Het injecteren van afvalwater uit de gasproductie in de lege velden onder de "
         "Drentse dorpen willen wij beëindigen.", {"mijnbouw"}),
        # kringlooplandbouw needs the soil itself, not subsidence
        ("Kringlooplandbouw en het tegengaan van bodemdaling gaan in het veenweidegebied samen.",
         {"bodemdaling"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_6_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Het potentieel van diepe bodemwarmte in de regio is groot genoeg voor twee warmtenetten.",
         {"geothermie"}),
        ("In het Oostland verwarmen tuinders hun kassen met water van ruim twee kilometer diep.",
         {"geothermie"}),
        ("Overtollige zomerwarmte van de fabriek wordt weggezet in een diep zandpakket onder "
         "het haventerrein.", {"ondergrondse_opslag"}),
        ("Het bergen van waterstof in de zoutlagen onder de Veenkoloniën staan wij niet toe.",
         {"ondergrondse_opslag"}),
        ("Wij willen zowel de grond- als de drinkwatervoorraad op peil houden.",
         {"grondwater", "drinkwater"}),
        ("Door de zoutwinning is het land boven de cavernes zo'n vijftien centimeter gezakt.",
         {"mijnbouw", "bodemdaling"}),
        ("In de oude ophooglagen van de erven zitten asbest en zware metalen.",
         {"bodemkwaliteit"}),
        ("Nieuwe leidingsleuven onder de monumentale bomen staan wij niet toe.",
         {"ondergronds_ruimtegebruik"}),
        ("Onder het marktplein liggen intacte bewoningslagen uit de dertiende eeuw.",
         {"bodemarchief"}),
        ("Op de steile hellingen spoelt bij elke bui vruchtbare löss naar het dal.",
         {"bodem_landbouw_natuur"}),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_6(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.7.0: blind set 6's classes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # an instruction on an application form
        ("Beschrijf in uw aanvraag welke gevolgen het bouwplan heeft voor het grondwater en de "
         "archeologie.", set()),
        # a zoning rule's list of uses that conflict with the designation
        ("Tot strijdig gebruik wordt gerekend: het opslaan van mest, het winnen van delfstoffen "
         "en het storten van afval.", set()),
        # a borehole log of a monitoring well
        ("Boorbeschrijving peilbuis B3: 0,0–0,4 m humeus zand; 0,4–2,0 m matig fijn zand; "
         "filterstelling 1,5–2,5 m.", set()),
        # a 100-metre loop belongs to a heat pump, not to geothermie
        ("Elke woning krijgt een warmtepomp met een gesloten lus van honderdvijftig meter diep.",
         {"bodemenergie"}),
        # coal gas made in a gasworks is no gas extraction
        ("In de negentiende eeuw werd in de gasfabriek aan de haven gas uit steenkool gewonnen.",
         set()),
        # trees are assessed above and below ground: crown and roots
        ("Bij de herinrichting is van elke boom de conditie boven- en ondergronds onderzocht.",
         set()),
    ],
)  # fmt: skip
def test_classes_of_the_1_7_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Kan de diepe ondergrond de kassen in het Westland verwarmen? Wij denken van wel.",
         {"geothermie"}),
        ("Nieuwe bronnen voor het verwarmen en koelen van kantoren staan we toe buiten de "
         "beschermingszones.", {"bodemenergie"}),
        ("Het ziekenhuis wil water van 75 graden in een diepere laag bewaren voor de winter.",
         {"ondergrondse_opslag"}),
        ("Schoon water dat uit diepere lagen opwelt, voedt de blauwgraslanden langs de beek.",
         {"grondwater"}),
        ("Het oppompen van gas onder de Waddenkust moet zo snel mogelijk stoppen.",
         {"mijnbouw"}),
        ("Wegen in het veen leggen we licht aan, zodat het nazakken beperkt blijft.",
         {"bodemdaling"}),
        ("Voor woningbouw op oude boomgaarden onderzoeken we de grond op arseen en lood.",
         {"bodemkwaliteit"}),
        ("Onder het marktplein komt een parkeersouterrain met driehonderd plaatsen.",
         {"ondergronds_ruimtegebruik"}),
        ("Wij wegen de belangen van zowel de boven- als de ondergrond in samenhang af.",
         {"ondergronds_ruimtegebruik"}),
        ("Op de essen rond het dorp staan we geen diepploegen of egaliseren toe.",
         {"bodemarchief"}),
        ("In de Veenkoloniën houden we akkers in de winter begroeid tegen verstuiving van het "
         "zand.", {"bodem_landbouw_natuur"}),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_7(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.8.0: blind set 7's classes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # school types and a former college named by the same letters as heat storage
        ("Het oude MTO-gebouw aan de Dorpsstraat wordt een wooncomplex voor starters.", set()),
        # an earthquake as a figure of speech
        ("Het vertrek van de grootste werkgever was een aardbeving voor het hele dorp.", set()),
        # drinking water as one of the utilities in a street profile
        ("Onder de stoep liggen van buiten naar binnen riool, drinkwater, gas en elektra.",
         {"ondergronds_ruimtegebruik"}),
        # a landform named as a place
        ("Onder de stuwwal bij Ootmarsum ontbreekt de kleilaag vrijwel overal.", set()),
        # pesticides kept out to protect soil life are soil life, not contamination
        ("Chemische bestrijdingsmiddelen weren we van de pachtgronden, om het bodemleven te "
         "beschermen.", {"bodem_landbouw_natuur"}),
        # an association named after the theme
        ("Energiecoöperatie Aardwarmte Twente houdt haar ledenvergadering in het dorpshuis.",
         set()),
    ],
)  # fmt: skip
def test_classes_of_the_1_8_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("De warme kalksteen diep onder het Heuvelland is voorlopig te duur om aan te boren.",
         {"geothermie"}),
        ("Een MTO-systeem kan de restwarmte van de bakkerij bewaren tot de winter.",
         {"ondergrondse_opslag"}),
        ("Kantoren koelen met open systemen die koud water uit de zandlagen halen.",
         {"bodemenergie"}),
        ("Onder de oude zinkfabriek is de bovengrond verrijkt met cadmium.", {"bodemkwaliteit"}),
        ("Langs de Waal liggen de resten van de limes nog in de bodem.", {"bodemarchief"}),
        ("Teelten die de grond diep omwoelen passen niet op de kwetsbare akkers.",
         {"bodem_landbouw_natuur"}),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_8(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.9.0: blind set 8's classes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # a pipeline in an external-safety paragraph is a safety subject
        ("Voor de hogedruk gasleiding langs de spoorlijn is het groepsrisico berekend; het "
         "blijft ruim onder de oriëntatiewaarde.", set()),
        ("Het Besluit externe veiligheid buisleidingen geldt niet, omdat er binnen 200 meter "
         "geen buisleidingen liggen.", set()),
        # the same pipeline as use of underground space counts
        ("Langs de gasleiding geldt een belemmeringenstrook van vijf meter waarin niet gebouwd "
         "of gegraven mag worden.", {"ondergronds_ruimtegebruik"}),
        ("Wij reserveren ruimte voor een landelijk netwerk van buisleidingen voor waterstof en "
         "CO2, ook voor het transport van gevaarlijke stoffen.", {"ondergronds_ruimtegebruik"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_9_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.10.0: blind set 9's classes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # prices and numbers that fall
        ("De huizenprijzen zakten vorig jaar licht, maar er zijn nog steeds te weinig woningen.",
         set()),
        ("Het aantal boerenbedrijven in het veenweidegebied daalt al jaren.", set()),
        # a zoning row whose entries are separated by bars
        ("Niet toegestaan in het centrum | speelhallen | zout- en gaswinning | groothandel | "
         "garageboxen", set()),
        # old mine galleries and salt caverns used as a buffer are storage
        ("In Heerlen bewaart het water in de oude mijngangen warmte en koude voor het "
         "mijnwaternet.", {"ondergrondse_opslag"}),
        ("In de zoutkoepel bij Zuidwending dienen de cavernes als buffer voor aardgas.",
         {"ondergrondse_opslag"}),
        # heat from a sewer main is aquathermie, not underground space
        ("Met riothermie halen we warmte uit het afvalwater in de grote persleiding.", set()),
        # (1.10.1) leaving natural gas behind is the energy transition, not extraction
        ("We gaan wijk voor wijk van het gas af en winnen energie uit zon en wind.", set()),
        ("Onder het dorp wordt al zestig jaar gas gewonnen.", {"mijnbouw"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_10_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.11.0: blind set 10's classes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # the first part of an elided list of cables or pipes names what they carry
        ("Onder de Langestraat liggen drinkwater-, gas-, stroom- en datakabels dicht op elkaar.",
         set()),
        ("Wij beschermen de drinkwater- en grondwatervoorraden in het oosten.",
         {"drinkwater", "grondwater"}),
        # a borehole log describes soil layers, it chooses nothing
        ("Boorstaat 7: 0–40 cm bouwvoor; 40–90 cm lichtbruin zand; daaronder grof zand.",
         set()),
        ("Boorkern Exloo: keileem op dekzand; monster voor korrelgrootte op 1,8 m diepte.",
         set()),
        # cold weather is not the cold of a heat store; heat kept in a layer is storage
        ("Met een seizoensbuffer in een diepe zandlaag komt de kassenwijk ook door koude "
         "winters zonder aardgas.", {"ondergrondse_opslag"}),
        ("De nieuwe wijk krijgt een warmtebron die zomerwarmte van tachtig graden in een diepe "
         "watervoerende laag bewaard voor de winter.", set()),
        # groundwater as the cold of a heat pump is bodemenergie, not groundwater
        ("Het bedrijventerrein haalt met een collectieve warmtepomp koude uit het grondwater.",
         {"bodemenergie"}),
        # the deep subsurface as a dump for emissions is CO2 storage, not a landfill
        ("Wij willen de diepe ondergrond niet gebruiken als stortplaats voor de CO2 van de "
         "industrie.", {"ondergrondse_opslag"}),
        ("Op de oude stortplaats bij de rivier blijft het grondgebruik beperkt.",
         {"bodemkwaliteit"}),
        # a zoning rule that names a category lists activities, in three entries too
        ("Regels centrumzone: geen bedrijvigheid vanaf categorie 3.2, geen gasopslag, geen "
         "zoutwinning, geen transportbedrijven.", set()),
        # a question with boxes nobody ticked
        ("Ligt het perceel in een grondwaterbeschermingsgebied? ☐ ja ☐ nee ☐ onbekend", set()),
    ],
)  # fmt: skip
def test_classes_of_the_1_11_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("In de oude wegen van de Achterhoek liggen zinkassen onder het asfalt.",
         {"bodemkwaliteit"}),
        ("Onder de school werd een olietank gevonden die jarenlang had gelekt.",
         {"bodemkwaliteit"}),
        ("Oplosmiddelen van de oude drukkerij verspreiden zich met het grondwater.",
         {"bodemkwaliteit", "grondwater"}),
        ("Met Brabant Water zoeken we een nieuwe winplaats voor leidingwater.", {"drinkwater"}),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_11(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.12.0: blind set 11's classes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # a cavern or a boring used to store gas is storage, a permit for deep heat geothermie
        ("Waterstofopslag in een zoutcaverne kan alleen na advies over de stabiliteit van de "
         "caverne.", {"ondergrondse_opslag"}),
        ("Het bedrijf vraagt een opsporingsvergunning aan voor geothermie onder het "
         "kassengebied.", {"geothermie"}),
        # a pipeline that brings CO2 to an empty field is part of the storage
        ("De CO2 gaat via een pijpleiding naar een leeg gasveld onder de Waddenzee.",
         {"ondergrondse_opslag"}),
        # heat taken from a drinking-water main is aquathermie
        ("Warmte halen uit de drinkwaterleiding mag, als het water koel genoeg blijft.", set()),
        # drainage that makes peat shrink is subsidence; groundwater heat is bodemenergie
        ("Het veen in de polder klinkt door ontwatering elk jaar verder in.", {"bodemdaling"}),
        ("Voor losse woningen is ondiepe grondwaterwarmte met een eigen bron een goede keuze.",
         set()),
        # numbers that fall and pollution that sinks are no subsidence
        ("De vraag naar kantoren zakt in, ook in de binnenstad.", set()),
        ("Onze drinkwaterwinningen zijn kwetsbaar voor vervuiling die vanaf maaiveld zakt.",
         {"drinkwater"}),
        # HTO written as one word moves a water-bearing layer to storage
        ("Een hogetemperatuuropslag in het watervoerend pakket is mogelijk onder voorwaarden.",
         {"ondergrondse_opslag"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_12_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Wij zien aardwarmtewinning als kans voor de glastuinbouw.", {"geothermie"}),
        ("In de polder zijn veen en klei sterk samendrukbaar; daar bouwen we niet.",
         {"bodemdaling"}),
        ("Door het stijgende mijnwater kan op enkele plekken methaan naar boven komen.",
         {"mijnbouw"}),
        ("Op het oude gasfabrieksterrein moet eerst de teer uit de bovengrond.",
         {"bodemkwaliteit"}),
        ("In het gebied boven de cavernes kan de bodem plotseling verzakken.",
         {"mijnbouw", "bodemdaling"}),
    ],
)  # fmt: skip
def test_everyday_wording_of_1_12(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes


# --- 1.13.0: blind set 12's classes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # groundwater a water company pumps up is drinkwater; groundwater that cools a building
        # is bodemenergie; unless the sentence speaks of the groundwater itself
        ("Vitens wint bij Espelo grondwater voor zestigduizend huishoudens.", {"drinkwater"}),
        ("Onder de heuvelrug ligt een strategische voorraad zoet grondwater.", {"drinkwater"}),
        ("Kantoren langs het spoor koelen in de zomer met grondwater.", {"bodemenergie"}),
        ("Door de winning van Vitens daalt het grondwater onder het natuurgebied.",
         {"drinkwater", "grondwater"}),
        ("Wij beschermen de drinkwater- en grondwatervoorraden in het oosten.",
         {"drinkwater", "grondwater"}),
        # river water let into the dunes for a water company is drinkwater
        ("Het water van de Lek infiltreert in de duinen en wordt daarna door het waterbedrijf "
         "opgepompt voor kraanwater.", {"drinkwater"}),
        # seasonal storage in the shallow ground is a WKO; a buffer in mine galleries storage
        ("Nieuwe open systemen voor seizoensopslag van warmte en koude in de ondiepe bodem "
         "staan wij niet toe.", {"bodemenergie"}),
        ("Het water in de oude mijngangen dient als seizoensbuffer voor warmte en koude.",
         {"ondergrondse_opslag"}),
        # keeping hydrogen in salt caverns is storage; stability alone is mining
        ("Wij staan open voor het bewaren van waterstof in zoutcavernes, mits de stabiliteit "
         "is aangetoond.", {"ondergrondse_opslag"}),
        ("Van een deel van de oude zoutcavernes is de stabiliteit nog onbekend.", {"mijnbouw"}),
        # asbestos in a building is no soil subject
        ("Sloopmelding: bij asbest in het gebouw of veel puin meldt u de sloop vooraf.", set()),
        ("In de ophooglaag van de oude sportvelden zit asbest in de grond.", {"bodemkwaliteit"}),
    ],
)  # fmt: skip
def test_classes_of_the_1_13_round(matcher: Matcher, text: str, themes: set[str]) -> None:
    assert counted(matcher, text) == themes
