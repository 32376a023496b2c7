"""Every address and path of the DSO APIs that ``fetch`` uses, in one place.

The live API cannot be reached from the machines visiecheck is built on, so these are
built to the documented shape of the DSO Presenteren API v8 (the developer portal's
OpenAPI and public client code): check the live ``openapi.json`` before relying on a
field name, and change it here only. The base address can be overridden (the CLI's
``--base-url``, the environment variable ``VISIECHECK_DSO_BASE_URL``), which the tests
use to point ``fetch`` at a local server.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# The two environments a key can be issued for; the key of one does not open the other.
BASE_URLS: dict[str, str] = {
    "productie": "https://service.omgevingswet.overheid.nl/publiek/omgevingsdocumenten/api/presenteren/v8/",
    "pre-productie": "https://service.pre.omgevingswet.overheid.nl/publiek/omgevingsdocumenten/api/presenteren/v8/",
}
DEFAULT_ENVIRONMENT = "productie"

API_KEY_ENV = "VISIECHECK_DSO_API_KEY"
BASE_URL_ENV = "VISIECHECK_DSO_BASE_URL"
API_KEY_HEADER = "x-api-key"
ACCEPT = "application/hal+json, application/json;q=0.9"

# The listing of one bevoegd gezag's regelingen (adopted) and ontwerpregelingen (drafts).
REGELINGEN = "regelingen"
ONTWERPREGELINGEN = "ontwerpregelingen"
BEVOEGD_GEZAG_PARAMETER = "bevoegdGezag"
PAGE_PARAMETER = "page"  # 1-based, as the API's own examples ask for page=1
SIZE_PARAMETER = "size"
PAGE_SIZE = 100
# A regeling's whole document tree; {uri_id} is the AKN id with every non-alphanumeric
# character replaced by "_".
DOCUMENTSTRUCTUUR = "{listing}/{uri_id}/documentstructuur"

# The STOP code of an omgevingsvisie (``type.code`` of a regeling).
OMGEVINGSVISIE_TYPE = "/join/id/stop/regelingtype_006"

# Answers the API gives in its HAL envelope.
LISTING_FIELD = {REGELINGEN: "regelingen", ONTWERPREGELINGEN: "ontwerpregelingen"}
COMPONENT_FIELDS = ("documentComponenten", "ontwerpDocumentComponenten")

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]")
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def uri_id(identification: str) -> str:
    """``/akn/nl/act/gm0153/2023/visie`` → ``_akn_nl_act_gm0153_2023_visie``."""
    return _NOT_ALPHANUMERIC.sub("_", identification)


def normalise_base_url(url: str) -> str:
    """The base address with one trailing slash, so relative paths join beneath it."""
    return url if url.endswith("/") else url + "/"


def is_acceptable_base_url(url: str) -> bool:
    """HTTPS anywhere; plain HTTP only on this machine (a test server): the API key
    travels in a header and must not cross a network unencrypted."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK_HOSTS


def same_origin(url: str, base_url: str) -> bool:
    """Whether ``url`` lies on the API's own host: a ``next`` link elsewhere is not
    followed, since the request would carry the key there."""
    one, other = urlsplit(url), urlsplit(base_url)
    return (one.scheme, one.hostname, one.port) == (other.scheme, other.hostname, other.port)
