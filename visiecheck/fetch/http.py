"""A small JSON client for the DSO API on the standard library (``urllib.request``).

No third-party HTTP library: ``fetch`` makes a few hundred GET requests at most, and
``urllib`` does HTTPS with the system's certificates, timeouts and headers, which is all
it needs. What it adds:

- the API key in the ``x-api-key`` header only (never in a URL, a message or a file);
- a polite pace: at most ``rate`` requests per second (the DSO allows 200; the default
  is far below that, as a courtesy to a public service);
- retries with exponential back-off (``backoff`` × 2ⁿ seconds) on 429, 5xx, time-outs
  and refused connections, honouring the server's ``Retry-After`` (capped at
  ``MAX_RETRY_AFTER``);
- one error per failure, by type: a refused key (401/403) is ``DsoKeyError``, a service
  that stays down or out of reach ``DsoUnavailableError``, any other answer than JSON
  with status 200 ``DsoResponseError``.

Sleeping and the clock are parameters, so a test can record the waits instead of
waiting.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import DsoKeyError, DsoResponseError, DsoUnavailableError
from ..messages import Msg
from .endpoints import ACCEPT, API_KEY_HEADER

DEFAULT_TIMEOUT = 30.0  # seconds per request: a whole visie tree is one answer
DEFAULT_RATE = 5.0  # requests per second
DEFAULT_RETRIES = 4  # after the first attempt
DEFAULT_BACKOFF = 1.0  # seconds before the first retry, doubled for each next one
MAX_RETRY_AFTER = 300.0  # a longer Retry-After is waited for this long, then retried
MAX_RESPONSE_MB = 200  # the NOVI, a long visie, is about 1 MB as JSON

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class JsonClient:
    """GET requests with a key, a pace, retries and a count of what was sent."""

    def __init__(
        self,
        api_key: str,
        *,
        environment: str,
        timeout: float = DEFAULT_TIMEOUT,
        rate: float = DEFAULT_RATE,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_retry: Callable[[str, float], None] | None = None,
    ) -> None:
        self._api_key = api_key
        self.environment = environment
        self.timeout = timeout
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self._clock = clock
        self._on_retry = on_retry
        self._last_request: float | None = None
        self.requests = 0  # sent, retries included

    def __repr__(self) -> str:  # never the key, also not in a traceback's locals
        return f"JsonClient(environment={self.environment!r}, requests={self.requests})"

    def get(self, url: str, what: Msg) -> Any:
        """The JSON answer to GET ``url``; ``what`` names the request in messages."""
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                status, headers, body = self._send(url, what)
            except TimeoutError:
                if last:
                    raise DsoUnavailableError(
                        Msg("fetch.timeout", seconds=self.timeout, attempts=attempts)
                    ) from None
                self._wait(self._delay(attempt, None), "timeout")
                continue
            except OSError as error:  # refused, unreachable, name not resolved
                if last:
                    raise DsoUnavailableError(
                        Msg(
                            "fetch.unreachable",
                            host=urlsplit(url).netloc,
                            reason=_reason(error),
                            attempts=attempts,
                        )
                    ) from None
                self._wait(self._delay(attempt, None), "connection")
                continue
            if status == 200:
                try:
                    return json.loads(body)
                except ValueError:  # also a body that is not UTF-8
                    raise DsoResponseError(Msg("fetch.not_json", what=what)) from None
            if status in (401, 403):
                raise DsoKeyError(
                    Msg("fetch.key_refused", status=status, environment=self.environment)
                )
            if status in _RETRY_STATUSES and not last:
                self._wait(self._delay(attempt, headers.get("Retry-After")), str(status))
                continue
            if status in _RETRY_STATUSES:
                raise DsoUnavailableError(
                    Msg("fetch.server_error", status=status, attempts=attempts)
                )
            if status == 404:
                raise DsoResponseError(Msg("fetch.not_found", what=what))
            raise DsoResponseError(Msg("fetch.http_status", status=status, what=what))
        raise AssertionError("unreachable")  # the loop returns or raises

    def _send(self, url: str, what: Msg) -> tuple[int, Any, bytes]:
        self._pace()
        request = urllib.request.Request(
            url, headers={API_KEY_HEADER: self._api_key, "Accept": ACCEPT}, method="GET"
        )
        self.requests += 1
        limit = MAX_RESPONSE_MB * 1024 * 1024
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(limit + 1)
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, b""
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise TimeoutError from None
            reason = error.reason
            raise OSError(reason if isinstance(reason, str) else _reason(reason)) from None
        except http.client.HTTPException as error:  # a connection cut mid-answer
            raise OSError(type(error).__name__) from None
        if len(body) > limit:
            raise DsoResponseError(Msg("fetch.too_large", what=what, limit=MAX_RESPONSE_MB))
        return status, headers, body

    def _pace(self) -> None:
        """Wait until ``interval`` has passed since the previous request."""
        now = self._clock()
        if self._last_request is not None:
            wait = self._last_request + self.interval - now
            if wait > 0:
                self._sleep(wait)
                now = self._clock()
        self._last_request = now

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        honoured = _retry_after_seconds(retry_after)
        if honoured is not None:
            return min(honoured, MAX_RETRY_AFTER)
        return self.backoff * 2**attempt

    def _wait(self, seconds: float, why: str) -> None:
        if self._on_retry is not None:
            self._on_retry(why, seconds)
        self._sleep(seconds)


def _retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _reason(error: BaseException | str) -> str:
    if isinstance(error, str):
        return error
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
