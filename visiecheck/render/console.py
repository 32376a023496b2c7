"""The one rich console every terminal renderer draws on."""

from __future__ import annotations

import io

from rich.console import Console

# rich sizes a console from the terminal and the environment (COLUMNS, TERM=dumb,
# FORCE_COLOR, NO_COLOR, TTY_COMPATIBLE) unless told: a width *and* a height, colour on
# or off and a colour system given here decide everything, so the caller's choice (the
# CLI's, from the real terminal) is what the report gets. The height only bounds
# full-screen renderables, which the reports do not use.
_HEIGHT = 10_000


def text_console(buffer: io.StringIO, width: int, color: bool) -> Console:
    """A console that writes to ``buffer`` at exactly ``width`` columns, in colour or not."""
    return Console(
        width=width,
        height=_HEIGHT,
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
