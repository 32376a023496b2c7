"""Load and validate lexicon YAML files (format: docs/lexicon-format.md).

The YAML is read with a safe loader (no object construction from tags), validated
with pydantic, and turned into the frozen ``Lexicon`` dataclass. Every problem becomes a
``LexiconError`` whose message names the file, the line, the theme and what is wrong.
Loaded lexicons are cached per (path, modification time).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import LexiconError
from .files import read_regular
from .messages import Msg
from .models import CompoundMode, Exclusion, Lexicon, Term, Theme
from .theme_names import KEYWORDS, derived_names, normalise_name, theme_codes

DEFAULT_LEXICON = "ondergrond-nl"
THEME_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# A term needs at least one letter or digit to be findable in text.
FINDABLE = re.compile(r"[^\W_]")
# Terms of at least this many letters are found inside compounds unless told otherwise.
COMPOUND_MIN_LENGTH = 7
# Single-word terms of at least this many letters are also found with OCR noise.
FUZZY_MIN_LENGTH = 9

# Limits far above any real lexicon (the shipped one: 135 KB, ~7,700 YAML values, 759
# terms of at most 48 characters, words of at most 28 letters). Compiling a term stores
# pieces of each of its forms (quadratic in a word's length) and YAML aliases can expand
# a small file into millions of values: without limits a hostile lexicon exhausts memory.
MAX_LEXICON_BYTES = 5_000_000
MAX_YAML_VALUES = 200_000  # after expanding anchors and aliases
MAX_TERMS = 5_000  # terms of all themes together (with those of an extended lexicon)
MAX_TERM_CHARS = 200  # a term, exclusion, requires, veto or moves_to word
MAX_WORD_CHARS = 60  # one word of a term or exclusion
_WORD_RE = re.compile(r"\S+")


class _SpecError(ValueError):
    """A validator's refusal as a catalogue message; pydantic keeps the exception in the
    error's context, so the ``LexiconError`` can be written in the reader's language."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.text())
        self.msg = message


def _within_limits(value: str, what: str) -> str:
    """``value`` (a term or one of its words) if it is short enough to compile;
    ``what`` is the last part of a ``lexicon.what.*`` key."""
    if len(value) > MAX_TERM_CHARS:
        raise _SpecError(
            Msg(
                "lexicon.spec.too_long",
                what=Msg(f"lexicon.what.{what}"),
                length=len(value),
                limit=MAX_TERM_CHARS,
            )
        )
    longest = max(_WORD_RE.findall(value), key=len, default="")
    if len(longest) > MAX_WORD_CHARS:
        raise _SpecError(
            Msg(
                "lexicon.spec.word_too_long",
                what=Msg(f"lexicon.what.{what}"),
                length=len(longest),
                limit=MAX_WORD_CHARS,
            )
        )
    return value


# --- the YAML schema ------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TermSpec(_Strict):
    term: str
    compound: Literal["none", "modifier", "head", "both"] | None = None
    case: Literal["sensitive", "insensitive"] | None = None
    fuzzy: bool | None = None
    # one list of alternatives, or a list of such groups that must all be met
    requires: list[str] | list[list[str]] = Field(default_factory=list)
    requires_whole_word: bool = False
    requires_scope: Literal["sentence", "nearby"] = "sentence"
    veto: list[str] = Field(default_factory=list)
    moves_to: dict[str, list[str]] = Field(default_factory=dict)
    moves_scope: Literal["paragraph", "sentence"] = "paragraph"
    stays_with: list[str] = Field(default_factory=list)

    @field_validator("term")
    @classmethod
    def _findable(cls, value: str) -> str:
        if not value:
            raise _SpecError(Msg("lexicon.spec.empty_term"))
        if not FINDABLE.search(value):
            raise _SpecError(Msg("lexicon.spec.unfindable_term", term=value))
        return _within_limits(value, "term")

    @field_validator("requires")
    @classmethod
    def _requires_not_empty(cls, value: list[str] | list[list[str]]) -> list[list[str]]:
        groups = [value] if all(isinstance(item, str) for item in value) else value
        cleaned: list[list[str]] = []
        for group in groups:
            if isinstance(group, str) or not group:
                raise _SpecError(Msg("lexicon.spec.requires_shape"))
            if any(not FINDABLE.search(word) for word in group):
                raise _SpecError(Msg("lexicon.spec.requires_empty"))
            for word in group:
                _within_limits(word, "requires")
            cleaned.append([" ".join(word.split()) for word in group])
        return cleaned if value else []

    @field_validator("veto", "stays_with")
    @classmethod
    def _words_not_empty(cls, value: list[str], info: ValidationInfo) -> list[str]:
        field = str(info.field_name)
        if any(not FINDABLE.search(word) for word in value):
            raise _SpecError(Msg(f"lexicon.spec.{field}_empty"))
        return [_within_limits(word.strip(), field) for word in value]

    @field_validator("moves_to")
    @classmethod
    def _moves_have_cues(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for theme_id, cues in value.items():
            if not cues or any(not FINDABLE.search(cue) for cue in cues):
                raise _SpecError(Msg("lexicon.spec.moves_to_cues", theme=theme_id))
            for cue in cues:
                _within_limits(cue, "moves_to")
        return value


class ExclusionSpec(_Strict):
    text: str
    scope: Literal["overlap", "sentence", "paragraph"] = "overlap"
    terms: list[str] = Field(default_factory=list)
    compound: Literal["none", "modifier", "head", "both"] | None = None
    case: Literal["sensitive", "insensitive"] | None = None

    @field_validator("text")
    @classmethod
    def _findable(cls, value: str) -> str:
        if not value or not FINDABLE.search(value):
            raise _SpecError(Msg("lexicon.spec.empty_exclusion"))
        return _within_limits(value, "exclusion")


class ExamplesSpec(_Strict):
    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class ThemeSpec(_Strict):
    id: str
    label: str | None = None
    label_en: str | None = None
    core: bool | None = None
    historical: bool | None = None
    description: str | None = None
    terms: list[TermSpec] = Field(default_factory=list)
    exclusions: list[ExclusionSpec] = Field(default_factory=list)
    examples: ExamplesSpec = Field(default_factory=ExamplesSpec)
    # other names for the theme in --themes and explain; never searched in documents
    aliases: list[str] = Field(default_factory=list)
    # a readiness signal's advice when it is not found (gereedheid-nl), Dutch and English
    advice: str | None = None
    advice_en: str | None = None

    @field_validator("aliases")
    @classmethod
    def _usable_aliases(cls, value: list[str]) -> list[str]:
        for alias in value:
            if not FINDABLE.search(alias):
                raise _SpecError(Msg("lexicon.spec.alias_unfindable", alias=alias))
            if "," in alias:
                # a theme selection splits at commas: such a name could never be typed
                raise _SpecError(Msg("lexicon.spec.alias_comma", alias=alias))
            if normalise_name(alias) in KEYWORDS:
                raise _SpecError(
                    Msg("lexicon.spec.alias_keyword", alias=alias, keywords=", ".join(KEYWORDS))
                )
            _within_limits(alias, "an alias")
        return [" ".join(alias.split()) for alias in value]

    @field_validator("terms", mode="before")
    @classmethod
    def _plain_terms(cls, value: Any) -> Any:
        """A plain string is a term with all defaults."""
        if isinstance(value, list):
            return [{"term": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("exclusions", mode="before")
    @classmethod
    def _plain_exclusions(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not THEME_ID_PATTERN.match(value):
            raise _SpecError(Msg("lexicon.spec.theme_id", theme=value))
        return value


class LexiconSpec(_Strict):
    name: str
    version: str
    language: str = "nl"
    extends: str | None = None
    themes: list[ThemeSpec]

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value


# --- loading --------------------------------------------------------------------------


def shipped_lexicon_dir() -> Path:
    """Folder of the lexicons that ship with visiecheck.

    In an installed wheel they live in ``visiecheck/lexicons``; in a source checkout
    (tests, editable installs) in the top-level ``lexicons/`` folder.
    """
    packaged = Path(str(resources.files("visiecheck"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "lexicons"


def shipped_lexicon_names() -> list[str]:
    return sorted(path.stem for path in shipped_lexicon_dir().glob("*.yaml"))


def resolve_lexicon_path(
    name_or_path: str | Path | None, *, relative_to: Path | None = None
) -> Path:
    """A shipped lexicon name (``ondergrond-nl``) or a file path → an existing file."""
    if name_or_path is None:
        name_or_path = DEFAULT_LEXICON
    text = str(name_or_path)
    candidate = Path(text)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.is_file():
        return candidate
    if candidate.exists() and not candidate.is_dir():
        return candidate  # a pipe or device: reading it refuses it by what it is
    shipped = shipped_lexicon_dir() / f"{text}.yaml"
    if not text.endswith((".yaml", ".yml")) and shipped.is_file():
        return shipped
    if candidate.is_dir():
        raise LexiconError(Msg("lexicon.is_folder"), path=text)
    raise LexiconError(
        Msg("lexicon.not_found", names=", ".join(shipped_lexicon_names())), path=text
    )


def load_lexicon(name_or_path: str | Path | None = None) -> Lexicon:
    """Load, validate and (for ``extends``) merge a lexicon. Cached per file version.

    The lexicon carries a short content hash of its file (and the files it extends) and
    ``modified``: true when it has the name of a shipped lexicon but not its content, so
    a report never passes an edited copy off as the shipped version.
    """
    path = resolve_lexicon_path(name_or_path).resolve()
    return _load_cached(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_cached(path: Path, _mtime: int) -> Lexicon:
    lexicon = _load(path, chain=())
    shipped = shipped_lexicon_dir() / f"{lexicon.name}.yaml"
    if shipped.is_file() and shipped.resolve() != path:
        try:
            # as text, like the lexicon itself: a copy with Windows line ends is the same
            shipped_hash = _file_hash(shipped.read_text(encoding="utf-8").encode("utf-8"), "")
        except (OSError, UnicodeDecodeError):
            shipped_hash = ""
        if shipped_hash != lexicon.content_hash:
            lexicon = replace(lexicon, modified=True)
    return lexicon


def _file_hash(data: bytes, base_hash: str) -> str:
    """The first 12 hex digits of SHA-256 over the file and the hash of what it extends."""
    digest = hashlib.sha256(data)
    if base_hash:
        digest.update(b"\0extends\0" + base_hash.encode())
    return digest.hexdigest()[:12]


def _load(path: Path, chain: tuple[Path, ...]) -> Lexicon:
    if path in chain:
        raise LexiconError(Msg("lexicon.extends_loop"), path=path)
    try:
        size = path.stat().st_size
        if size > MAX_LEXICON_BYTES:
            raise LexiconError(
                Msg("lexicon.too_big", size=size, limit=MAX_LEXICON_BYTES), path=path
            )
        # a regular file only, like every input: no permission is exit 3 as for a visie,
        # a pipe or device is refused by name instead of read without end
        text = read_regular(path, expected=Msg("file.expected.lexicon")).decode("utf-8")
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text did
    except UnicodeDecodeError:
        raise LexiconError(Msg("lexicon.not_utf8"), path=path) from None
    except OSError as error:
        raise LexiconError(Msg("lexicon.unreadable", reason=error.strerror), path=path) from None
    try:
        root = _compose(text, path)
        data = _construct(text, root)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = Msg("lexicon.where_line", line=mark.line + 1) if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)  # PyYAML's own words
        raise LexiconError(
            Msg("lexicon.bad_yaml", where=where, problem=problem), path=path
        ) from None
    if root is None or not isinstance(data, dict):
        raise LexiconError(Msg("lexicon.not_mapping"), path=path)
    try:
        spec = LexiconSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        line = _Positions(text, root).line(location)
        raise LexiconError(
            Msg(
                "lexicon.invalid",
                line=line,
                where=_describe_location(data, location),
                problem=_clean_pydantic(first),
            ),
            path=path,
        ) from None

    base: Lexicon | None = None
    if spec.extends:
        base_path = resolve_lexicon_path(spec.extends, relative_to=path.parent).resolve()
        base = _load(base_path, (*chain, path))
    lexicon = _build(spec, base, path, _Positions(text, root))
    return replace(
        lexicon, content_hash=_file_hash(text.encode("utf-8"), base.content_hash if base else "")
    )


def _clean_pydantic(error: Any) -> Msg:
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _SpecError):
        return cause.msg
    if error["type"] == "extra_forbidden":
        return Msg("lexicon.unknown_key", key=str(error["loc"][-1]))
    if error["type"] == "missing":
        return Msg("lexicon.missing_key", where="", key=str(error["loc"][-1]))
    # pydantic's own words (e.g. "Input should be a valid string"): English only
    return Msg("text", text=str(error["msg"]).removeprefix("Value error, "))


def _describe_location(data: dict[str, Any], location: tuple[Any, ...]) -> Msg | str:
    """'theme geothermie, terms[3]: ' for a location inside a theme."""
    if len(location) >= 2 and location[0] == "themes" and isinstance(location[1], int):
        themes = data.get("themes") or []
        theme_id = "?"
        if location[1] < len(themes) and isinstance(themes[location[1]], dict):
            theme_id = str(themes[location[1]].get("id", "?"))
        rest = list(location[2:])
        detail = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest)
        if detail:
            return Msg("lexicon.where_theme_detail", theme=theme_id, detail=detail.lstrip("."))
        return Msg("lexicon.where_theme", theme=theme_id)
    return ""


# libyaml's loader when available: ten times faster than the pure-Python one, and just
# as safe (SafeLoader semantics: no object construction from tags).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: Path) -> yaml.Node | None:
    """The YAML's node tree, checked before any value is built from it: no duplicate
    key, no more than ``MAX_YAML_VALUES`` values once aliases are expanded."""
    loader = _SAFE_LOADER(text)
    try:
        root: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    if root is not None:
        _check_nodes(root, path)
    return root


def _construct(text: str, root: yaml.Node | None) -> Any:
    if root is None:
        return None
    loader = _SAFE_LOADER(text)
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """Duplicate keys and alias expansion, in one pass over the node tree.

    An alias is the same node object as its anchor, so each node is visited once and
    its expanded size (itself and everything below it, aliases counted in full) is
    summed from its children's: linear in the file, however large the expansion.
    """
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size:
            continue
        children = _children(node)
        if not children_done:
            if key in open_nodes:
                raise LexiconError(
                    Msg("lexicon.alias_loop", line=node.start_mark.line + 1), path=path
                )
            open_nodes.add(key)
            if isinstance(node, yaml.MappingNode):
                _check_duplicate_keys(node, path)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in size)
            continue
        open_nodes.discard(key)
        total = 1 + sum(size[id(child)] for child in children)
        if total > MAX_YAML_VALUES:
            raise LexiconError(
                Msg(
                    "lexicon.too_many_values",
                    line=node.start_mark.line + 1,
                    limit=MAX_YAML_VALUES,
                ),
                path=path,
            )
        size[key] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_duplicate_keys(node: yaml.MappingNode, path: Path) -> None:
    """A key given twice in one mapping: YAML keeps the last silently (a second
    ``terms:`` would replace the first), so name both lines."""
    first_line: dict[tuple[str, str], int] = {}
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
            continue
        name = (key_node.tag, key_node.value)
        line = key_node.start_mark.line + 1
        if name in first_line:
            raise LexiconError(
                Msg(
                    "lexicon.duplicate_key",
                    line=line,
                    key=str(key_node.value),
                    first=first_line[name],
                ),
                path=path,
            )
        first_line[name] = line


class _Positions:
    """Line numbers of a YAML text, from its node tree (composed again if not given)."""

    def __init__(self, text: str, root: yaml.Node | None = None) -> None:
        self._text = text
        self._root: yaml.Node | None = root

    def line(self, location: tuple[Any, ...]) -> int:
        if self._root is None:
            self._root = yaml.compose(self._text, Loader=_SAFE_LOADER)
        return _line_of(self._root, location)


class _ThemePlace:
    """``line 12: theme grondwater: `` — formatted only when an error is raised."""

    def __init__(self, positions: _Positions, index: int, theme_id: str) -> None:
        self._positions, self._index, self._theme_id = positions, index, theme_id

    def msg(self) -> Msg:
        line = self._positions.line(("themes", self._index))
        return Msg("lexicon.where_line_theme", line=line, theme=self._theme_id)

    def __str__(self) -> str:
        return self.msg().text()


def _line_of(node: yaml.Node | None, location: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``location`` (as deep as it exists)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in location:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((value for key, value in node.value if key.value == part), None)
            if match is None:
                # an unknown key: point at the key itself
                key_node = next((key for key, _ in node.value if key.value == part), None)
                if key_node is not None:
                    line = key_node.start_mark.line + 1
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break  # a plain-string term has no "term" key node: stay on the string
        line = node.start_mark.line + 1
    return line


def default_compound(term: str) -> CompoundMode:
    letters = sum(char.isalpha() for char in term)
    return "both" if letters >= COMPOUND_MIN_LENGTH and " " not in term.strip() else "none"


def default_case_sensitive(term: str) -> bool:
    """Abbreviations written with two or more capitals (WKO, SodM, HT-ATES) keep their case."""
    return sum(char.isupper() for char in term) >= 2


def _to_term(spec: TermSpec) -> Term:
    text = spec.term
    case_sensitive = (
        spec.case == "sensitive" if spec.case is not None else default_case_sensitive(text)
    )
    compound = spec.compound or ("none" if case_sensitive else default_compound(text))
    single_word = " " not in text
    fuzzy = (
        spec.fuzzy
        if spec.fuzzy is not None
        else single_word and not case_sensitive and len(text) >= FUZZY_MIN_LENGTH
    )
    return Term(
        text=text,
        compound=compound,
        case_sensitive=case_sensitive,
        fuzzy=fuzzy,
        requires=tuple(tuple(group) for group in spec.requires),  # type: ignore[arg-type]
        requires_whole_word=spec.requires_whole_word,
        requires_scope=spec.requires_scope,
        moves_to=tuple((theme_id, tuple(cues)) for theme_id, cues in spec.moves_to.items()),
        moves_scope=spec.moves_scope,
        stays_with=tuple(spec.stays_with),
    )


def _to_exclusion(spec: ExclusionSpec) -> Exclusion:
    """An exclusion is found like a term: capitals keep their case and then match only
    as a whole word (or hyphen part); other single words also inside longer words."""
    case_sensitive = (
        spec.case == "sensitive" if spec.case is not None else default_case_sensitive(spec.text)
    )
    compound = spec.compound or ("none" if case_sensitive or " " in spec.text.strip() else "both")
    return Exclusion(
        text=spec.text,
        scope=spec.scope,
        terms=tuple(spec.terms),
        case_sensitive=case_sensitive,
        compound=compound,
    )


def _vetoes(spec: TermSpec) -> list[Exclusion]:
    """A term's ``veto`` words: paragraph-scope exclusions of just that term."""
    return [
        _to_exclusion(ExclusionSpec(text=word, scope="paragraph", terms=[spec.term]))
        for word in spec.veto
    ]


def _build(spec: LexiconSpec, base: Lexicon | None, path: Path, positions: _Positions) -> Lexicon:
    themes: dict[str, Theme] = {theme.id: theme for theme in base.themes} if base else {}
    seen: set[str] = set()
    term_count = sum(len(theme.terms) for theme in themes.values())
    for index, theme_spec in enumerate(spec.themes):
        where = _ThemePlace(positions, index, theme_spec.id)
        if theme_spec.id in seen:
            raise LexiconError(Msg("lexicon.duplicate_theme", where=where.msg()), path=path)
        seen.add(theme_spec.id)
        term_count += len(theme_spec.terms)
        if term_count > MAX_TERMS:
            raise LexiconError(
                Msg(
                    "lexicon.too_many_terms",
                    where=where.msg(),
                    limit=MAX_TERMS,
                    count=term_count,
                ),
                path=path,
            )
        terms = tuple(_to_term(raw) for raw in theme_spec.terms)
        exclusions = tuple(_to_exclusion(raw) for raw in theme_spec.exclusions) + tuple(
            exclusion for raw in theme_spec.terms for exclusion in _vetoes(raw)
        )
        existing = themes.get(theme_spec.id)
        if existing is not None:  # extending a theme of the base lexicon: add to it
            theme = Theme(
                id=existing.id,
                label=theme_spec.label or existing.label,
                label_en=theme_spec.label_en or existing.label_en,
                core=existing.core if theme_spec.core is None else theme_spec.core,
                description=theme_spec.description or existing.description,
                terms=existing.terms + terms,
                exclusions=existing.exclusions + exclusions,
                examples_match=existing.examples_match + tuple(theme_spec.examples.match),
                examples_no_match=existing.examples_no_match + tuple(theme_spec.examples.no_match),
                historical=(
                    existing.historical if theme_spec.historical is None else theme_spec.historical
                ),
                aliases=existing.aliases + tuple(theme_spec.aliases),
                advice=theme_spec.advice or existing.advice,
                advice_en=theme_spec.advice_en or existing.advice_en,
            )
        else:
            for key in ("label", "label_en"):
                if not getattr(theme_spec, key):
                    raise LexiconError(
                        Msg("lexicon.missing_key", where=where.msg(), key=key), path=path
                    )
            theme = Theme(
                id=theme_spec.id,
                label=theme_spec.label or "",
                label_en=theme_spec.label_en or "",
                core=bool(theme_spec.core),
                description=theme_spec.description or "",
                terms=terms,
                exclusions=exclusions,
                examples_match=tuple(theme_spec.examples.match),
                examples_no_match=tuple(theme_spec.examples.no_match),
                historical=bool(theme_spec.historical),
                aliases=tuple(theme_spec.aliases),
                advice=theme_spec.advice or "",
                advice_en=theme_spec.advice_en or "",
            )
        if not theme.terms:
            raise LexiconError(Msg("lexicon.no_terms", where=where.msg()), path=path)
        _check_terms(theme, where, path)
        themes[theme.id] = theme
    for theme in themes.values():
        for term in theme.terms:
            for sister, _cues in term.moves_to:
                if sister not in themes or sister == theme.id:
                    raise LexiconError(
                        Msg(
                            "lexicon.unknown_moves_to",
                            theme=theme.id,
                            term=term.text,
                            sister=sister,
                        ),
                        path=path,
                    )
    _check_aliases(themes, spec, path, positions)
    return Lexicon(
        name=spec.name,
        version=spec.version,
        language=spec.language,
        themes=tuple(themes.values()),
        source=str(path),
        measured_recall=_measured_recall(path, spec.version, themes),
    )


def accuracy_path(lexicon_path: Path) -> Path:
    """``ondergrond-nl.yaml`` → ``ondergrond-nl.accuracy.json`` beside it."""
    return lexicon_path.with_name(lexicon_path.stem + ".accuracy.json")


def _measured_recall(
    path: Path, version: str, themes: dict[str, Theme]
) -> tuple[tuple[str, float], ...]:
    """Recall per theme measured for exactly this lexicon version (written by the
    accuracy benchmark); nothing when absent or measured on another version."""
    import json

    try:
        data = json.loads(accuracy_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    if not isinstance(data, dict) or data.get("lexicon_version") != version:
        return ()
    recall = data.get("recall", {})
    return tuple(
        (theme_id, float(recall[theme_id]))
        for theme_id in themes
        if isinstance(recall.get(theme_id), int | float)
    )


def _check_terms(theme: Theme, where: _ThemePlace, path: Path) -> None:
    seen: set[tuple[str, bool]] = set()
    for term in theme.terms:
        key = (term.text if term.case_sensitive else term.text.lower(), term.case_sensitive)
        if key in seen:
            raise LexiconError(
                Msg("lexicon.term_twice", where=where.msg(), term=term.text), path=path
            )
        seen.add(key)
    known = {term.text.lower() for term in theme.terms}
    for exclusion in theme.exclusions:
        for name in exclusion.terms:
            if name.lower() not in known:
                raise LexiconError(
                    Msg(
                        "lexicon.exclusion_unknown_term",
                        where=where.msg(),
                        exclusion=exclusion.text,
                        term=name,
                    ),
                    path=path,
                )


def _check_aliases(
    themes: dict[str, Theme], spec: LexiconSpec, path: Path, positions: _Positions
) -> None:
    """An alias names one theme only: not twice, and not a name (id, code, label or
    alias) of another theme, else ``--themes`` could not tell which one is meant."""
    codes = theme_codes(list(themes))
    owners: dict[str, set[str]] = {}
    for theme in themes.values():
        for name in (*derived_names(theme, codes[theme.id]), *theme.aliases):
            owners.setdefault(normalise_name(name), set()).add(theme.id)
    index_of = {theme_spec.id: index for index, theme_spec in enumerate(spec.themes)}
    for theme in themes.values():
        seen: set[str] = set()
        for number, alias in enumerate(theme.aliases):
            key = normalise_name(alias)
            # the aliases of an extended theme come first, from the base lexicon's file
            index = index_of.get(theme.id)
            inherited = len(theme.aliases) - (
                len(spec.themes[index].aliases) if index is not None else 0
            )
            own = number - inherited
            if index is not None and own >= 0:
                line = positions.line(("themes", index, "aliases", own))
                where = Msg("lexicon.where_line_theme", line=line, theme=theme.id)
            else:
                where = Msg("lexicon.where_theme", theme=theme.id)
            if key in seen:
                raise LexiconError(Msg("lexicon.alias_twice", where=where, alias=alias), path=path)
            seen.add(key)
            others = sorted(owners[key] - {theme.id})
            if others:
                raise LexiconError(
                    Msg("lexicon.alias_taken", where=where, alias=alias, themes=", ".join(others)),
                    path=path,
                )
