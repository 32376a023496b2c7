"""The one stylesheet of the HTML reports (check, batch and diff), inlined in each file.

Each report adds only the rules of its own parts after this base (in its template's
``css`` block, see ``_page``), so the colours of the three verdicts (and of a diff's
gains and losses), the tables, the marks and the print rules are written once. Print
keeps the colours (``print-color-adjust: exact``); ``.screen-only`` parts are left out
of a print-out and ``.print-only`` parts shown only there.
"""

from __future__ import annotations

from markupsafe import Markup

BASE_CSS = Markup("""\
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45;
  color: #1b1b1b; background: #fff; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #555; margin: .2rem 0; }
.file { font-family: ui-monospace, Consolas, monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.status-addressed, .change-gained, .change-improved { background: #d8f0d8; color: #14501a; }
.status-mentioned, .change-weakened { background: #fff1c2; color: #5c4500; }
.status-missing, .change-lost { background: #f9d6d5; color: #7a1410; }
.error { color: #7a1410; font-weight: 600; }
mark { background: #ffe066; color: inherit; padding: 0 .1em; }
ul.evidence { margin: 0 0 .6rem; padding-left: 1.2rem; }
ul.evidence li { margin: .2rem 0; }
footer { margin-top: 3rem; color: #555; font-size: .9rem; }
.print-only { display: none; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, li { break-inside: avoid; }
  .screen-only { display: none; }
  .print-only { display: block; }
  a { color: inherit; text-decoration: none; }
}
""")
