"""``visiecheck fetch`` against a local DSO: a standard-library HTTP server on 127.0.0.1
that answers in the documented shape of the Presenteren API v8 (built here, no network).

The server's routes hold the answers of one test; it records every request (path, query,
headers), so a test asserts what was asked, how often, and with which key, never how
long anything took. The client's waits go to a recorder instead of ``time.sleep``.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.cli_helpers import cli, one_line_error
from visiecheck import api
from visiecheck.errors import DsoKeyError, DsoUnavailableError, ExitCode, UsageError
from visiecheck.fetch import endpoints
from visiecheck.fetch.http import JsonClient, _retry_after_seconds
from visiecheck.fetch.municipalities import TWENTE, resolve
from visiecheck.messages import Msg

KEY = "test-sleutel-7f3a9c"
PREFIX = "/publiek/omgevingsdocumenten/api/presenteren/v8/"
VISIE_TYPE = {"code": "/join/id/stop/regelingtype_006", "waarde": "Omgevingsvisie"}
PLAN_TYPE = {"code": "/join/id/stop/regelingtype_003", "waarde": "Omgevingsplan"}
STOP = "https://standaarden.overheid.nl/stop/imop/tekst/"

ENSCHEDE_VISIE = "/akn/nl/act/gm0153/2023/omgevingsvisie"
ENSCHEDE_VISIE_URI = "_akn_nl_act_gm0153_2023_omgevingsvisie"
ENSCHEDE_ONTWERP = "/akn/nl/act/gm0153/2026/omgevingsvisie-herzien"


# --- the local DSO ----------------------------------------------------------------------


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    hold: bool = False  # wait until the test ends (a response slower than any timeout)


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class FakeDso:
    """Routes (path → answer, or a queue of answers used up one by one) and a log."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[dict[str, str]], Answer] | list[Answer]] = {}
        self.requests: list[Request] = []
        self.release = threading.Event()
        self.base_url = ""
        self._lock = threading.Lock()

    def route(self, path: str, answer: Callable[[dict[str, str]], Answer] | list[Answer]) -> None:
        self.routes[PREFIX + path] = answer

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]) -> Answer:
        with self._lock:
            self.requests.append(Request(path, query, headers))
            route = self.routes.get(path)
            if route is None:
                return Answer(404, {"title": "Not Found"})
            if isinstance(route, list):
                return route.pop(0) if len(route) > 1 else route[0]
        return route(query)

    def asked(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == PREFIX + path]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = self.server.dso.answer(parts.path, query, headers)
        if answer.hold:
            self.server.dso.release.wait(10)
            return
        body = json.dumps(answer.body).encode() if answer.body is not None else b""
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/hal+json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@pytest.fixture
def dso() -> Iterator[FakeDso]:
    fake = FakeDso()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.dso = server_dso = fake  # type: ignore[attr-defined]
    del server_dso
    host, port = server.server_address[:2]
    fake.base_url = f"http://{host}:{port}{PREFIX}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def _no_key_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests decide the key and the address; a developer's own settings stay out."""
    monkeypatch.delenv("VISIECHECK_DSO_API_KEY", raising=False)
    monkeypatch.delenv("VISIECHECK_DSO_BASE_URL", raising=False)


# --- answers in the documented shape ----------------------------------------------------


def regeling(
    identification: str, kind: dict[str, str], title: str, version: int, code: str, name: str
) -> dict[str, Any]:
    return {
        "identificatie": identification,
        "officieleTitel": title,
        "citeerTitel": title,
        "type": kind,
        "aangeleverdDoorEen": {
            "code": code,
            "naam": f"gemeente {name}",
            "bestuurslaag": "gemeente",
        },
        "geregistreerdMet": {
            "versie": version,
            "beginGeldigheid": "2024-03-01",
            "beginInwerking": "2024-03-01",
            "tijdstipRegistratie": "2024-02-20T10:00:00Z",
        },
        "_links": {"self": {"href": f"regelingen/{identification.replace('/', '_')}"}},
    }


def divisie(number: str, heading: str, sentence: str) -> dict[str, Any]:
    return {
        "type": "DIVISIE",
        "nummer": number,
        "kop": (
            f'<Kop xmlns="{STOP}"><Nummer>{number}</Nummer><Opschrift>{heading}</Opschrift></Kop>'
        ),
        "volgordeNummer": int(number),
        "_embedded": {
            "documentComponenten": [
                {
                    "type": "DIVISIETEKST",
                    "inhoud": f'<Inhoud xmlns="{STOP}"><Al>{sentence}</Al></Inhoud>',
                    "volgordeNummer": 1,
                }
            ]
        },
    }


FIRST_PART = divisie(
    "1",
    "Bodem en ondergrond",
    "Wij beschermen het grondwater rond de drinkwaterwinning en staan daar geen "
    "gesloten bodemenergiesystemen toe.",
)
SECOND_PART = divisie(
    "2",
    "Energie",
    "Bij nieuwe woonwijken onderzoeken wij eerst de kansen voor warmte-koudeopslag.",
)
DRAFT_PART = divisie(
    "1", "Ondergrond", "Voor geothermie stellen wij voorwaarden aan diepe boringen."
)


def listing(entries: list[dict[str, Any]], field_name: str = "regelingen", **extra: Any) -> Answer:
    return Answer(200, {"_embedded": {field_name: entries}, **extra})


def serve_enschede(dso: FakeDso) -> None:
    """Enschede's listing over two pages (an omgevingsplan first, the visie on page 2
    behind a HAL next link), the visie's tree over two pages (``page.totalPages``), and
    an ontwerp of a revised visie."""

    def regelingen(query: dict[str, str]) -> Answer:
        if query.get("page") == "2":
            return listing(
                [
                    regeling(
                        ENSCHEDE_VISIE,
                        VISIE_TYPE,
                        "Omgevingsvisie Enschede",
                        3,
                        "gm0153",
                        "Enschede",
                    )
                ],
                page={"number": 2, "size": 1, "totalPages": 2, "totalElements": 2},
            )
        return listing(
            [
                regeling(
                    "/akn/nl/act/gm0153/2024/omgevingsplan",
                    PLAN_TYPE,
                    "Omgevingsplan Enschede",
                    12,
                    "gm0153",
                    "Enschede",
                )
            ],
            page={"number": 1, "size": 1, "totalPages": 2, "totalElements": 2},
            _links={"next": {"href": "regelingen?bevoegdGezag=gm0153&size=100&page=2"}},
        )

    def tree(query: dict[str, str]) -> Answer:
        part = SECOND_PART if query.get("page") == "2" else FIRST_PART
        return Answer(
            200,
            {
                "_embedded": {"documentComponenten": [part]},
                "page": {"number": int(query.get("page", "1")), "totalPages": 2},
            },
        )

    def ontwerpen(query: dict[str, str]) -> Answer:
        draft = regeling(
            ENSCHEDE_ONTWERP,
            VISIE_TYPE,
            "Ontwerp omgevingsvisie Enschede 2040",
            1,
            "gm0153",
            "Enschede",
        )
        draft["technischId"] = "gm0153-ontwerp-42"
        return listing([draft], "ontwerpregelingen", page={"totalPages": 1, "totalElements": 1})

    dso.route(
        "regelingen",
        lambda query: (
            regelingen(query)
            if query.get("bevoegdGezag") == "gm0153"
            else Answer(200, {"page": {"totalElements": 0, "totalPages": 0}})
        ),
    )
    dso.route(f"regelingen/{ENSCHEDE_VISIE_URI}/documentstructuur", tree)
    dso.route(
        "ontwerpregelingen",
        lambda query: (
            ontwerpen(query)
            if query.get("bevoegdGezag") == "gm0153"
            else Answer(200, {"page": {"totalElements": 0, "totalPages": 0}})
        ),
    )
    dso.route(
        "ontwerpregelingen/gm0153_ontwerp_42/documentstructuur",
        lambda query: Answer(200, {"_embedded": {"ontwerpDocumentComponenten": [DRAFT_PART]}}),
    )


class Waits:
    """Stands in for ``time.sleep``: records the seconds asked for, waits none."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def fetch(dso: FakeDso, folder: Path, *names: str, **options: Any) -> Any:
    options.setdefault("api_key", KEY)
    options.setdefault("sleep", Waits())
    options.setdefault("backoff", 0.001)
    return api.fetch_visies(list(names), folder, base_url=dso.base_url, **options)


# --- what is fetched and how it is saved ------------------------------------------------


def test_only_the_visie_is_fetched_over_every_page_into_one_file(
    dso: FakeDso, tmp_path: Path
) -> None:
    serve_enschede(dso)
    result = fetch(dso, tmp_path, "Enschede")

    assert [(row.municipality, row.outcome, row.file.name) for row in result.rows] == [
        ("Enschede", "fetched", "enschede-vastgesteld-3.json")
    ]
    # both pages of the listing; the visie's tree, both pages; the omgevingsplan's never
    assert [request.query.get("page") for request in dso.asked("regelingen")] == [None, "2"]
    assert [
        r.query.get("page") for r in dso.asked(f"regelingen/{ENSCHEDE_VISIE_URI}/documentstructuur")
    ] == [None, "2"]
    assert not [r for r in dso.requests if "omgevingsplan" in r.path]
    assert not dso.asked("ontwerpregelingen")  # drafts only when asked for

    saved = json.loads((tmp_path / "enschede-vastgesteld-3.json").read_text("utf-8"))
    assert saved["_embedded"] == {"documentComponenten": [FIRST_PART, SECOND_PART]}
    metadata = saved["regeling"]
    assert metadata["identificatie"] == ENSCHEDE_VISIE
    assert metadata["officieleTitel"] == "Omgevingsvisie Enschede"
    assert metadata["citeerTitel"] == "Omgevingsvisie Enschede"
    assert metadata["type"] == VISIE_TYPE
    assert metadata["versie"] == "3"
    assert metadata["geldigVanaf"] == "2024-03-01"
    assert metadata["bevoegdGezag"] == {"code": "gm0153", "naam": "Enschede"}
    assert metadata["ontwerp"] is False
    assert "_links" not in metadata


def test_the_key_is_sent_in_the_header_and_written_nowhere(
    dso: FakeDso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_enschede(dso)
    monkeypatch.setenv("VISIECHECK_DSO_API_KEY", KEY)
    code, stdout, stderr = cli(
        "fetch", "Enschede", "--ontwerp", "-o", tmp_path, "--base-url", dso.base_url, "-v"
    )
    assert code == 0, stderr
    assert dso.requests and {r.headers.get("x-api-key") for r in dso.requests} == {KEY}
    assert all(KEY not in request.path for request in dso.requests)
    for file in tmp_path.iterdir():
        assert KEY.encode() not in file.read_bytes(), file.name
    assert KEY not in stdout + stderr
    assert "(ontwerp, versie 1, 1 onderdeel)" in stdout


def fetch_cli(dso: FakeDso, folder: Path, *args: str | Path) -> tuple[int, str, str]:
    """``visiecheck fetch ARGS`` into ``folder`` against the test server, with the key."""
    return cli("fetch", *args, "-o", folder, "--base-url", dso.base_url, "--api-key", KEY)


def test_the_manifest_is_what_batch_reads(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    result = fetch(dso, tmp_path, "gm0153", "Borne", drafts=True)

    assert result.manifest == tmp_path / "manifest.csv"
    assert result.manifest.read_bytes() == (
        "\ufeffgemeente;bestand;versie;status\r\n"
        "Enschede;enschede-ontwerp-1.json;1;ontwerp\r\n"
        "Enschede;enschede-vastgesteld-3.json;3;vastgesteld\r\n"
    ).encode("utf-8")
    items = api.collect_inputs(result.manifest)
    assert [(item.path.name, item.municipality, item.version, item.status) for item in items] == [
        ("enschede-ontwerp-1.json", "Enschede", "1", "ontwerp"),
        ("enschede-vastgesteld-3.json", "Enschede", "3", "vastgesteld"),
    ]


def test_a_later_run_for_another_municipality_keeps_the_earlier_rows(
    dso: FakeDso, tmp_path: Path
) -> None:
    serve_enschede(dso)
    hengelo = regeling(
        "/akn/nl/act/gm0164/2022/visie",
        VISIE_TYPE,
        "Omgevingsvisie Hengelo",
        2,
        "gm0164",
        "Hengelo",
    )
    routes = dso.routes[PREFIX + "regelingen"]
    assert callable(routes)
    dso.route(
        "regelingen",
        lambda query: listing([hengelo]) if query["bevoegdGezag"] == "gm0164" else routes(query),
    )
    dso.route(
        "regelingen/_akn_nl_act_gm0164_2022_visie/documentstructuur",
        lambda query: Answer(200, {"_embedded": {"documentComponenten": [SECOND_PART]}}),
    )
    fetch(dso, tmp_path, "Enschede")
    result = fetch(dso, tmp_path, "Hengelo")

    assert result.manifest.read_text("utf-8-sig").splitlines() == [
        "gemeente;bestand;versie;status",
        "Enschede;enschede-vastgesteld-3.json;3;vastgesteld",
        "Hengelo;hengelo-vastgesteld-2.json;2;vastgesteld",
    ]


def test_a_draft_is_fetched_only_with_ontwerp(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    without = fetch(dso, tmp_path / "zonder", "Enschede")
    assert [row.draft for row in without.rows] == [False]

    result = fetch(dso, tmp_path / "met", "Enschede", drafts=True)
    assert [(row.file.name, row.draft) for row in result.rows] == [
        ("enschede-vastgesteld-3.json", False),
        ("enschede-ontwerp-1.json", True),
    ]
    draft = json.loads((tmp_path / "met" / "enschede-ontwerp-1.json").read_text("utf-8"))
    assert draft["regeling"]["ontwerp"] is True
    assert draft["regeling"]["identificatie"] == ENSCHEDE_ONTWERP
    assert draft["_embedded"] == {"documentComponenten": [DRAFT_PART]}


def test_a_second_run_downloads_nothing_new(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    fetch(dso, tmp_path, "Enschede")
    saved = (tmp_path / "enschede-vastgesteld-3.json").read_bytes()
    trees_before = len(dso.asked(f"regelingen/{ENSCHEDE_VISIE_URI}/documentstructuur"))

    result = fetch(dso, tmp_path, "Enschede")

    assert [row.outcome for row in result.rows] == ["skipped"]
    assert result.rows[0].components == 2
    assert len(dso.asked(f"regelingen/{ENSCHEDE_VISIE_URI}/documentstructuur")) == trees_before
    assert result.requests == 2  # the two listing pages, to learn the version
    assert (tmp_path / "enschede-vastgesteld-3.json").read_bytes() == saved


def test_a_cut_off_file_is_fetched_again(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    (tmp_path / "enschede-vastgesteld-3.json").write_text('{"regeling": {"identificatie"')
    result = fetch(dso, tmp_path, "Enschede")
    assert [row.outcome for row in result.rows] == ["fetched"]
    saved = json.loads((tmp_path / "enschede-vastgesteld-3.json").read_text("utf-8"))
    assert saved["_embedded"]["documentComponenten"] == [FIRST_PART, SECOND_PART]


# --- failures -----------------------------------------------------------------------------


def test_a_refused_key_stops_with_its_exit_code(dso: FakeDso, tmp_path: Path) -> None:
    dso.route("regelingen", [Answer(401, {"title": "Unauthorized"})])
    code, _, stderr = cli(
        "fetch", "twente", "-o", tmp_path, "--base-url", dso.base_url, "--api-key", "fout"
    )
    assert code == ExitCode.DSO_KEY == 20
    one_line_error(stderr, "het DSO weigert de API-sleutel (HTTP 401)", "productie")
    assert len(dso.requests) == 1  # no other municipality is tried with a refused key
    assert list(tmp_path.iterdir()) == []


def test_no_key_names_the_variable_and_the_option(tmp_path: Path) -> None:
    code, _, stderr = cli("fetch", "Enschede", "-o", tmp_path, "--lang", "en")
    assert code == 20
    one_line_error(stderr, "no API key for the DSO", "VISIECHECK_DSO_API_KEY", "--api-key")
    with pytest.raises(DsoKeyError) as raised:
        api.fetch_visies(["Enschede"], tmp_path)
    assert "fetch_visies(api_key=...)" in raised.value.message


def test_a_key_with_a_line_break_is_refused_without_showing_it(tmp_path: Path) -> None:
    code, stdout, stderr = cli("fetch", "Enschede", "-o", tmp_path, "--api-key", "abc\ndéf")
    assert code == ExitCode.DSO_KEY
    one_line_error(stderr, "de API-sleutel bevat tekens die geen sleutel heeft")
    assert "abc" not in stdout + stderr


def test_the_environment_chooses_the_address_and_is_named_in_a_refusal(
    dso: FakeDso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_enschede(dso)
    monkeypatch.setitem(endpoints.BASE_URLS, "pre-productie", dso.base_url)
    result = api.fetch_visies(
        ["Enschede"], tmp_path, api_key=KEY, environment="pre-productie", sleep=Waits()
    )
    assert [row.outcome for row in result.rows] == ["fetched"]

    dso.route("regelingen", [Answer(403, {"title": "Forbidden"})])
    code, _, stderr = cli(
        "fetch", "Enschede", "-o", tmp_path, "--omgeving", "pre-productie", "--api-key", KEY
    )
    assert code == ExitCode.DSO_KEY
    one_line_error(stderr, "(HTTP 403)", "voor deze omgeving (pre-productie)")


def test_a_404_for_one_municipality_leaves_the_others(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    enschede = dso.routes[PREFIX + "regelingen"]
    assert callable(enschede)
    dso.route(
        "regelingen",
        lambda query: (
            Answer(404, {"title": "Not Found"})
            if query["bevoegdGezag"] == "gm0141"
            else enschede(query)
        ),
    )
    code, stdout, _ = fetch_cli(
        dso,
        tmp_path,
        "Almelo",
        "Enschede",
        "Borne",
        "--backoff",
        "0",
    )
    assert code == ExitCode.PARTIAL_FAILURE
    assert stdout.splitlines() == [
        "Almelo (gm0141): mislukt: de DSO-API kent de lijst van regelingen van gm0141 niet "
        "(HTTP 404)",
        f"Enschede (gm0153): opgehaald {tmp_path / 'enschede-vastgesteld-3.json'} "
        "(vastgesteld, versie 3, 2 onderdelen)",
        "Borne (gm0147): geen gepubliceerde omgevingsvisie in het DSO",
        "1 opgehaald, 0 overgeslagen (al compleet), 1 zonder gepubliceerde visie, 1 mislukt; "
        "verzoeken aan de DSO-API: 6",
        f"manifest: {tmp_path / 'manifest.csv'} (vergelijk ze met: visiecheck batch "
        f"{tmp_path / 'manifest.csv'})",
    ]
    assert (tmp_path / "enschede-vastgesteld-3.json").is_file()


def test_429_is_retried_after_the_wait_the_server_asks(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    tree_path = f"regelingen/{ENSCHEDE_VISIE_URI}/documentstructuur"
    tree = dso.routes[PREFIX + tree_path]
    assert callable(tree)
    slow_down = [Answer(429, {"title": "Too Many Requests"}, {"Retry-After": "7"})]
    dso.route(tree_path, lambda query: slow_down.pop() if slow_down else tree(query))
    waits = Waits()

    result = fetch(dso, tmp_path, "Enschede", sleep=waits, rate=1000)

    assert [row.outcome for row in result.rows] == ["fetched"]
    assert [r.query.get("page") for r in dso.asked(tree_path)] == [None, None, "2"]
    assert 7.0 in waits.seconds


def test_progress_and_retries_are_reported(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    dso.route("regelingen", [Answer(503, headers={"Retry-After": "2"}), listing([])])
    events: list[tuple[str, int, int, str]] = []
    retries: list[tuple[str, float]] = []
    waits = Waits()
    fetch(
        dso,
        tmp_path,
        "Enschede",
        "gm0147",
        progress=lambda *event: events.append(event),
        on_retry=lambda why, seconds: retries.append((why, seconds)),
        sleep=waits,
        rate=1000,
    )
    assert events == [
        ("start", 0, 2, "Enschede"),
        ("done", 0, 2, "Enschede"),
        ("start", 1, 2, "Borne"),
        ("done", 1, 2, "Borne"),
    ]
    assert retries == [("503", 2.0)]

    dso.route("regelingen", [Answer(503), listing([])])
    code, _, stderr = fetch_cli(
        dso,
        tmp_path,
        "Enschede",
        "--backoff",
        "0.001",
        "-v",
    )
    assert code == 0
    assert "nieuwe poging over 0,001 s" in stderr


def test_a_server_that_keeps_failing_is_given_up(dso: FakeDso, tmp_path: Path) -> None:
    dso.route("regelingen", [Answer(500, {"title": "Internal Server Error"})])
    code, _, stderr = fetch_cli(
        dso,
        tmp_path,
        "Enschede",
        "--retries",
        "2",
        "--backoff",
        "0",
        "--lang",
        "en",
    )
    assert code == ExitCode.DSO_UNAVAILABLE == 21
    assert len(dso.asked("regelingen")) == 3
    assert stderr == ""
    with pytest.raises(DsoUnavailableError):
        raise_first_failure(fetch(dso, tmp_path, "Enschede", retries=2))


def raise_first_failure(result: Any) -> None:
    failed = [row for row in result.rows if row.outcome == "failed"]
    assert failed, result.rows
    assert failed[0].error == Msg("fetch.server_error", status=500, attempts=3)
    raise DsoUnavailableError(failed[0].error)


def test_a_server_error_row_says_it_gave_up(dso: FakeDso, tmp_path: Path) -> None:
    dso.route("regelingen", [Answer(503, {"title": "Service Unavailable"})])
    code, stdout, _ = fetch_cli(
        dso,
        tmp_path,
        "Enschede",
        "--retries",
        "1",
        "--backoff",
        "0",
        "--lang",
        "en",
    )
    assert code == 21
    assert stdout.splitlines()[0] == (
        "Enschede (gm0153): failed: the DSO API keeps answering with a server error "
        "(HTTP 503) after 2 attempts; the service is probably down for now, try again later"
    )


def test_a_response_slower_than_the_timeout_is_a_timeout(dso: FakeDso, tmp_path: Path) -> None:
    dso.route("regelingen", [Answer(hold=True)])
    code, stdout, _ = fetch_cli(
        dso,
        tmp_path,
        "Enschede",
        "--timeout",
        "0.2",
        "--retries",
        "1",
        "--backoff",
        "0",
        "--lang",
        "en",
    )
    assert code == ExitCode.DSO_UNAVAILABLE
    assert "did not answer within 0.2 s (2 attempts)" in stdout
    assert "raise the wait with --timeout" in stdout
    assert len(dso.asked("regelingen")) == 2


def test_an_unreachable_api_is_named(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port on this machine that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, stdout, _ = cli(
        "fetch",
        "Enschede",
        "-o",
        tmp_path,
        "--base-url",
        f"http://127.0.0.1:{port}/v8/",
        "--api-key",
        KEY,
        "--retries",
        "1",
        "--backoff",
        "0",
        "--lang",
        "en",
    )
    assert code == ExitCode.DSO_UNAVAILABLE
    assert f"the DSO API at 127.0.0.1:{port} cannot be reached" in stdout
    assert "after 2 attempts" in stdout


def test_an_answer_of_another_shape_names_the_missing_field(dso: FakeDso, tmp_path: Path) -> None:
    dso.route("regelingen", [Answer(200, {"_embedded": {"items": []}})])
    code, stdout, _ = fetch_cli(
        dso,
        tmp_path,
        "Enschede",
        "--lang",
        "en",
    )
    assert code == ExitCode.DSO_RESPONSE == 22
    assert (
        "the DSO API's answer to the list of regelingen of gm0153 lacks the field "
        "_embedded.regelingen" in stdout
    )

    untyped = regeling(
        ENSCHEDE_VISIE, VISIE_TYPE, "Omgevingsvisie Enschede", 3, "gm0153", "Enschede"
    )
    del untyped["type"]
    dso.route("regelingen", [listing([untyped])])
    result = fetch(dso, tmp_path, "Enschede")
    assert result.rows[0].error == Msg(
        "fetch.missing_field",
        what=Msg("fetch.what.listing", code="gm0153"),
        field="_embedded.regelingen[0].type.code",
    )


def test_a_next_link_to_another_server_is_not_followed(dso: FakeDso, tmp_path: Path) -> None:
    dso.route(
        "regelingen",
        [listing([], _links={"next": {"href": "https://elders.example/v8/regelingen?page=2"}})],
    )
    result = fetch(dso, tmp_path, "Enschede")
    assert result.rows[0].error == Msg(
        "fetch.foreign_link", url="https://elders.example/v8/regelingen?page=2"
    )
    assert len(dso.requests) == 1


def test_an_output_folder_that_is_a_file_is_an_output_error(dso: FakeDso, tmp_path: Path) -> None:
    serve_enschede(dso)
    taken = tmp_path / "visies.txt"
    taken.write_text("Dit is een notitie, geen map.\n")
    code, _, stderr = fetch_cli(dso, taken, "Enschede")
    assert code == ExitCode.OUTPUT_ERROR
    one_line_error(stderr, "visies.txt: hier kan niet geschreven worden")
    assert dso.requests == []  # nothing is asked before there is a place to put it


def test_a_municipality_without_a_visie_is_a_row_not_a_failure(
    dso: FakeDso, tmp_path: Path
) -> None:
    serve_enschede(dso)
    warnings: list[Msg] = []
    result = fetch(dso, tmp_path, "Borne", on_warning=warnings.append)
    assert [(row.municipality, row.outcome) for row in result.rows] == [("Borne", "no_visie")]
    assert warnings == [Msg("fetch.no_visie", municipality="Borne", code="gm0147")]
    assert result.exit_code == ExitCode.OK
    assert result.manifest is None


# --- choosing municipalities, addresses and the client's manners -------------------------


def test_municipalities_by_code_name_and_region() -> None:
    twente = resolve(["twente"])
    assert [municipality.name for municipality in twente] == list(TWENTE)
    assert len({municipality.code for municipality in twente}) == 14
    chosen = resolve(["Enschede", "GM0153", "hof-van-twente", "gm0363", "gm9999"])
    assert [(m.code, m.name) for m in chosen] == [
        ("gm0153", "Enschede"),
        ("gm1735", "Hof van Twente"),
        ("gm0363", "Amsterdam"),
        ("gm9999", None),
    ]
    with pytest.raises(UsageError) as raised:
        resolve(["Atlantis"])
    assert raised.value.key == "fetch.unknown_municipality"
    with pytest.raises(UsageError) as raised:
        resolve(["Zwolle"])  # a municipality, but its code is not in the table
    assert raised.value.params == {"name": "Zwolle"}


def test_an_unknown_municipality_is_a_usage_error_before_any_request(
    dso: FakeDso, tmp_path: Path
) -> None:
    code, _, stderr = cli(
        "fetch", "Atlantis", "-o", tmp_path, "--base-url", dso.base_url, "--api-key", KEY
    )
    assert code == ExitCode.USAGE
    one_line_error(stderr, "'Atlantis' is geen Nederlandse gemeente")
    assert dso.requests == []


def test_the_key_never_travels_unencrypted_to_another_machine(tmp_path: Path) -> None:
    code, _, stderr = cli(
        "fetch",
        "Enschede",
        "-o",
        tmp_path,
        "--base-url",
        "http://dso.example/v8/",
        "--api-key",
        KEY,
        "--lang",
        "en",
    )
    assert code == ExitCode.USAGE
    one_line_error(stderr, "http://dso.example/v8/ is not a usable address", "https://")


def test_the_base_url_comes_from_the_environment(
    dso: FakeDso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_enschede(dso)
    monkeypatch.setenv("VISIECHECK_DSO_BASE_URL", dso.base_url)
    monkeypatch.setenv("VISIECHECK_DSO_API_KEY", KEY)
    result = api.fetch_visies(["Enschede"], tmp_path, sleep=Waits())
    assert [row.outcome for row in result.rows] == ["fetched"]


def test_the_client_keeps_its_pace(dso: FakeDso) -> None:
    dso.route("regelingen", [listing([])])
    waits = Waits()
    now = [100.0]
    client = JsonClient(KEY, environment="productie", rate=4, sleep=waits, clock=lambda: now[0])
    for _ in range(3):
        client.get(dso.base_url + "regelingen", Msg("fetch.what.listing", code="gm0153"))
    # no time passed on the fake clock: every request after the first waits 1/4 s
    assert waits.seconds == [0.25, 0.25]
    assert client.requests == 3
    assert KEY not in repr(client)


def test_retry_after_as_seconds_or_a_date() -> None:
    assert _retry_after_seconds("12") == 12.0
    assert _retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert _retry_after_seconds("soon") is None
    assert _retry_after_seconds(None) is None


def test_what_fetch_saves_is_checked_as_a_dso_visie(dso: FakeDso, tmp_path: Path) -> None:
    """The file contract between fetch and the DSO reader, end to end: the batch over the
    manifest reads the saved trees by their structure (sections, not JSON text), takes the
    adopted visie for Enschede's row and keeps the draft as its other document."""
    serve_enschede(dso)
    result = fetch(dso, tmp_path, "Enschede", drafts=True)
    report = api.check_files(api.collect_inputs(result.manifest), isolate=False)

    adopted = report.document(str(tmp_path / "enschede-vastgesteld-3.json"))
    draft = report.document(str(tmp_path / "enschede-ontwerp-1.json"))
    assert adopted is not None and draft is not None
    assert (adopted.source_format, adopted.location_unit) == ("dso", "section")
    assert adopted.metadata is not None and adopted.metadata.status == "vastgesteld"
    statuses = {theme.theme_id: theme.status.value for theme in adopted.themes}
    # one sentence on drinking water is a mention; heat storage in two sections is worked out
    assert (statuses["drinkwater"], statuses["bodemenergie"]) == ("mentioned", "addressed")
    assert statuses["geothermie"] == "missing"
    assert {theme.theme_id for theme in draft.themes if theme.status.value != "missing"} == {
        "geothermie"
    }
    evidence = [hit.snippet for theme in adopted.themes for hit in theme.evidence]
    assert evidence and not any("{" in text or "<" in text for text in evidence)
    (group,) = report.groups
    assert (group.municipality, group.primary, group.others) == (
        "Enschede",
        str(tmp_path / "enschede-vastgesteld-3.json"),
        (str(tmp_path / "enschede-ontwerp-1.json"),),
    )
