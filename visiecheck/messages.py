"""The catalogue of user-facing error messages: one stable key, a Dutch and an English
template, named parameters.

An error keeps its message as data (``Msg(key, **params)``) and is written in a
language only when someone reads it: the CLI's stderr line, a report row of a failed
document (made in a worker process, written later in the report's language), or a
Python caller's ``error.message`` (English). Keys are stable: scripts and tests may rely
on them, the texts may be improved.

Nothing below the api names a command-line flag. Where a message points to an option,
its template has a *hint* field (``{password_hint}``) that the front end fills: the CLI
with its flag (``--password``), the Python API with the call (``ReadOptions(password=
...)``). ``PYTHON_HINTS`` is the default; the CLI sets its own table for the time of a
command with ``use_hints``. A hint may use the message's parameters (``{other_engine}``).

A parameter may itself be a ``Msg`` (a phrase such as "a folder"), written in the same
language. Numbers are written with the language's separators (``1.234`` in Dutch).
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Union

LANGS = ("nl", "en")
DEFAULT_LANG = "en"  # ``error.message``: English for Python users and logs

Param = Union[str, int, float, "Msg", None]
Hints = Mapping[str, Mapping[str, str]]  # hint name → language → template

# key → (Dutch, English). A template may use its parameters, hint fields and format
# specifications (``{size:,}``, ``{value!r}``).
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- general ---------------------------------------------------------------------
    "text": ("{text}", "{text}"),  # a text that has no key (e.g. from a library)
    # --- opening a file (files.py) ---------------------------------------------------
    "file.not_found": (
        "bestand niet gevonden; controleer het pad en de bestandsnaam",
        "file not found; check the path and the file name",
    ),
    "file.symlink_loop": (
        "symlink-lus: het pad is een koppeling die naar zichzelf terugleidt; "
        "herstel of verwijder de koppeling",
        "symlink loop: the path is a link that leads back to itself; fix or remove the link",
    ),
    "file.unreadable": (
        "het bestand kan niet gelezen worden ({reason}); controleer de toegangsrechten",
        "the file cannot be read ({reason}); check its permissions",
    ),
    "file.is_folder": (
        "is een map, geen bestand; geef het pad van {expected}",
        "is a folder, not a file; give the path of {expected}",
    ),
    "file.not_regular": (
        "is {kind}, geen gewoon bestand; geef het pad van {expected}",
        "is {kind}, not a regular file; give the path of {expected}",
    ),
    "file.kind.fifo": ("een named pipe (FIFO)", "a named pipe (FIFO)"),
    "file.kind.char_device": ("een apparaatbestand (character device)", "a character device"),
    "file.kind.block_device": ("een apparaatbestand (block device)", "a block device"),
    "file.kind.socket": ("een socket", "a socket"),
    "file.kind.special": ("een speciaal bestand", "a special file"),
    "file.expected.document": ("een PDF-bestand", "a PDF file"),
    "file.expected.lexicon": ("een lexiconbestand (YAML)", "a lexicon file (YAML)"),
    "file.expected.batch_source": (
        "een map met visies of een manifest (.csv)",
        "a folder of visies or a manifest (.csv)",
    ),
    # --- reading a document (extract/) -----------------------------------------------
    "read.empty_file": (
        "het bestand is leeg (0 bytes); kopieer of download het opnieuw",
        "the file is empty (0 bytes); copy or download it again",
    ),
    "read.unsupported": (
        "{what}; visiecheck leest {supported}",
        "{what}; visiecheck reads {supported}",
    ),
    "read.supported": (
        "PDF, Word (.docx), HTML (.html/.htm/.xhtml), tekst (.txt/.md), STOP-XML, "
        "DSO-JSON en DSO-pakketten (.zip)",
        "PDF, Word (.docx), HTML (.html/.htm/.xhtml), text (.txt/.md), STOP XML, DSO JSON "
        "and DSO packages (.zip)",
    ),
    "read.unsupported.zip_damaged": (
        "is een beschadigd ZIP-archief, geen document",
        "is a damaged ZIP archive, not a document",
    ),
    "read.unsupported.odt": (
        "is een OpenDocument-bestand (.odt); sla het eerst op als .docx of PDF",
        "is an OpenDocument file (.odt); save it as .docx or PDF first",
    ),
    "read.unsupported.zip": (
        "is een ZIP-archief (bijvoorbeeld .xlsx of .pptx), geen document",
        "is a ZIP archive (for example .xlsx or .pptx), not a document",
    ),
    "read.unsupported.ole": (
        "is een oud Word-bestand (.doc) of ander Office-bestand; sla het eerst op als .docx of PDF",
        "is an old Word (.doc) or other Office file; save it as .docx or PDF first",
    ),
    "read.unsupported.binary": (
        "is geen PDF en ook geen ander documentformaat (binaire inhoud)",
        "is not a PDF or any other document format (binary content)",
    ),
    "read.unsupported.rtf": (
        "is een RTF-bestand; sla het eerst op als .docx of PDF",
        "is an RTF file; save it as .docx or PDF first",
    ),
    "read.unsupported.plain_text": (
        "is geen {kind} maar platte tekst (geen %PDF-kop): exporteer het document zelf opnieuw",
        "is not a {kind} but plain text (no %PDF- header): export the document itself again",
    ),
    "read.no_pages": (
        "de PDF heeft geen pagina's; exporteer het document opnieuw",
        "the PDF has no pages; export the document again",
    ),
    "read.encrypted": (
        "de PDF is met een wachtwoord beveiligd; {password_hint}",
        "the PDF is password-protected; {password_hint}",
    ),
    "read.wrong_password": (
        "het wachtwoord is onjuist; {password_retry_hint}",
        "the password is wrong; {password_retry_hint}",
    ),
    "read.damaged": (
        "de PDF is beschadigd of onvolledig en kan niet gelezen worden; sla hem opnieuw "
        "op of exporteer hem opnieuw en probeer het nog eens",
        "the PDF is damaged or incomplete and cannot be read; save or export it again and retry",
    ),
    "read.no_page_loads": (
        "pdfium kan geen enkele pagina van deze PDF laden (een beschadigde paginaboom); "
        "{engine_hint}, of sla de PDF opnieuw op of exporteer hem opnieuw",
        "pdfium cannot load any page of this PDF (a damaged page tree); {engine_hint}, "
        "or save or export the PDF again",
    ),
    "read.damaged_no_text": (
        "{engine} las geen tekst: pagina {pages} {count_verb} beschadigd en de andere hebben "
        "geen tekstlaag; {engine_hint}, of sla de PDF opnieuw op of exporteer hem opnieuw",
        "{engine} read no text: page {pages} {count_verb} damaged and the others have no "
        "text layer; {engine_hint}, or save or export the PDF again",
    ),
    "read.verb.is": ("is", "is"),
    "read.verb.are": ("zijn", "are"),
    "read.no_text_layer": (
        "geen enkele pagina heeft een tekstlaag: het lijkt een scan; {ocr_hint}",
        "no page has a text layer: it looks like a scan; {ocr_hint}",
    ),
    "read.no_text_after_ocr": (
        "geen enkele pagina heeft een tekstlaag en OCR vond ook geen tekst; controleer of "
        "de scan leesbaar is (minstens 200 dpi) en rechtop staat",
        "no page has a text layer and OCR found no text either; check that the scan is "
        "legible (at least 200 dpi) and the right way up",
    ),
    "read.no_text_in": (
        "{kind} bevat geen tekst om te controleren",
        "the {kind} contains no text to check",
    ),
    "format.docx": ("het Word-document (.docx)", "Word document (.docx)"),
    "format.html": ("de webpagina (HTML)", "web page (HTML)"),
    "format.text": ("het tekstbestand", "text file"),
    "format.stop": ("de STOP-regeling (XML)", "STOP regeling (XML)"),
    "format.dso": ("het DSO-document (JSON)", "DSO document (JSON)"),
    "format.package": ("het DSO-pakket (ZIP)", "DSO package (ZIP)"),
    "read.unsupported.xml": (
        "is XML, maar geen STOP-regeling (RegelingVrijetekst) en geen aanlevering daarvan",
        "is XML, but not a STOP regeling (RegelingVrijetekst) nor a delivery of one",
    ),
    "read.unsupported.json": (
        "is JSON, maar geen DSO-document (er is geen _embedded.documentComponenten)",
        "is JSON, but not a DSO document (there is no _embedded.documentComponenten)",
    ),
    "read.unsupported.stop_without_regeling": (
        "is een STOP-aanlevering of -pakket zonder regelingtekst (RegelingVrijetekst); "
        "visiecheck leest de tekst van een regeling, geen wijzigingen of losse besluiten",
        "is a STOP delivery or package without a regeling text (RegelingVrijetekst); "
        "visiecheck reads the text of a regeling, not changes or bare decisions",
    ),
    "read.xml_dtd": (
        "het XML-bestand bevat een DTD of entiteiten (mogelijk een XML-bom of een "
        "verwijzing naar een ander bestand); STOP-bestanden hebben die nooit, dus het "
        "wordt niet gelezen",
        "the XML file contains a DTD or entities (possibly an XML bomb or a reference to "
        "another file); STOP files never have them, so it is not read",
    ),
    "read.xml_damaged": (
        "het XML-bestand is beschadigd of onvolledig (regel {line}, kolom {column}); "
        "download of exporteer het opnieuw",
        "the XML file is damaged or incomplete (line {line}, column {column}); download or "
        "export it again",
    ),
    "read.json_damaged": (
        "het JSON-bestand is beschadigd of onvolledig (regel {line}, kolom {column}); "
        "download het opnieuw",
        "the JSON file is damaged or incomplete (line {line}, column {column}); download it again",
    ),
    "read.package_damaged": (
        "het ZIP-pakket is beschadigd en de regelingtekst kan niet uitgepakt worden; "
        "download het opnieuw",
        "the ZIP package is damaged and its regeling text cannot be unpacked; download it again",
    ),
    "read.structure_too_deep": (
        "de documentstructuur is dieper genest dan {limit} niveaus; geen echte visie, "
        "dus niet gelezen",
        "the document structure is nested deeper than {limit} levels; no real visie, so not read",
    ),
    "read.structured_too_large": (
        "{kind} is {size} MB, groter dan de {limit} MB die visiecheck van zo'n bestand "
        "leest; controleer of het echt één visie is",
        "the {kind} is {size} MB, more than the {limit} MB visiecheck reads of such a "
        "file; check that it really is one visie",
    ),
    "read.docx_damaged": (
        "het Word-bestand is beschadigd en kan niet gelezen worden ({detail}); sla het "
        "opnieuw op in Word en probeer het nog eens",
        "the Word file is damaged and cannot be read ({detail}); save it again in Word and retry",
    ),
    "read.html_damaged": (
        "de webpagina kan niet verwerkt worden ({detail}); sla hem opnieuw op",
        "the web page cannot be parsed ({detail}); save it again",
    ),
    "read.ocr_not_installed": (
        "{ocr_option} heeft OCRmyPDF en Tesseract met Nederlandse taaldata nodig, maar "
        "OCRmyPDF is niet geïnstalleerd; {install}",
        "{ocr_option} needs OCRmyPDF and Tesseract with Dutch language data, but OCRmyPDF "
        "is not installed; {install}",
    ),
    "read.ocr_tools_missing": (
        "{ocr_option} heeft Tesseract met Nederlandse taaldata (nld) en Ghostscript "
        "nodig{detail}; {install}",
        "{ocr_option} needs Tesseract with Dutch language data (nld) and "
        "Ghostscript{detail}; {install}",
    ),
    "read.ocr_install": (
        "installeer ze met: apt-get install tesseract-ocr tesseract-ocr-nld ghostscript "
        '(en pip install "visiecheck[ocr]")',
        "install them with: apt-get install tesseract-ocr tesseract-ocr-nld ghostscript "
        '(and pip install "visiecheck[ocr]")',
    ),
    # --- limits of a worker process (run/isolation.py) -------------------------------
    "limit.timeout": (
        "gestopt na {seconds:g} s: het lezen duurde te lang; {timeout_hint}",
        "stopped after {seconds:g} s: reading took too long; {timeout_hint}",
    ),
    "limit.memory": (
        "te veel geheugen: meer dan {limit} MB nodig; {memory_hint}",
        "too much memory: needed more than {limit} MB; {memory_hint}",
    ),
    "limit.memory_unknown": (
        "te veel geheugen: meer dan de geheugenlimiet nodig; {memory_hint}",
        "too much memory: needed more than the memory limit; {memory_hint}",
    ),
    "limit.killed": (
        "te veel geheugen: de PDF-lezer is door het systeem gestopt (SIGKILL)",
        "too much memory: the system stopped the PDF reader (SIGKILL)",
    ),
    "limit.crash_under_cap": (
        "de PDF-lezer is gecrasht ({how}) onder de geheugenlimiet van {limit} MB: te weinig "
        "geheugen of een beschadigde PDF, dat is van buitenaf niet te onderscheiden; "
        "{memory_hint}; helpt dat niet, exporteer of download de PDF opnieuw",
        "the PDF reader crashed ({how}) under the memory limit of {limit} MB: too little "
        "memory or a damaged PDF, which cannot be told apart from outside; "
        "{memory_hint}; if that does not help, export or download the PDF again",
    ),
    "limit.memory_needed": (
        "te veel geheugen: de PDF-lezer had meer dan {limit} MB nodig (lukte met {needed} MB, "
        "die uitkomst is niet gebruikt); {memory_value_hint}",
        "too much memory: the PDF reader needed more than {limit} MB (it worked with "
        "{needed} MB, that result was not used); {memory_value_hint}",
    ),
    "limit.memory_needed_more": (
        "te veel geheugen: de PDF-lezer had meer dan {limit} MB nodig, en ook {tried} MB "
        "was niet genoeg; {memory_hint}",
        "too much memory: the PDF reader needed more than {limit} MB, and {tried} MB was "
        "not enough either; {memory_hint}",
    ),
    "limit.crash_confirmed": (
        "de PDF-lezer is gecrasht ({how}), ook met {tried} MB geheugen: de PDF is "
        "waarschijnlijk beschadigd; exporteer of download de PDF opnieuw",
        "the PDF reader crashed ({how}), also with {tried} MB of memory: the PDF is "
        "probably damaged; export or download the PDF again",
    ),
    "limit.crash_confirmed_engine": (
        "de PDF-lezer is gecrasht ({how}), ook met {tried} MB geheugen: de PDF is "
        "waarschijnlijk beschadigd; {engine_hint}, of exporteer of download de PDF opnieuw",
        "the PDF reader crashed ({how}), also with {tried} MB of memory: the PDF is "
        "probably damaged; {engine_hint}, or export or download the PDF again",
    ),
    "limit.crash": (
        "de PDF-lezer is gecrasht ({how}); exporteer of download de PDF opnieuw",
        "the PDF reader crashed ({how}); export or download the PDF again",
    ),
    "limit.matcher_memory": (
        "het voorbereiden van lexicon {lexicon} had meer dan {limit} MB geheugen nodig; "
        "{memory_hint}, of gebruik een kleiner lexicon",
        "preparing lexicon {lexicon} needed more than {limit} MB of memory; "
        "{memory_hint}, or use a smaller lexicon",
    ),
    "limit.matcher_timeout": (
        "het voorbereiden van lexicon {lexicon} duurde langer dan {seconds:g} s; "
        "{timeout_hint}, of gebruik een kleiner lexicon",
        "preparing lexicon {lexicon} took longer than {seconds:g} s; "
        "{timeout_hint}, or use a smaller lexicon",
    ),
    "limit.signal": ("signaal {number}", "signal {number}"),
    "limit.exit_code": ("code {code}", "code {code}"),
    "limit.worker_memory_too_low": (
        "een geheugenlimiet van {limit} MB per werkproces is te weinig voor het taalmodel; "
        "geef minstens 1024 MB",
        "a memory limit of {limit} MB per worker is too little for the language model; "
        "give at least 1024 MB",
    ),
    "internal.worker": ("interne fout: {detail}", "internal error: {detail}"),
    "internal.worker_start": (
        "een werkproces kon niet starten: {detail}",
        "a worker could not start: {detail}",
    ),
    "internal.workers_die": (
        "werkprocessen stoppen tijdens het starten (afsluitcode {code})",
        "worker processes die while starting (exit code {code})",
    ),
    # --- writing a report (output.py) ------------------------------------------------
    "output.no_folder": (
        "map {folder} bestaat niet; maak hem eerst aan",
        "folder {folder} does not exist; create it first",
    ),
    "output.is_folder": (
        "is een map; geef een bestandsnaam voor het rapport",
        "is a folder; give a file name for the report",
    ),
    "output.cannot_write": (
        "het rapport kan niet geschreven worden ({reason})",
        "cannot write the report ({reason})",
    ),
    "output.cannot_write_here": (
        "hier kan niet geschreven worden ({reason})",
        "cannot write here ({reason})",
    ),
    "output.stdout_flush": (
        "standaarduitvoer: kan niet schrijven ({reason})",
        "standard output: cannot write ({reason})",
    ),
    "output.stdout": (
        "standaarduitvoer: het rapport kan niet geschreven worden ({reason}), dus het is "
        "afgebroken; {output_hint}",
        "standard output: cannot write the report ({reason}), so it is cut off; {output_hint}",
    ),
    # --- fetching visies from the DSO (fetch/) ---------------------------------------
    "fetch.no_key": (
        "geen API-sleutel voor het DSO: zet hem in de omgevingsvariabele {env} of "
        "{api_key_hint}; een gratis sleutel vraagt u aan op het DSO-ontwikkelaarsportaal",
        "no API key for the DSO: put it in the environment variable {env} or "
        "{api_key_hint}; a free key is issued on the DSO developer portal",
    ),
    "fetch.key_refused": (
        "het DSO weigert de API-sleutel (HTTP {status}); controleer de sleutel en of hij "
        "voor deze omgeving ({environment}) is uitgegeven",
        "the DSO refuses the API key (HTTP {status}); check the key and that it was "
        "issued for this environment ({environment})",
    ),
    "fetch.bad_key": (
        "de API-sleutel bevat tekens die geen sleutel heeft (spaties, regeleinden of "
        "letters buiten ASCII); kopieer hem opnieuw van het DSO-ontwikkelaarsportaal",
        "the API key holds characters no key has (spaces, line breaks or letters outside "
        "ASCII); copy it again from the DSO developer portal",
    ),
    "fetch.bad_base_url": (
        "{url} is geen bruikbaar adres voor de DSO-API: gebruik https:// (http:// alleen "
        "op deze computer), want de API-sleutel gaat mee",
        "{url} is not a usable address for the DSO API: use https:// (http:// only on "
        "this machine), since the API key is sent along",
    ),
    "fetch.bad_environment": (
        "onbekende omgeving {value!r}; kies uit {choices}",
        "unknown environment {value!r}; choose from {choices}",
    ),
    "fetch.no_municipalities": (
        "geen gemeente gegeven; noem een naam (Enschede), een CBS-code (gm0153) of twente",
        "no municipality given; name one (Enschede), a CBS code (gm0153) or twente",
    ),
    "fetch.unknown_municipality": (
        "{value!r} is geen Nederlandse gemeente; geef een naam (Enschede), een CBS-code "
        "(gm0153) of twente",
        "{value!r} is not a Dutch municipality; give a name (Enschede), a CBS code "
        "(gm0153) or twente",
    ),
    "fetch.no_code": (
        "voor {name} kent visiecheck de CBS-code niet; geef de code zelf (gm gevolgd door "
        "vier cijfers, te vinden bij het CBS)",
        "visiecheck does not know the CBS code of {name}; give the code itself (gm and "
        "four digits, as listed by CBS)",
    ),
    "fetch.unreachable": (
        "de DSO-API op {host} is niet bereikbaar ({reason}) na {attempts} pogingen; "
        "controleer de netwerkverbinding en probeer het later opnieuw",
        "the DSO API at {host} cannot be reached ({reason}) after {attempts} attempts; "
        "check the network connection and try again later",
    ),
    "fetch.timeout": (
        "de DSO-API gaf binnen {seconds:g} s geen antwoord ({attempts} pogingen); probeer "
        "het later opnieuw of {fetch_timeout_hint}",
        "the DSO API did not answer within {seconds:g} s ({attempts} attempts); try again "
        "later or {fetch_timeout_hint}",
    ),
    "fetch.server_error": (
        "de DSO-API geeft een serverfout (HTTP {status}) na {attempts} pogingen; de dienst "
        "is waarschijnlijk tijdelijk buiten gebruik, probeer het later opnieuw",
        "the DSO API keeps answering with a server error (HTTP {status}) after {attempts} "
        "attempts; the service is probably down for now, try again later",
    ),
    "fetch.not_found": (
        "de DSO-API kent {what} niet (HTTP 404)",
        "the DSO API does not know {what} (HTTP 404)",
    ),
    "fetch.http_status": (
        "onverwacht antwoord van de DSO-API: HTTP {status} op {what}",
        "unexpected answer from the DSO API: HTTP {status} for {what}",
    ),
    "fetch.not_json": (
        "het antwoord van de DSO-API op {what} is geen JSON",
        "the DSO API's answer to {what} is not JSON",
    ),
    "fetch.too_large": (
        "het antwoord van de DSO-API op {what} is groter dan {limit} MB; afgebroken",
        "the DSO API's answer to {what} is larger than {limit} MB; stopped",
    ),
    "fetch.missing_field": (
        "het antwoord van de DSO-API op {what} mist het veld {field}; de API is "
        "misschien gewijzigd, meld het",
        "the DSO API's answer to {what} lacks the field {field}; the API may have "
        "changed, please report it",
    ),
    "fetch.foreign_link": (
        "de DSO-API verwijst voor de volgende pagina naar een andere server ({url}); "
        "niet gevolgd, want de API-sleutel zou meegaan",
        "the DSO API points to another server for the next page ({url}); not followed, "
        "since the API key would go along",
    ),
    "fetch.too_many_pages": (
        "het antwoord van de DSO-API op {what} heeft meer dan {limit} pagina's; afgebroken",
        "the DSO API's answer to {what} has more than {limit} pages; stopped",
    ),
    "fetch.what.listing": (
        "de lijst van regelingen van {code}",
        "the list of regelingen of {code}",
    ),
    "fetch.what.tree": ("de tekst van {identification}", "the text of {identification}"),
    "fetch.no_visie": (
        "{municipality} ({code}): geen gepubliceerde omgevingsvisie in het DSO",
        "{municipality} ({code}): no published omgevingsvisie in the DSO",
    ),
    "fetch.no_visie_or_draft": (
        "{municipality} ({code}): geen gepubliceerde omgevingsvisie of ontwerp in het DSO",
        "{municipality} ({code}): no published omgevingsvisie or draft in the DSO",
    ),
    "fetch.row.fetched": (
        "{municipality} ({code}): opgehaald {file} ({status}{version}, {parts})",
        "{municipality} ({code}): fetched {file} ({status}{version}, {parts})",
    ),
    "fetch.components.one": ("{count} onderdeel", "{count} component"),
    "fetch.components.many": ("{count} onderdelen", "{count} components"),
    "fetch.row.skipped": (
        "{municipality} ({code}): al compleet, overgeslagen: {file}",
        "{municipality} ({code}): already complete, skipped: {file}",
    ),
    "fetch.row.failed": (
        "{municipality} ({code}): mislukt: {reason}",
        "{municipality} ({code}): failed: {reason}",
    ),
    "fetch.status.vastgesteld": ("vastgesteld", "adopted"),
    "fetch.status.ontwerp": ("ontwerp", "draft"),
    "fetch.version": (", versie {version}", ", version {version}"),
    "fetch.summary": (
        "{fetched} opgehaald, {skipped} overgeslagen (al compleet), {none} zonder "
        "gepubliceerde visie, {failed} mislukt; verzoeken aan de DSO-API: {requests}",
        "{fetched} fetched, {skipped} skipped (already complete), {none} without a "
        "published visie, {failed} failed; requests to the DSO API: {requests}",
    ),
    "fetch.manifest": (
        "manifest: {path} (vergelijk ze met: visiecheck batch {path})",
        "manifest: {path} (compare them with: visiecheck batch {path})",
    ),
    "fetch.retry": (
        "de DSO-API antwoordt niet zoals gehoopt ({why}); nieuwe poging over {seconds:g} s",
        "the DSO API did not answer as hoped ({why}); retrying in {seconds:g} s",
    ),
    # --- batch input (run/batch.py) --------------------------------------------------
    "batch.source_not_found": (
        "niet gevonden; geef een map met visies (PDF, Word, HTML, tekst) of een manifest (.csv)",
        "not found; give a folder of visies (PDF, Word, HTML, text) or a manifest (.csv)",
    ),
    "batch.folder_unreadable": (
        "de map kan niet gelezen worden ({reason}); controleer de toegangsrechten",
        "the folder cannot be read ({reason}); check its permissions",
    ),
    "batch.no_files": (
        "geen visies in deze map (PDF, Word .docx, HTML, tekst .txt/.md); {found}",
        "no visies in this folder (PDF, Word .docx, HTML, text .txt/.md); {found}",
    ),
    "batch.no_files_recursive": (
        "geen visies in deze map of haar submappen (PDF, Word .docx, HTML, tekst .txt/.md); "
        "{found}",
        "no visies in this folder or its sub-folders (PDF, Word .docx, HTML, text .txt/.md); "
        "{found}",
    ),
    "batch.found.empty": ("de map is leeg", "the folder is empty"),
    "batch.found.only": ("er is alleen: {parts}", "it holds only {parts}"),
    "batch.found.count": ("{count} × {kind}", "{count} × {kind}"),
    "batch.found.sub_folder": (
        "{count} submap niet doorzocht{recursive_hint}",
        "{count} sub-folder not searched{recursive_hint}",
    ),
    "batch.found.sub_folders": (
        "{count} submappen niet doorzocht{recursive_hint}",
        "{count} sub-folders not searched{recursive_hint}",
    ),
    "batch.kind.hidden": ("verborgen of systeembestand", "hidden or system file"),
    "batch.kind.other": ("ander (koppeling, pipe, apparaat)", "other (link, pipe, device)"),
    "batch.kind.readme": ("leesmij-bestand", "readme file"),
    "batch.kind.no_extension": ("zonder extensie", "without extension"),
    "batch.kind.unreadable_folder": ("onleesbare submap", "unreadable sub-folder"),
    "join.comma": ("{first}, {rest}", "{first}, {rest}"),
    "batch.manifest_not_utf8": (
        "{path}: is geen map en ook geen UTF-8-manifest (gemeente;bestand[;versie])",
        "{path}: is neither a folder nor a UTF-8 manifest (gemeente;bestand[;versie])",
    ),
    "batch.manifest_bad_line": (
        "{path}, regel {line}: geen manifestregel ({detail}); schrijf gemeente;bestand[;versie]",
        "{path}, line {line}: not a manifest line ({detail}); write gemeente;bestand[;versie]",
    ),
    "batch.manifest_header": (
        "{path}, regel {line}: de kopregel heeft de kolommen gemeente en bestand nodig",
        "{path}, line {line}: the header needs the columns gemeente and bestand",
    ),
    "batch.manifest_empty_cell": (
        "{path}, regel {line}: kolom {column} is leeg; schrijf gemeente;bestand[;versie]",
        "{path}, line {line}: column {column} is empty; write gemeente;bestand[;versie]",
    ),
    "batch.manifest_empty": (
        "{path}: het manifest noemt geen documenten (gemeente;bestand[;versie])",
        "{path}: the manifest lists no documents (gemeente;bestand[;versie])",
    ),
    # --- options and usage -----------------------------------------------------------
    "usage.choice": (
        "{option} {value!r}: kies uit {choices}",
        "{option} {value!r}: choose one of {choices}",
    ),
    "usage.unknown_value": (
        "onbekende waarde {value!r} voor {option}; kies uit: {choices}",
        "unknown {option} {value!r}; choose one of: {choices}",
    ),
    "usage.at_least": (
        "{option} moet minstens {minimum:g}{unit} zijn",
        "{option} must be at least {minimum:g}{unit}",
    ),
    "usage.more_than": (
        "{option} moet meer dan {minimum:g}{unit} zijn",
        "{option} must be more than {minimum:g}{unit}",
    ),
    "usage.not_below": (
        "{option} moet {minimum} of meer zijn, niet {value}",
        "{option} must be {minimum} or more, not {value}",
    ),
    "usage.page_range": (
        "{option} {value!r}: geef een pagina of een bereik zoals 3-7",
        "{option} {value!r}: use a page or a range such as 3-7",
    ),
    "usage.page_order": (
        "{option} {value!r}: pagina's beginnen bij 1 en het bereik moet oplopen",
        "{option} {value!r}: pages start at 1 and the range must ascend",
    ),
    "usage.pages_beyond": (
        "{option} {value!r}: het document heeft {count} {noun}",
        "{option} {value!r}: the document has {count} {noun}",
    ),
    "usage.fuzzy_min_length": (
        "fuzzy_min_length onder 5 laat korte woorden op ruis lijken",
        "fuzzy_min_length below 5 would make short words match noise",
    ),
    "usage.fuzzy_max_distance": (
        "fuzzy_max_distance moet tussen 0 en 3 liggen",
        "fuzzy_max_distance must be between 0 and 3",
    ),
    "usage.xlsx_to_terminal": (
        "{option} xlsx schrijft een binair bestand: geef {output} overzicht.xlsx",
        "{option} xlsx writes a binary file: give {output} overzicht.xlsx",
    ),
    "themes.where": ("{where}: {detail}", "{where}: {detail}"),
    "themes.none_given": (
        "geen thema opgegeven; kies core, all of themanamen",
        "no theme given; choose core, all or theme names",
    ),
    "themes.no_core": (
        "lexicon {lexicon} markeert geen kernthema's",
        "lexicon {lexicon} marks no core themes",
    ),
    "themes.ambiguous": (
        "thema {theme!r} past bij meerdere thema's ({owners}); geef een van deze ids",
        "theme {theme!r} fits several themes ({owners}); give one of these ids",
    ),
    "themes.unknown": (
        "onbekend thema {names}; kies {choices}: {ids}",
        "unknown theme {names}; choose {choices}: {ids}",
    ),
    "themes.unknown_many": (
        "onbekende thema's {names}; kies {choices}: {ids}",
        "unknown themes {names}; choose {choices}: {ids}",
    ),
    "themes.name": ("{name!r}", "{name!r}"),
    "themes.did_you_mean": (
        "{name!r} (bedoelt u {suggestions}?)",
        "{name!r} (did you mean {suggestions}?)",
    ),
    "themes.choices": (
        "een thema-id, label, code of synoniem",
        "a theme id, label, code or synonym",
    ),
    "themes.choices_selection": (
        "core, all of een thema-id, label, code of synoniem",
        "core, all or a theme id, label, code or synonym",
    ),
    "join.or": ("{first} of {rest}", "{first} or {rest}"),
    "usage.sort": (
        "sort {value!r}: kies name of missing",
        "sort {value!r}: choose name or missing",
    ),
    # --- lexicons (lexicon.py) -------------------------------------------------------
    "lexicon.not_found": (
        "lexicon niet gevonden; geef een YAML-bestand of een van de meegeleverde lexicons: {names}",
        "lexicon not found; give a YAML file or one of the shipped lexicons: {names}",
    ),
    "lexicon.is_folder": (
        "is een map, geen lexiconbestand",
        "is a folder, not a lexicon file",
    ),
    "lexicon.extends_loop": (
        "verwijst naar zichzelf (een lus van 'extends')",
        "extends itself (a loop of 'extends')",
    ),
    "lexicon.too_big": (
        "regel 1: het bestand is {size:,} bytes; een lexicon mag hoogstens {limit:,} bytes "
        "zijn (verdeel het over lexicons met 'extends')",
        "line 1: the file is {size:,} bytes; a lexicon may be at most {limit:,} bytes "
        "(split it into lexicons with 'extends')",
    ),
    "lexicon.not_utf8": (
        "is geen UTF-8-tekst; sla het op als UTF-8",
        "is not UTF-8 text; save it as UTF-8",
    ),
    "lexicon.unreadable": (
        "kan niet gelezen worden ({reason})",
        "cannot be read ({reason})",
    ),
    "lexicon.bad_yaml": (
        "{where}ongeldige YAML: {problem}",
        "{where}invalid YAML: {problem}",
    ),
    "lexicon.not_mapping": (
        "regel 1: een lexicon is een mapping met name, version en themes",
        "line 1: a lexicon is a mapping with name, version and themes",
    ),
    "lexicon.invalid": ("regel {line}: {where}{problem}", "line {line}: {where}{problem}"),
    "lexicon.where_line": ("regel {line}: ", "line {line}: "),
    "lexicon.where_theme": ("thema {theme}: ", "theme {theme}: "),
    "lexicon.where_theme_detail": ("thema {theme}, {detail}: ", "theme {theme}, {detail}: "),
    "lexicon.where_line_theme": (
        "regel {line}: thema {theme}: ",
        "line {line}: theme {theme}: ",
    ),
    "lexicon.unknown_key": ("onbekende sleutel {key!r}", "unknown key {key!r}"),
    "lexicon.missing_key": ("{where}sleutel {key!r} ontbreekt", "{where}missing key {key!r}"),
    "lexicon.alias_loop": (
        "regel {line}: een alias verwijst naar een waarde waar hij zelf deel van is",
        "line {line}: an alias refers to a value it is part of",
    ),
    "lexicon.too_many_values": (
        "regel {line}: deze waarde wordt meer dan {limit:,} waarden (ankers en aliassen "
        "volledig meegeteld); een lexicon mag er hoogstens zoveel hebben",
        "line {line}: this value expands to more than {limit:,} values (anchors and "
        "aliases counted in full); a lexicon may have at most that many",
    ),
    "lexicon.duplicate_key": (
        "regel {line}: sleutel {key!r} staat er twee keer (eerst op regel {first})",
        "line {line}: duplicate key {key!r} (first given on line {first})",
    ),
    "lexicon.duplicate_theme": ("{where}thema-id komt twee keer voor", "{where}duplicate theme id"),
    "lexicon.too_many_terms": (
        "{where}het lexicon heeft meer dan {limit:,} termen ({count:,} tot en met dit thema); "
        "verdeel het of laat termen weg",
        "{where}the lexicon has more than {limit:,} terms ({count:,} up to this theme); "
        "split it or leave terms out",
    ),
    "lexicon.no_terms": (
        "{where}een thema heeft minstens één term nodig",
        "{where}a theme needs at least one term",
    ),
    "lexicon.unknown_moves_to": (
        "thema {theme}: term {term!r} verwijst met moves_to naar onbekend thema {sister!r}",
        "theme {theme}: term {term!r} moves_to unknown theme {sister!r}",
    ),
    "lexicon.term_twice": (
        "{where}term {term!r} staat er twee keer in",
        "{where}term {term!r} is listed twice",
    ),
    "lexicon.exclusion_unknown_term": (
        "{where}uitsluiting {exclusion!r} noemt onbekende term {term!r}",
        "{where}exclusion {exclusion!r} names unknown term {term!r}",
    ),
    "lexicon.spec.too_long": (
        "{what} is {length:,} tekens lang; hoogstens {limit} zijn toegestaan",
        "{what} is {length:,} characters long; at most {limit} are allowed",
    ),
    "lexicon.spec.word_too_long": (
        "{what} heeft een woord van {length:,} tekens; hoogstens {limit} zijn toegestaan",
        "{what} has a word of {length:,} characters; at most {limit} are allowed",
    ),
    "lexicon.what.term": ("term", "term"),
    "lexicon.what.requires": ("een requires-woord", "a requires word"),
    "lexicon.what.veto": ("een veto-woord", "a veto word"),
    "lexicon.what.moves_to": ("een moves_to-signaalwoord", "a moves_to cue"),
    "lexicon.what.stays_with": ("een stays_with-woord", "a stays_with word"),
    "lexicon.what.exclusion": ("uitsluiting", "exclusion"),
    "lexicon.spec.empty_term": ("lege term", "empty term"),
    "lexicon.spec.unfindable_term": (
        "term {term!r} heeft geen letters of cijfers en kan nooit gevonden worden",
        "term {term!r} has no letters or digits and can never match",
    ),
    "lexicon.spec.requires_shape": (
        "requires is een lijst van woorden of een lijst van woordlijsten",
        "requires is a list of words or a list of word lists",
    ),
    "lexicon.spec.requires_empty": ("leeg woord in requires", "empty word in requires"),
    "lexicon.spec.veto_empty": ("leeg woord in veto", "empty word in veto"),
    "lexicon.spec.stays_with_empty": ("leeg woord in stays_with", "empty word in stays_with"),
    "lexicon.spec.moves_to_cues": (
        "moves_to {theme!r} heeft signaalwoorden nodig",
        "moves_to {theme!r} needs cue words",
    ),
    "lexicon.spec.alias_unfindable": (
        "alias {alias!r} heeft geen letters of cijfers",
        "alias {alias!r} has no letters or digits",
    ),
    "lexicon.spec.alias_comma": (
        "alias {alias!r} bevat een komma",
        "alias {alias!r} has a comma",
    ),
    "lexicon.spec.alias_keyword": (
        "alias {alias!r} is een sleutelwoord van de themakeuze ({keywords})",
        "alias {alias!r} is a keyword of the theme selection ({keywords})",
    ),
    "lexicon.alias_twice": (
        "{where}alias {alias!r} staat er twee keer",
        "{where}alias {alias!r} is listed twice",
    ),
    "lexicon.alias_taken": (
        "{where}alias {alias!r} is al een naam van thema {themes}",
        "{where}alias {alias!r} is already a name of theme {themes}",
    ),
    "lexicon.spec.empty_exclusion": ("lege uitsluiting", "empty exclusion"),
    "lexicon.spec.theme_id": (
        "thema-id {theme!r} mag alleen kleine ASCII-letters, cijfers en _ bevatten",
        "theme id {theme!r} must be lowercase ASCII letters, digits, _",
    ),
    "lexicon.examples_fail": (
        "{count} voorbeeld(en) mislukken; verbeter de termen of uitsluitingen hierboven",
        "{count} example(s) fail; fix the terms or exclusions above",
    ),
    # --- warnings about a document (extract/) ----------------------------------------
    "word.page": ("pagina", "page"),
    "word.pages": ("pagina's", "pages"),
    "word.section": ("sectie", "section"),
    "word.sections": ("secties", "sections"),
    "warn.damaged_pages": (
        "{count} {noun} beschadigd ({pages}): {engine} kon de tekst niet (volledig) lezen, "
        "dus deze tekst is niet doorzocht ({engine_hint})",
        "{count} {noun} damaged ({pages}): {engine} could not read (all of) the text, so "
        "this text was not searched ({engine_hint})",
    ),
    "warn.ocr_pages": (
        "{count} {noun} met OCR gelezen ({pages}): controleer de bewijszinnen, "
        "tekstherkenning kan woorden verkeerd lezen",
        "{count} {noun} read with OCR ({pages}): check the evidence sentences, text "
        "recognition can misread words",
    ),
    "warn.no_text_after_ocr": (
        "{count} {noun} zonder tekstlaag ({pages}): ook OCR vond er geen tekst, dus niet gelezen",
        "{count} {noun} without a text layer ({pages}): OCR found no text there either, so "
        "not read",
    ),
    "warn.no_text_layer": (
        "{count} {noun} zonder tekstlaag ({pages}): deze tekst is niet gelezen ({ocr_use_hint})",
        "{count} {noun} without a text layer ({pages}): this text was not read ({ocr_use_hint})",
    ),
    "warn.ocr_failed": (
        "OCR is mislukt ({detail}); pagina's zonder tekstlaag niet gelezen",
        "OCR failed ({detail}); pages without a text layer not read",
    ),
    "warn.xref_repaired": (
        "herstelde PDF: de verwijzingstabel (xref) van het bestand is beschadigd; de "
        "pagina's zijn toch gelezen, maar controleer of er tekst ontbreekt",
        "repaired PDF: the file's cross-reference table (xref) is damaged; the pages were "
        "read all the same, but check whether text is missing",
    ),
    "warn.name_not_pdf": (
        "de naam eindigt op {suffix}, maar het bestand is geen PDF: gelezen als {kind}{hint}",
        "the name ends in {suffix}, but the file is not a PDF: read as a {kind}{hint}",
    ),
    "warn.download_error_page": (
        " (is het een foutpagina van een download? download de PDF dan opnieuw)",
        " (is it the error page of a download? then download the PDF again)",
    ),
    "warn.name_other": (
        "de naam eindigt op {suffix}, maar de inhoud is een {kind}: zo gelezen",
        "the name ends in {suffix}, but the content is a {kind}: read as such",
    ),
    "format_name.docx": ("Word-document (.docx)", "Word document (.docx)"),
    "format_name.html": ("webpagina (HTML)", "web page (HTML)"),
    "format_name.text": ("tekstbestand", "text file"),
    "format_name.stop": ("STOP-regeling (XML)", "STOP regeling (XML)"),
    "format_name.dso": ("DSO-document (JSON)", "DSO document (JSON)"),
    "format_name.package": ("DSO-pakket (ZIP)", "DSO package (ZIP)"),
    # --- notices about the run itself (run/) -----------------------------------------
    "notice.no_memory_cap": (
        "geheugenlimiet per document ({limit} MB) is op dit platform niet mogelijk: een te "
        "groot document wordt alleen door de tijdslimiet gestopt",
        "a memory limit per document ({limit} MB) is not possible on this platform: a "
        "document that is too large is only stopped by the time limit",
    ),
    "notice.cache_read_only": (
        "de cache in {folder} is niet schrijfbaar: deze run werkt zonder cache",
        "the cache in {folder} cannot be written: this run works without a cache",
    ),
    "notice.cache_repaired": (
        "de cache {path} was deels beschadigd en is hersteld (bewaarde uitkomsten: {kept}); "
        "wat beschadigd was wordt opnieuw gelezen",
        "the cache {path} was partly damaged and has been repaired (results kept: {kept}); "
        "what was damaged is read again",
    ),
    "notice.cache_rebuilt": (
        "de cache {path} was beschadigd en is opnieuw aangemaakt; de bestanden worden "
        "opnieuw gelezen",
        "the cache {path} was damaged and has been made again; the files are read again",
    ),
    # --- comparing drafts (analyse/diff.py) ------------------------------------------
    "diff.unreadable": (
        "kan niet vergeleken worden: {reason}",
        "cannot be compared: {reason}",
    ),
    # --- the command line's own lines (cli.py) ---------------------------------------
    "cli.interrupted": ("onderbroken", "interrupted"),
    "cli.internal": (
        "interne fout ({detail}); draai opnieuw met {verbose_option} en meld het",
        "internal error ({detail}); run again with {verbose_option} and report it",
    ),
    "cli.warning": ("waarschuwing: {text}", "warning: {text}"),
    "cli.error": ("fout: {text}", "error: {text}"),
    "cli.skipped": ("{text} (overgeslagen)", "{text} (skipped)"),
    "cli.theme_argument": ("het argument THEME", "the THEME argument"),
    "cli.pages_cut": (
        "{option} {value}: het document heeft {count} {noun}; getoond: {shown}",
        "{option} {value}: the document has {count} {noun}; shown: {shown}",
    ),
    "cli.failures": (
        "{failed} van {total} bestanden niet gelezen:",
        "{failed} of {total} files not read:",
    ),
}

# The Python API's hints: the default wherever no front end set its own.
PYTHON_HINTS: Hints = {
    "password_hint": {
        "nl": "geef het wachtwoord mee als ReadOptions(password=...)",
        "en": "pass the password as ReadOptions(password=...)",
    },
    "password_retry_hint": {
        "nl": "geef het juiste mee als ReadOptions(password=...)",
        "en": "pass the right one as ReadOptions(password=...)",
    },
    "ocr_hint": {
        "nl": "lees het met OCR (Tesseract, Nederlands) via ReadOptions(ocr=True) en "
        "controleer het resultaat",
        "en": "read it with OCR (Tesseract, Dutch) through ReadOptions(ocr=True) and check "
        "the result",
    },
    "ocr_option": {"nl": "ReadOptions(ocr=True)", "en": "ReadOptions(ocr=True)"},
    "ocr_use_hint": {
        "nl": "gebruik ReadOptions(ocr=True) voor tekstherkenning",
        "en": "use ReadOptions(ocr=True) to read it with OCR",
    },
    "engine_hint": {
        "nl": "probeer ReadOptions(engine={other_engine!r})",
        "en": "try ReadOptions(engine={other_engine!r})",
    },
    "timeout_hint": {"nl": "geef een hogere timeout mee", "en": "pass a higher timeout"},
    "memory_hint": {
        "nl": "geef een hogere max_memory_mb mee",
        "en": "pass a higher max_memory_mb",
    },
    "memory_value_hint": {
        "nl": "geef max_memory_mb={needed} mee",
        "en": "pass max_memory_mb={needed}",
    },
    "recursive_hint": {
        "nl": " (geef recursive=True mee om ook in submappen te zoeken)",
        "en": " (pass recursive=True to look in sub-folders)",
    },
    "output_hint": {
        "nl": "schrijf het naar een bestand waar ruimte is",
        "en": "write it to a file where there is room",
    },
    "api_key_hint": {
        "nl": "geef hem mee als fetch_visies(api_key=...)",
        "en": "pass it as fetch_visies(api_key=...)",
    },
    "fetch_timeout_hint": {
        "nl": "geef een hogere timeout mee",
        "en": "pass a higher timeout",
    },
}

_hints: ContextVar[Hints] = ContextVar("visiecheck_message_hints", default=PYTHON_HINTS)


@contextmanager
def use_hints(hints: Hints) -> Iterator[None]:
    """Fill the hint fields from ``hints`` (a front end's table) inside this block."""
    token = _hints.set(hints)
    try:
        yield
    finally:
        _hints.reset(token)


def current_hints() -> Hints:
    return _hints.get()


class Msg:
    """One message as data: a catalogue key and its parameters; text only on demand.

    Hashable and picklable, so it travels from a worker process inside an error or a
    ``DocumentReport`` and is written in the reader's language there.
    """

    __slots__ = ("key", "params")

    key: str
    params: tuple[tuple[str, Param], ...]

    def __init__(self, key: str, /, **params: Param) -> None:
        if key not in CATALOGUE:  # a typo in a key is a bug, caught by the tests
            raise KeyError(f"no message {key!r} in the catalogue")
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", tuple(sorted(params.items())))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Msg is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.key, self.params))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash((self.key, self.params))

    def __repr__(self) -> str:
        arguments = "".join(f", {name}={value!r}" for name, value in self.params)
        return f"Msg({self.key!r}{arguments})"

    def text(self, lang: str = DEFAULT_LANG, hints: Hints | None = None) -> str:
        """The message in ``lang`` (``nl`` or ``en``), hint fields from ``hints`` or
        the front end's table in force."""
        return render(self.key, dict(self.params), lang, hints)

    def to_data(self) -> list[Any]:
        """A JSON value for a cache: ``[key, {name: value}]``, a nested message as
        ``{"msg": [...]}``."""
        return [
            self.key,
            {
                name: {"msg": value.to_data()} if isinstance(value, Msg) else value
                for name, value in self.params
            },
        ]

    @classmethod
    def from_data(cls, data: Any) -> Msg:
        """The message of ``to_data``; ``ValueError`` or ``KeyError`` when it is not one."""
        key, params = data
        if not isinstance(key, str) or not isinstance(params, dict):
            raise ValueError("not a message")
        return cls(
            key,
            **{
                name: cls.from_data(value["msg"]) if isinstance(value, dict) else value
                for name, value in params.items()
            },
        )


def _restore(key: str, params: tuple[tuple[str, Param], ...]) -> Msg:
    return Msg(key, **dict(params))


class _Formatter(string.Formatter):
    """``str.format`` with nested messages, hints and the language's number style."""

    def __init__(self, lang: str, hints: Hints) -> None:
        self.lang, self.hints = lang, hints

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs and key in self.hints:
            # a hint is itself a template: it may use the message's parameters
            return _Raw(self.vformat(_pick(self.hints[key], self.lang), (), kwargs))
        return super().get_value(key, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, Msg):
            value = value.text(self.lang, self.hints)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg):
            value = value.text(self.lang, self.hints)
        if isinstance(value, _Raw):
            return str(value)
        text = format(value, format_spec)
        if self.lang == "nl" and isinstance(value, int | float) and not isinstance(value, bool):
            # Dutch writes 1.234,5 where English writes 1,234.5
            text = text.translate(str.maketrans({",": ".", ".": ","}))
        return text


class _Raw(str):
    """An already formatted hint: written as it is."""


def _pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get(DEFAULT_LANG) or next(iter(texts.values()))


def render(
    key: str, params: Mapping[str, Param], lang: str = DEFAULT_LANG, hints: Hints | None = None
) -> str:
    """The text of message ``key`` with ``params`` in ``lang``."""
    dutch, english = CATALOGUE[key]
    template = dutch if lang == "nl" else english
    return _Formatter(lang, hints if hints is not None else _hints.get()).vformat(
        template, (), params
    )


def text_of(message: str | Msg, lang: str = DEFAULT_LANG, hints: Hints | None = None) -> str:
    """A message's text: a ``Msg`` in ``lang``; a plain string (no key) as it is."""
    return message.text(lang, hints) if isinstance(message, Msg) else message
