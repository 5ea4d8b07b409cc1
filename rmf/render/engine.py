"""Render a framework's documents in memory: sandboxed Jinja templates, Markdown, HTML or Word."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import sys
import threading
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2
import jinja2.bccache
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from markupsafe import Markup

from rmf import __version__
from rmf.core.errors import RenderError, TemplateError, UsageError
from rmf.core.files import FileProblem, inside, read_regular
from rmf.core.pauses import no_collector_pauses
from rmf.model.framework import Framework
from rmf.render.diagrams import Diagram
from rmf.render.documents import Pending, all_paths, pending
from rmf.render.images import Pictures
from rmf.render.kinds import BY_NAME, HANDBOOK, KINDS
from rmf.render.markup import (
    Md,
    block,
    finalize,
    inline,
    label,
    list_item,
    normalize,
    to_html,
)
from rmf.render.memo import Memo
from rmf.render.views import Document, Link

Format = Literal["md", "html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "docx", "pdf")
PAGE = "page.html.j2"
# What a page may load: nothing but its own inline styles and data: pictures. No script,
# no remote picture, font or frame; a page opened from a pull request calls no one.
POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
# The policy where the built-in page has it: first in <head>, after the character set.
_POLICED = re.compile(
    r'\s*(?:<!DOCTYPE html>\s*)?(?:<html(?: lang="[\w-]*")?>\s*)?(?:<head>\s*)?'
    r'(?:<meta charset="utf-8">\s*)?' + re.escape(POLICY_META),
    re.IGNORECASE,
)
_DOCTYPE = re.compile(r"\s*<!DOCTYPE[^>]*>", re.IGNORECASE)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rendered:
    """One output file: its path in the output folder, its kind and its text; a binary
    document (Word) has its bytes in `data`, and in `text` the Markdown it was made from."""

    path: str
    kind: str
    text: str
    data: bytes | None = None

    @property
    def content(self) -> bytes:
        """What the file holds."""
        return self.data if self.data is not None else self.text.encode("utf-8")


def builtin_templates() -> Path:
    """The built-in templates: `rmf/templates` in an installed wheel, else the top-level
    `templates/` of a source checkout."""
    packaged = resources.files("rmf").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def template_dirs(
    framework: Path, override: Path | None = None, bases: Sequence[str | Path] = ()
) -> list[Path]:
    """Where to look for templates before the built-ins: `--templates DIR` when given,
    else `templates/` beside the framework (the folder, or a single file's folder), then
    beside each base it extends, nearest first."""
    if override is not None:
        if not override.is_dir():
            raise UsageError(f"{override}: no such template folder")
        return [override.resolve()]
    builtin = builtin_templates().resolve()
    found: list[Path] = []
    for place in (framework, *map(Path, bases)):
        folder = place if place.is_dir() else place.parent
        convention = folder / "templates"
        if not convention.is_dir():
            continue
        if not inside(convention, folder):
            raise TemplateError(
                "a link that leads outside the framework folder; templates must be part "
                "of the framework",
                convention.as_posix(),
            )
        if convention.resolve() not in (builtin, *found):
            found.append(convention.resolve())
    return found


# --- Jinja --------------------------------------------------------------------------


def _link(value: Link | None, text: str | None = None) -> Md:
    """An entity as a Markdown link to its document, named by its name or by `text`."""
    if value is None:
        return Md("—")
    name = value.name if text is None else text
    if value.href is None:
        return inline(name)
    return Md(f"[{label(name)}]({value.href})")


def _links(values: Iterable[Link]) -> Md:
    """Links in a row, by commas; by semicolons when a name holds a comma itself
    ("Risk, Compliance and Internal Audit"), so that each name still reads as one."""
    shown = list(values)
    separator = "; " if any("," in v.name for v in shown) else ", "
    return Md(separator.join(_link(v) for v in shown) or "—")


MAX_TEMPLATE_BYTES = 1024 * 1024


class _Confined(jinja2.BaseLoader):
    """Templates from one folder, and only from inside it: a template (or a file it
    includes) that is a link leading out of the folder is refused, so a template in a
    pull request cannot bring `~/.netrc` into a document or an error message."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        shown = path.as_posix()
        if not inside(path, self.folder):
            raise TemplateError(
                "a link that leads outside the template folder; rmf reads templates only "
                "from inside it",
                shown,
            )
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        try:
            raw = read_regular(path, MAX_TEMPLATE_BYTES)
            source = raw.decode("utf-8")
        except FileProblem as problem:
            raise TemplateError(str(problem), shown) from None
        except UnicodeDecodeError:
            raise TemplateError("the template is not UTF-8 text", shown) from None
        mtime = path.stat().st_mtime

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


def _loader(dirs: Sequence[Path]) -> jinja2.BaseLoader:
    builtin = _Confined(builtin_templates())
    # `builtin/<name>` lets a client template extend the built-in one it replaces.
    loaders: list[jinja2.BaseLoader] = [_Confined(d) for d in dirs]
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    return jinja2.ChoiceLoader(loaders)


TEMPLATE_SECONDS = 30.0  # a client template's time for one document
MAX_TEMPLATE_OUTPUT = 16 * 1024 * 1024  # characters one document or one value may hold


class _Overrun(Exception):
    """A client template went past its time or size limit."""


class _Budget(threading.local):
    deadline = float("inf")


_budget = _Budget()


def _tick() -> None:
    if time.monotonic() > _budget.deadline:
        raise _Overrun(
            f"the template ran for more than {TEMPLATE_SECONDS:g} s; "
            "look for a loop that does not end"
        )


def _sized(value: Any) -> Any:
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_TEMPLATE_OUTPUT:
        raise _Overrun(_TOO_LARGE)
    return value


_TOO_LARGE = f"the template builds text larger than {MAX_TEMPLATE_OUTPUT // (1024 * 1024)} MiB"


class _Range:
    """`range` for client templates: as the sandbox's (at most 100,000 numbers), but it
    checks the clock as it counts, so nested loops cannot run on for ever."""

    def __init__(self, *args: int) -> None:
        self._range = safe_range(*args)

    def __iter__(self) -> Iterator[int]:
        for i, n in enumerate(self._range):
            if not i % 1024:
                _tick()
            yield n

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: int) -> int:
        return self._range[index]

    def __reversed__(self) -> Iterator[int]:
        return reversed(self._range)


class _Namespace(jinja2.utils.Namespace):
    """`namespace()` whose values may not grow past the size limit (`ns.s = ns.s ~ ns.s`)."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, _sized(value))


def _big(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 1_000_000


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        for value in (*args, *kwargs.values()):
            if _big(value):
                raise _Overrun(f"a filter was given {value}, more than any document needs")
        if name == "format" and args and isinstance(args[0], str) and _WIDE.search(args[0]):
            raise _Overrun("a format asks for a width larger than any document needs")
        return _sized(function(*args, **kwargs))

    for marker in ("jinja_pass_arg",):
        if hasattr(function, marker):
            setattr(bounded, marker, getattr(function, marker))
    return bounded


_WIDE = re.compile(r"(%|\{[^{}]*:)[^a-zA-Z%{}]*?\d{7,}")  # `%99999999d`, `{:>99999999}`
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def _ticking(values: Any) -> Iterator[Any]:
    """A loop's values, checking the clock as it goes (`_tick` in every loop)."""
    for i, value in enumerate(values):
        if not i % 256:
            _tick()
        yield value


class _Checked(CodeGenerator):
    """Compiles client templates so that every `~` checks the size of what it joins."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


_TICK = "rmf_ticking"  # the filter every loop of a client template goes through


class _Bounded(ImmutableSandboxedEnvironment):
    """The sandbox for client templates, with a clock and a size limit: every call, every
    attribute, every operator that can build large values, every filter, every loop and
    every count of `range` checks them. Nothing is computed while compiling (no constant
    folding), so a template cannot do its work outside the limits."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Checked

    def __init__(self, **options: Any) -> None:
        super().__init__(optimized=False, **options)
        self.globals.update(range=_Range, namespace=_Namespace)
        self.filters[_TICK] = _ticking

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, with every loop's values passed through `_ticking`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            if not loop.recursive:  # a recursive loop calls `loop()`, which is checked
                loop.iter = nodes.Filter(loop.iter, _TICK, [], [], None, None, lineno=loop.lineno)
        return tree

    @staticmethod
    def sized(value: Any) -> Any:
        return _sized(value)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _tick()
        if operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise _Overrun("a format asks for a width larger than any document needs")
        if operator == "**" and isinstance(right, int) and abs(right) > 1024:
            raise _Overrun(f"`** {right}` is larger than any document needs")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(n, int)
                if sized and len(seq) * n > MAX_TEMPLATE_OUTPUT:
                    raise _Overrun(_TOO_LARGE)
        return _sized(super().call_binop(context, operator, left, right))

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        _tick()
        for value in (*args, *kwargs.values()):
            _sized(value)
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _PADDING and any(_big(v) for v in (*args, *kwargs.values())):
                raise _Overrun(f"`{name}` was given a width larger than any document needs")
            if name in ("format", "format_map") and _WIDE.search(owner):
                raise _Overrun("a format asks for a width larger than any document needs")
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)


CACHE_REVISION = 2  # raised whenever rmf compiles templates differently


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, checked against each template's source;
    a cache that cannot be read or written is simply not used."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled(kind: str) -> jinja2.BytecodeCache | None:
    """The cache of compiled templates for one kind of environment (Markdown or HTML,
    sandboxed or not: each compiles to different code), under `$XDG_CACHE_HOME/rmf`."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(
        root, "rmf", f"templates-{__version__}-{CACHE_REVISION}-jinja-{jinja2.__version__}", kind
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Compiled(str(folder))


def environments(dirs: Sequence[Path]) -> tuple[jinja2.Environment, jinja2.Environment]:
    """The Markdown environment (user text escaped as Markdown by `finalize`) and the HTML
    page environment (autoescaped); strict and sharing one loader. Sandboxed whenever a
    client's templates take part: rmf's own are trusted code and run a third faster."""
    loader = _loader(dirs)
    kind = _Bounded if dirs else jinja2.Environment
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    trust = "sandboxed" if dirs else "trusted"
    md = kind(
        autoescape=False, finalize=finalize, bytecode_cache=_compiled(f"md-{trust}"), **common
    )
    md.filters.update(
        link=_link, links=_links, block=block, inline=inline, label=label, item=list_item
    )
    html = kind(autoescape=True, bytecode_cache=_compiled(f"html-{trust}"), **common)
    if dirs:
        for env in (md, html):
            env.filters = {
                name: f if name == _TICK else _bounded_filter(name, f)
                for name, f in env.filters.items()
            }
    return md, html


def _template_frame(exc: BaseException, dirs: Sequence[Path]) -> tuple[str, int] | None:
    """The innermost template line in a traceback; Jinja maps template frames to the
    template's file and line."""
    roots = [d.resolve() for d in dirs]
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        where = Path(frame.filename).resolve()
        if frame.lineno and any(where.is_relative_to(root) for root in roots):
            found = (frame.filename, frame.lineno)
    return found


def _generate(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """A template's output; a client template's under its time and size limits."""
    template = env.get_template(name)
    if not isinstance(env, _Bounded):
        return template.render(context)
    _budget.deadline = time.monotonic() + TEMPLATE_SECONDS
    try:
        parts, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_TEMPLATE_OUTPUT:
                raise _Overrun(_TOO_LARGE)
            _tick()
            parts.append(chunk)
        return "".join(parts)
    finally:
        _budget.deadline = float("inf")


def _overrun_message(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template calls itself too deeply; look for a macro that does not end"
    if isinstance(exc, MemoryError):
        return "the template needs more memory than the machine has"
    return str(exc)


def _run(env: jinja2.Environment, name: str, context: dict[str, Any], dirs: list[Path]) -> str:
    try:
        return _generate(env, name, context)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error: {exc.message}", exc.filename, exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except Exception as exc:
        frame = _template_frame(exc, [*dirs, builtin_templates()])
        if frame is None and isinstance(exc, _Overrun | MemoryError | RecursionError):
            raise TemplateError(_overrun_message(exc), name) from None
        if frame is None:
            raise
        if isinstance(exc, _Overrun | MemoryError | RecursionError):
            message = _overrun_message(exc)
        else:
            message = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{exc!r}"
        raise TemplateError(message, *frame) from exc


# --- documents ----------------------------------------------------------------------


# A line to write on by hand (a name, a signature, a date), the same in every format.
BLANK = Md("\\_" * 22)


def _context(view: Any, kind: str, title: str, chapter: bool = False) -> dict[str, Any]:
    names = _FIELDS.get(type(view))
    if names is None:
        names = _FIELDS[type(view)] = tuple(f.name for f in dataclasses.fields(view))
    fields = {name: getattr(view, name) for name in names}
    return {
        **fields,
        "view": view,
        "kind": kind,
        "title": title,
        "blank": BLANK,
        "chapter": chapter,
    }


_FIELDS: dict[type, tuple[str, ...]] = {}  # the fields of each kind of view


def _diagram_objects(views: Iterable[Any]) -> Iterator[Diagram]:
    """The diagrams a view holds, in fields of their own or in tuples of them."""
    for view in views:
        for value in vars(view).values():
            for item in value if isinstance(value, tuple | list) else (value,):
                if isinstance(item, Diagram):
                    yield item


def _diagrams(views: Iterable[Any]) -> dict[str, Callable[[], str]]:
    """Every diagram's SVG by its Mermaid source, for the HTML fence renderer: drawn
    when a page shows it."""
    return {d.mermaid.strip(): d.image for d in _diagram_objects(views)}


def _pictures(views: Iterable[Any]) -> dict[str, bytes]:
    """Every chart's picture by its Mermaid source, for Word, which cannot show a chart
    as the list it makes of a tree."""
    pictures = ((d.mermaid.strip(), d.picture()) for d in _diagram_objects(views))
    return {source: png for source, png in pictures if png is not None}


@dataclass(frozen=True)
class _Page:
    """What turning one document into text needs besides the document."""

    md: jinja2.Environment
    html: jinja2.Environment
    dirs: list[Path]
    documents: frozenset[str]
    diagrams: dict[str, Callable[[], str]]
    pictures: Pictures
    memo: Memo | None = None
    drawn: tuple[Hashable, ...] = ()  # with a memo: what the document's diagrams show


def _text(
    page: _Page, fmt: Format, template: str, view: Any, kind: str, title: str, path: str
) -> tuple[str, str]:
    """The path and text of one document: Markdown, or an HTML page made from it (for
    HTML and PDF output)."""
    text = normalize(_run(page.md, template, _context(view, kind, title), page.dirs))
    if fmt not in ("html", "pdf"):
        return path, text
    return _html(page, fmt, text, view, kind, title, path)


def _html(
    page: _Page, fmt: Format, text: str, view: Any, kind: str, title: str, path: str
) -> tuple[str, str]:
    """The path and HTML page of a document's Markdown `text`."""
    path, _, make = _page_maker(page, fmt, text, view, kind, title, path, later=False)
    return path, make()


def _page_maker(
    page: _Page,
    fmt: Format,
    text: str,
    view: Any,
    kind: str,
    title: str,
    path: str,
    *,
    later: bool,
) -> tuple[str, Hashable, Callable[[], str]]:
    """The path of a document's HTML page, everything the page is made from, and what
    makes it. `later`: the page is made when asked for, after the render, its body kept
    in the memo until then."""
    suffix = f".{fmt}"  # links between the documents go to the files of this format
    memo = page.memo

    def made() -> str:
        return to_html(text, path, page.documents, page.diagrams, suffix, page.pictures)

    key = (suffix, path, text, page.documents, page.drawn)
    if memo is not None and later:
        memo.use(key)
    out = path.removesuffix(".md") + ".html"

    def whole() -> str:
        body = made() if memo is None else (memo.later if later else memo.page)(key, made)
        depth = out.count("/")
        context = {
            "title": title,
            "meta": view.meta,
            "body": Markup(body),
            "kind": kind,
            "index_href": (
                None if kind in ("index", HANDBOOK.name) else "../" * depth + "index.html"
            ),
            "page_footer": Markup(css_string(_footer_lines(title, view.meta))),
            "policy": Markup(POLICY),
        }
        return normalize(policed(_run(page.html, PAGE, context, page.dirs)))

    # The memo stands for the templates and pictures: a new one may make every page anew.
    return out, (memo, key, title, kind, view.meta), whole


def policed(html: str) -> str:
    """The page with rmf's content security policy before anything that could load: a
    client's page template that leaves it out, or puts something before it, gets it
    first, right after the doctype (browsers take it into the head from there)."""
    if _POLICED.match(html):
        return html
    doctype = _DOCTYPE.match(html)
    at = doctype.end() if doctype else 0
    return html[:at] + "\n" + POLICY_META + "\n" + html[at:].lstrip("\n")


def _footer_lines(title: str, meta: Any) -> str:
    """The footer of every printed page: the document and version, the framework and
    client (the client alone under the framework's own overview)."""
    named = meta.client if title == meta.name else f"{meta.name} · {meta.client}"
    return f"{title} · Version {meta.version}\n{named}"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    out = ['"']
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _pdf(rendered: Rendered) -> Rendered:
    """The PDF printed from a document's HTML page; `text` keeps the page."""
    from rmf.render.pdf import to_pdf  # WeasyPrint loads only when PDF is asked for

    path = rendered.path.removesuffix(".html") + ".pdf"
    return Rendered(path, rendered.kind, rendered.text, to_pdf(rendered.text))


def _house(reference: Path | None) -> bytes | None:
    """The bytes of the reference document of Word output; raises UsageError."""
    # python-docx loads only when Word output is asked for
    from rmf.render.docx.reference import read_reference

    return read_reference(reference) if reference is not None else None


def _word(
    rendered: Rendered, view: Any, page: _Page, reference: bytes | None, effective: date | None
) -> Rendered:
    """The Word document made from a document's Markdown, in the house style of the
    reference document (python-docx's default template when None)."""
    from rmf.render.docx.writer import to_docx

    path, data = to_docx(
        rendered.text,
        path=rendered.path,
        kind=rendered.kind,
        meta=view.meta,
        effective=effective,
        reference=reference,
        documents=page.documents,
        diagrams=frozenset(page.diagrams),
        pictures=_pictures([view]),
        images=page.pictures,
    )
    return Rendered(path, rendered.kind, rendered.text, data)


def render_view(
    view: Any,
    template: str,
    *,
    kind: str,
    title: str,
    path: str,
    fmt: Format = "md",
    template_folders: Sequence[Path] = (),
    reference: Path | None = None,
    folder: Path | None = None,
) -> Rendered:
    """One document from a view of its own (a scorecard, say): the same templates,
    sandbox and HTML page as the framework's documents, pictures from `folder`; raises
    TemplateError."""
    dirs = list(template_folders)
    md_env, html_env = environments(dirs)
    diagrams = _diagrams([view]) if fmt != "md" else {}
    page = _Page(md_env, html_env, dirs, frozenset(), diagrams, Pictures(folder))
    out_path, text = _text(page, fmt, template, view, kind, title, path)
    if fmt == "docx":
        return _word(Rendered(out_path, kind, text), view, page, _house(reference), None)
    if fmt == "pdf":
        return _pdf(Rendered(out_path, kind, text))
    return Rendered(out_path, kind, text)


def render(
    framework: Framework,
    fmt: Format = "md",
    kinds: Iterable[str] = KINDS,
    template_folders: Sequence[Path] = (),
    progress: Progress | None = None,
    reference: Path | None = None,
    folder: Path | None = None,
    memo: Memo | None = None,
) -> list[Rendered]:
    """Every document of the chosen kinds, rendered in memory; raises TemplateError.
    `reference` is the house style of Word output (`rmf.render.docx.reference.reference_docx`);
    pictures in the text are taken from `folder`, the framework's (none when None). With
    a `memo`, what an earlier render with the same memo made is taken from it, and the
    documents are rendered in this process."""
    with no_collector_pauses():
        return _render(framework, fmt, kinds, template_folders, progress, reference, folder, memo)


def render_later(
    framework: Framework,
    kinds: Iterable[str] = KINDS,
    template_folders: Sequence[Path] = (),
    *,
    memo: Memo,
    folder: Path | None = None,
) -> list[Deferred]:
    """Every document of the chosen kinds as an HTML page made when asked for (`rmf
    serve`): the templates of the documents run now, so their errors are raised now
    (TemplateError); turning each one's Markdown into HTML waits until its page is asked
    for, and is done once for the memo. A page made is the page `render(..., "html")`
    makes."""
    with no_collector_pauses():
        job = _job(framework, "html", kinds, template_folders, None, folder, memo)
        out = [job.later(item) for item in job.items]
        memo.sweep()
        return out


@dataclass(frozen=True)
class Deferred:
    """A document's HTML page, made the first time it is asked for. Two are equal when
    they are made from the same things (so the same page), whether made yet or not."""

    path: str
    kind: str
    identity: Hashable
    make: Callable[[], str] = dataclasses.field(compare=False, repr=False)
    _made: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

    def html(self) -> str:
        """The page; raises TemplateError when the page template fails. Threads asking at
        once may both make it: it is the same page."""
        if not self._made:
            self._made.append(self.make())
        return self._made[0]


def _job(
    framework: Framework,
    fmt: Format,
    kinds: Iterable[str],
    template_folders: Sequence[Path],
    reference: Path | None,
    folder: Path | None,
    memo: Memo | None,
) -> _Job:
    dirs = list(template_folders)
    if memo is None:
        md_env, html_env = environments(dirs)
    else:
        md_env, html_env = memo.kept(("environments", *dirs), lambda: environments(dirs))
    items = pending(framework, kinds)
    paths = [i.path for i in items]
    if len(set(paths)) != len(paths):
        twice = sorted({p for p in paths if paths.count(p) > 1})
        raise TemplateError(f"two documents would be written to {', '.join(twice)}")
    page = _Page(md_env, html_env, dirs, all_paths(framework), {}, Pictures(folder), memo)
    house = _house(reference) if fmt == "docx" else None
    return _Job(tuple(items), page, fmt, house, framework.framework.effective)


def _render(
    framework: Framework,
    fmt: Format,
    kinds: Iterable[str],
    template_folders: Sequence[Path],
    progress: Progress | None,
    reference: Path | None,
    folder: Path | None,
    memo: Memo | None = None,
) -> list[Rendered]:
    job = _job(framework, fmt, kinds, template_folders, reference, folder, memo)
    items = job.items
    workers = _workers(len(items), PDF_PARALLEL_FROM if fmt == "pdf" else PARALLEL_FROM)
    if workers > 1 and memo is None:  # a memo lives in this process
        return _in_parallel(job, workers, progress)
    out = []
    for done, item in enumerate(items, 1):
        out.append(job.one(item))
        if progress is not None:
            progress(done, len(items))
    if memo is not None:
        memo.sweep()
    return out


def render_handbook(
    framework: Framework,
    fmt: Format = "md",
    kinds: Iterable[str] = KINDS,
    template_folders: Sequence[Path] = (),
    reference: Path | None = None,
    folder: Path | None = None,
) -> Rendered:
    """The documents of the chosen kinds as one handbook (`handbook.<fmt>`): a cover and
    contents from the handbook's template, then each document as a chapter, rendered by
    its own template; raises TemplateError."""
    from rmf.render.handbook import PATH, Source, handbook

    with no_collector_pauses():
        dirs = list(template_folders)
        md_env, html_env = environments(dirs)
        page = _Page(md_env, html_env, dirs, frozenset({PATH}), {}, Pictures(folder))
        docs = [item.document() for item in pending(framework, kinds)]
        sources = [
            Source(
                BY_NAME[d.kind],
                d.path,
                d.title,
                normalize(_run(md_env, d.template, _context(d.view, d.kind, d.title, True), dirs)),
            )
            for d in docs
        ]

        def front(view: Any) -> str:
            context = _context(view, HANDBOOK.name, HANDBOOK.subject)
            return normalize(_run(md_env, HANDBOOK.template, context, dirs))

        view, text = handbook(front, framework, sources, all_paths(framework))
        title = HANDBOOK.subject
        views = [d.view for d in docs]
        rendered = Rendered(PATH, HANDBOOK.name, text)
        if fmt == "md":
            return rendered
        if fmt == "docx":
            from rmf.render.docx.writer import to_docx

            path, data = to_docx(
                text,
                path=PATH,
                kind=HANDBOOK.name,
                meta=view.meta,
                effective=framework.framework.effective,
                reference=_house(reference),
                documents=all_paths(framework),
                diagrams=frozenset(_diagrams(views)),
                pictures=_pictures(views),
                images=page.pictures,
                chapters=frozenset(c.anchor for part in view.parts for c in part.chapters),
            )
            return Rendered(path, HANDBOOK.name, text, data)
        page = dataclasses.replace(page, documents=all_paths(framework), diagrams=_diagrams(views))
        path, html = _html(page, fmt, text, view, HANDBOOK.name, title, PATH)
        rendered = Rendered(path, HANDBOOK.name, html)
        return _pdf(rendered) if fmt == "pdf" else rendered


# Documents below which one process is quicker than starting more: printing a PDF takes
# a second or more, so a few are worth sharing out.
PARALLEL_FROM, PDF_PARALLEL_FROM = 400, 4


@dataclass(frozen=True)
class _Job:
    """Everything rendering a document needs: the same in every process."""

    items: tuple[Pending, ...]
    page: _Page
    fmt: Format
    house: bytes | None
    effective: date | None

    def _page(self, doc: Document) -> _Page:
        page = self.page
        if self.fmt != "md" and page.memo is None:  # the diagrams it shows, drawn when shown
            page = dataclasses.replace(page, diagrams=_diagrams([doc.view]))
        elif self.fmt != "md" and page.memo is not None:  # and drawn once for the memo
            memo, shown = page.memo, list(_diagram_objects([doc.view]))
            diagrams = {d.mermaid.strip(): memo.image(d.identity, d.image) for d in shown}
            drawn = tuple(d.identity for d in shown)
            page = dataclasses.replace(page, diagrams=diagrams, drawn=drawn)
        return page

    def later(self, item: Pending) -> Deferred:
        """The document's Markdown rendered now, its HTML page made when asked for."""
        doc = item.document()
        page = self._page(doc)
        context = _context(doc.view, doc.kind, doc.title)
        text = normalize(_run(page.md, doc.template, context, page.dirs))
        path, identity, make = _page_maker(
            page, self.fmt, text, doc.view, doc.kind, doc.title, doc.path, later=True
        )
        return Deferred(path, doc.kind, identity, make)

    def one(self, item: Pending) -> Rendered:
        doc = item.document()
        page = self._page(doc)
        path, text = _text(page, self.fmt, doc.template, doc.view, doc.kind, doc.title, doc.path)
        rendered = Rendered(path, doc.kind, text)
        if self.fmt == "docx":
            rendered = _word(rendered, doc.view, page, self.house, self.effective)
        elif self.fmt == "pdf":
            rendered = _pdf(rendered)
        return rendered


def _workers(count: int, least: int = PARALLEL_FROM) -> int:
    """How many processes render `count` documents: `RMF_JOBS` if set, else every core
    for a large framework; one where processes cannot be forked safely."""
    setting = os.environ.get("RMF_JOBS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        jobs = int(setting)
    else:
        jobs = (os.cpu_count() or 1) if count >= least else 1
    if jobs < 2:
        return 1
    import multiprocessing  # only for a framework large enough to share out

    forkable = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return min(jobs, count) if forkable else 1


def _shares(job: _Job, processes: int) -> list[tuple[int, ...]]:
    """The documents in the order processes take them, a share at a time: the
    framework-wide documents (the index, the plan: one of their kind, and the longest to
    make) first, each on its own, so no process is left making one at the end; then the
    rest in runs small enough that the processes finish together."""
    size = max(1, min(50, len(job.items) // (processes * 8)))
    kinds = Counter(item.kind.name for item in job.items)
    alone = [i for i, item in enumerate(job.items) if kinds[item.kind.name] == 1]
    rest = [i for i, item in enumerate(job.items) if kinds[item.kind.name] > 1]
    shares: list[tuple[int, ...]] = [(i,) for i in alone]
    return shares + [tuple(rest[start : start + size]) for start in range(0, len(rest), size)]


class _Turns:
    """The shares of a job, handed out one at a time to whichever process asks first
    (a counter in memory the forked processes share), and a count of documents done."""

    def __init__(self, context: Any, shares: list[tuple[int, ...]]) -> None:
        self.shares = shares
        self._next = context.Value("i", 0)
        self._done = context.Value("i", 0)

    def take(self) -> tuple[int, ...] | None:
        with self._next.get_lock():
            i = self._next.value
            self._next.value = i + 1
        return self.shares[i] if i < len(self.shares) else None

    def stop(self) -> None:
        """No share handed out after this: a process failed, the run is over."""
        with self._next.get_lock():
            self._next.value = len(self.shares)

    def finished(self, count: int) -> int:
        with self._done.get_lock():
            self._done.value += count
            return int(self._done.value)


Part = list[tuple[tuple[int, ...], list[Rendered]]]


def _take_turns(job: _Job, turns: _Turns, progress: Progress | None = None) -> Part:
    """Render shares until none is left; what was rendered, by share."""
    part: Part = []
    while (share := turns.take()) is not None:
        part.append((share, [job.one(job.items[i]) for i in share]))
        done = turns.finished(len(share))
        if progress is not None:
            progress(done, len(job.items))
    return part


def _forked(job: _Job, turns: _Turns, send: Any) -> None:
    """A forked process's part of the job, sent back whole when done; a failure is sent
    instead, and ends the other processes' turns."""
    try:
        answer: tuple[str, object] = ("done", _take_turns(job, turns))
    except BaseException as exc:  # the parent reports it as if it had happened there
        turns.stop()
        answer = ("failed", exc)
    try:
        send.send(answer)
    except Exception as exc:  # what cannot be pickled travels as its message
        what = answer[1] if answer[0] == "failed" else exc
        send.send(("failed", RuntimeError(f"{type(what).__name__}: {what}")))
    send.close()


def _in_parallel(job: _Job, workers: int, progress: Progress | None) -> list[Rendered]:
    """The documents rendered by this process and `workers - 1` forked ones, in order:
    each forked process inherits the framework instead of receiving it, and builds the
    indexes its shares need; the shares go to whichever process is free. This process
    renders too, keeping its documents, and alone draws the progress bar."""
    import multiprocessing  # only for a framework large enough to share out

    context = multiprocessing.get_context("fork")
    turns = _Turns(context, _shares(job, workers))
    children = []
    try:
        with warnings.catch_warnings():
            # the only thread besides this one draws a progress bar; the forked
            # processes never touch it
            warnings.filterwarnings(
                "ignore", message=".*multi-threaded.*fork", category=DeprecationWarning
            )
            for _ in range(workers - 1):
                receive, send = context.Pipe(duplex=False)
                child = context.Process(target=_forked, args=(job, turns, send), daemon=True)
                child.start()
                send.close()
                children.append((child, receive))
        try:
            parts = [_take_turns(job, turns, progress)]
        except BaseException:
            turns.stop()
            raise
        for child, receive in children:
            try:
                outcome, part = receive.recv()
            except EOFError:
                child.join()
                raise RenderError(
                    "a process rendering documents ended unexpectedly (exit code "
                    f"{child.exitcode}); RMF_JOBS=1 renders them all in one process"
                ) from None
            if outcome == "failed":
                raise part
            parts.append(part)
    finally:
        for child, receive in children:
            receive.close()
            if child.is_alive():
                child.terminate()
            child.join()
    done: list[Rendered | None] = [None] * len(job.items)
    for part in parts:
        for indexes, rendered in part:
            for i, one in zip(indexes, rendered, strict=True):
                done[i] = one
    return [rendered for rendered in done if rendered is not None]
