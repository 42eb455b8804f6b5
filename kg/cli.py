"""The ``kg`` command: a thin click layer over the library functions of the same names.

Only this module imports click and prints; every command calls one library function and
echoes what it returns. Expected failures (``KgError``) become one clean message and exit
status 1, in one place (:class:`KgGroup`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError

STORE_HELP = "Store URL: oxigraph:PATH (default oxigraph:out/store, or $KG_STORE) or memory:."


def _default_store() -> str:
    from kg.store import DEFAULT_URL

    return DEFAULT_URL


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--store URL`` option every command takes."""
    return click.option("--store", "store_url", metavar="URL", default=None, help=STORE_HELP)(f)


def _open(store_url: str | None, write: bool = False, create: bool = True) -> Any:
    """Commands that write (build, add, remove) may create the store; the others open an
    existing one, read-only, so that they run while ``kg serve`` has it open."""
    from kg import store

    url = store_url or _default_store()
    if write:
        return store.open(url, create=create)
    return store.open(url, create=False, read_only=True)


def _projections() -> list[Any]:
    from kg.analyse import Projection

    return list(Projection)


def _types() -> list[Any]:
    from kg.model import EntityType

    return list(EntityType)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


class KgGroup(click.Group):
    """Turns every expected failure into one clean message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """kg: a knowledge graph of actors, events, initiatives and commitments from French
    news on digital-economy and AI diplomacy in South-East Asia."""


def _summary_table(summary: dict[str, Any]) -> Any:
    from rich.table import Table

    table = Table(title="Knowledge graph", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary["articles"]))
    for t, n in summary["entities"].items():
        table.add_row(f"  {t}", str(n))
    table.add_row("relations (with evidence)", str(summary["relations"]))
    table.add_row("commitments", str(summary["commitments"]))
    table.add_row("mentions", str(summary["mentions"]))
    table.add_row("triples", str(summary["triples"]))
    return table


curation_option = click.option(
    "--curation",
    "curation_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Curation file to apply (default: curation.yaml next to an on-disk store).",
)


def _curation(store_url: str | None, curation_file: Path | None) -> Any:
    from kg import curation

    path = curation_file or curation.path_for(store_url or _default_store())
    return curation.load(path)


def build_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``build`` and ``add`` share."""
    for option in reversed(
        (
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
            store_option,
            click.option("--fail-fast", is_flag=True, help="Stop at the first unreadable file."),
            click.option(
                "--min-confidence",
                type=click.FloatRange(0, 1),
                default=0.0,
                show_default=True,
                help="Drop entities, relations and commitments the models are less sure of.",
            ),
            click.option(
                "--lang-any",
                is_flag=True,
                help="Build articles detected as not French too (extraction is French only).",
            ),
            curation_option,
            click.option(
                "--workers",
                type=click.IntRange(1, 64),
                default=1,
                show_default=True,
                help="Extract in this many processes (the graph is the same).",
            ),
        )
    ):
        f = option(f)
    return f


def _run_build(
    command: str,
    paths: tuple[Path, ...],
    store_url: str | None,
    fail_fast: bool,
    min_confidence: float,
    lang_any: bool,
    curation_file: Path | None = None,
    workers: int = 1,
) -> None:
    from rich.progress import Progress

    from kg import collection
    from kg.build import DEFAULT_ARTICLES, build_articles, read_all, summary

    console = _console()
    curation = _curation(store_url, curation_file)
    with _open(store_url, write=True) as st:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Building", total=None)
            advance = lambda a: progress.advance(task)  # noqa: E731
            if command == "add":
                if not paths:
                    raise click.UsageError("kg add needs the files or folders to add")
                report = collection.add(
                    paths,
                    st,
                    progress=advance,
                    fail_fast=fail_fast,
                    min_confidence=min_confidence,
                    lang_any=lang_any,
                    curation=curation,
                    workers=workers,
                )
            else:
                articles, failures = read_all(paths or (DEFAULT_ARTICLES,), fail_fast=fail_fast)
                report = build_articles(
                    articles,
                    st,
                    progress=advance,
                    min_confidence=min_confidence,
                    lang_any=lang_any,
                    curation=curation,
                    workers=workers,
                )
                report.failures = failures
        console.print(_summary_table(summary(st)))
        done = "Added" if command == "add" else "Built"
        console.print(f"{done} {len(report.articles)} article(s) into {st.url}.")
    for a in report.unchanged:
        click.echo(f"unchanged: {a.source_file} (already stored as {a.id})")
    for old in report.replaced:
        click.echo(f"replaced: article {old} (its file changed)")
    for a, why in report.duplicates:
        click.echo(f"duplicate: {a.source_file} is article {a.id} again ({why}); stored once")
    for a, why in report.skipped:
        click.echo(f"skipped: {a.source_file}: {why}", err=True)
    if report.curated:
        click.echo(f"curation: {len(report.curated)} entr(y/ies) applied from {curation.path}")
    for w in report.curation_warnings:
        click.echo(f"curation: not applied: {w}", err=True)
    for exc in report.failures:
        click.echo(f"error: {exc}", err=True)
    if report.failures:
        raise SystemExit(1)


def _build_command(name: str, doc: str) -> None:
    """``kg build`` and ``kg add``: the same options, one runner."""

    def command(**options: Any) -> None:
        _run_build(name, **options)

    command.__doc__ = doc
    cli.command(name=name)(build_options(command))


_build_command("build", "Build articles (files or folders; default data/articles) into the store.")
_build_command("add", "Add or replace these articles in the store; unchanged ones are skipped.")


@cli.command()
@store_option
@curation_option
def curate(store_url: str | None, curation_file: Path | None) -> None:
    """Apply the curation file to the store now (build and add apply it too)."""
    from kg import curation as curation_mod

    cur = _curation(store_url, curation_file)
    if cur.path is None:
        raise click.UsageError("a store in memory has no curation file: give --curation FILE")
    with _open(store_url, write=True, create=False) as st:
        report = curation_mod.apply(st, cur)
    click.echo(f"curation: {len(report.applied)} entr(y/ies) applied from {cur.path}")
    for w in report.warnings:
        click.echo(f"curation: not applied: {w}", err=True)


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@store_option
def remove(refs: tuple[str, ...], store_url: str | None) -> None:
    """Remove articles (by id, URL or file) and what only they stated."""
    from kg import collection

    with _open(store_url, write=True, create=False) as st:
        removed = collection.remove(refs, st)
    for art in removed:
        click.echo(f"removed: {art}")


@cli.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def articles(store_url: str | None, fmt: str) -> None:
    """List the stored articles: headline, date, source and what was taken from each."""
    from dataclasses import asdict

    from kg import collection

    with _open(store_url) as st:
        rows = collection.articles(st)
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    cols = ["id", "published", "headline", "source", "entities", "relations", "commitments"]
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([getattr(r, c) for c in cols])
        return
    from rich.table import Table

    table = Table(*cols)
    for r in rows:
        table.add_row(*(str(getattr(r, c) or "") for c in cols))
    _console().print(table)


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(store_url: str | None, as_json: bool) -> None:
    """Counts of articles, entities by type, relations, commitments and triples."""
    from kg.build import summary

    with _open(store_url) as st:
        s = summary(st)
    if as_json:
        click.echo(json.dumps(s, indent=2))
    else:
        _console().print(_summary_table(s))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf"]),
    default="ttl",
    show_default=True,
    help="RDF serialisation, or GraphML/GEXF of a network projection.",
)
@click.option(
    "--projection",
    type=click.Choice([p.value for p in _projections()]),
    default="full",
    show_default=True,
    help="For graphml and gexf.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@store_option
def export(fmt: str, projection: str, output: Path | None, store_url: str | None) -> None:
    """Export the graph for other tools (RDF, or a network for Gephi, yEd, Cytoscape)."""
    from kg.export import export as do_export
    from kg.export import export_network

    with _open(store_url) as st:
        if fmt in ("graphml", "gexf"):
            data = export_network(st, fmt, projection, output)
        else:
            data = do_export(st, fmt, output)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


@cli.command()
@store_option
def validate(store_url: str | None) -> None:
    """Check the graph against the SHACL shapes; exit 1 when it does not conform."""
    from kg.validate import validate as do_validate

    with _open(store_url) as st:
        report = do_validate(st)
    if report.conforms:
        click.echo("The graph conforms to ontology/shapes.ttl.")
        return
    click.echo(f"{len(report.violations)} violation(s):")
    for v in report.violations:
        path = v.path.rsplit("#", 1)[-1] if v.path else "-"
        click.echo(f"  {v.severity}: {v.focus} {path}: {v.message}")
    raise SystemExit(1)


@cli.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write."
)
@click.option(
    "--projection",
    type=click.Choice([p.value for p in _projections()]),
    default="full",
    show_default=True,
)
@click.option("--focus", default=None, help="Only this entity and its neighbourhood.")
@click.option("--depth", default=1, show_default=True, type=int, help="With --focus: hops.")
@click.option(
    "--types",
    default=None,
    metavar="T1,T2",
    help="Only these entity types (e.g. Person,Country,Event).",
)
@click.option(
    "--article", default=None, help="Only what this article states (id, URL or file name)."
)
@click.option(
    "--min-weight",
    default=1,
    show_default=True,
    type=int,
    help="Drop links backed by fewer statements (or shared events).",
)
@click.option(
    "--size-by",
    type=click.Choice(["pagerank", "degree", "weighted-degree", "betweenness"]),
    default="pagerank",
    show_default=True,
    help="What node size shows.",
)
@click.option("--overview", is_flag=True, help="One node per community (for large graphs).")
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the view's labels for types and relations.",
)
@click.option("--title", default="kg network", show_default=True)
@store_option
def draw(
    output: Path,
    projection: str,
    focus: str | None,
    depth: int,
    types: str | None,
    article: str | None,
    min_weight: int,
    size_by: str,
    overview: bool,
    lang: str,
    title: str,
    store_url: str | None,
) -> None:
    """Write an interactive HTML view of the graph (self-contained, opens offline)."""
    from kg.collection import find_article
    from kg.draw import ViewOptions
    from kg.draw import draw as do_draw

    wanted = frozenset(t.strip() for t in types.split(",")) if types else None
    with _open(store_url) as st:
        options = ViewOptions(
            projection,
            focus,
            depth,
            wanted,
            find_article(st, article) if article else None,
            min_weight,
            size_by,
            overview,
            title,
            lang,
        )
        do_draw(st, output, options)
    click.echo(f"Wrote {output}.")


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--actor", default=None, help="Only this actor's events and commitments.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--title", default="kg timeline", show_default=True)
@store_option
def timeline(output: Path, actor: str | None, lang: str, title: str, store_url: str | None) -> None:
    """Write the timeline page: dated events and commitments, one row per actor."""
    from kg.timeline import timeline as do_timeline

    with _open(store_url) as st:
        do_timeline(st, output, actor=actor, lang=lang, title=title)
    click.echo(f"Wrote {output}.")


@cli.command()
@click.option(
    "--projection",
    type=click.Choice([p.value for p in _projections()]),
    default="full",
    show_default=True,
)
@click.option(
    "--measure",
    type=click.Choice(
        [
            "summary",
            "degree",
            "weighted-degree",
            "pagerank",
            "betweenness",
            "communities",
            "brokers",
        ]
    ),
    default="summary",
    show_default=True,
    help="summary: top actors by PageRank, then the communities.",
)
@click.option("--top", "top_n", default=10, show_default=True, type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
def analyse(projection: str, measure: str, top_n: int, fmt: str, store_url: str | None) -> None:
    """Who is central, which communities form, who bridges them."""
    from kg import analyse as an

    with _open(store_url) as st:
        g = an.project(an.read_graph(st), projection)
    label = {n: d.get("label", n) for n, d in g.nodes(data=True)}
    if fmt == "csv" and measure == "summary":
        raise click.UsageError(
            "a CSV file holds one table: give --measure pagerank, degree, weighted-degree, "
            "betweenness, communities or brokers"
        )
    tables: list[tuple[str, str, list[str], list[list[Any]]]] = []
    if measure in ("summary", "pagerank", "degree", "weighted-degree", "betweenness"):
        m = "pagerank" if measure == "summary" else measure
        scores = an.score(g, m)
        rows = [
            [i + 1, label[n], g.nodes[n]["type"], round(v, 5)]
            for i, (n, v) in enumerate(an.top(g, scores, top_n))
        ]
        note = f" ({scores.note})" if scores.note else ""
        tables.append(
            ("centrality", f"Top actors by {m}{note}", ["rank", "actor", "type", m], rows)
        )
    comms = an.communities(g) if measure in ("summary", "communities", "brokers") else []
    if measure in ("summary", "communities"):
        groups, alone = an.split_singletons(comms)
        full = fmt != "table"  # files get every member; the terminal a readable line
        rows = [[i + 1, len(c), _members(c, label, full)] for i, c in enumerate(groups[:top_n])]
        if len(groups) > top_n:
            rows.append(
                [
                    "…",
                    sum(len(c) for c in groups[top_n:]),
                    f"and {len(groups) - top_n} more communities (--top)",
                ]
            )
        if alone:
            rows.append(["unconnected", len(alone), _members(alone, label, full)])
        tables.append(
            (
                "communities",
                f"Communities (Louvain, seeded, resolution {an.RESOLUTION})",
                ["community", "size", "members"],
                rows,
            )
        )
    if measure == "brokers":
        rows = [
            [label[b.node], b.community + 1, b.reaches, round(b.betweenness, 5)]
            for b in an.brokers(g, comms)[:top_n]
        ]
        tables.append(
            (
                "brokers",
                "Brokers between communities",
                ["entity", "community", "other communities reached", "betweenness"],
                rows,
            )
        )
    _print_tables(tables, fmt)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@store_option
def path(source: str, target: str, fmt: str, store_url: str | None) -> None:
    """The shortest chain of stated relations between two entities, with evidence."""
    from dataclasses import asdict

    from kg import analyse as an

    with _open(store_url) as st:
        g = an.project(an.read_graph(st), "full")
    hops = an.path(g, source, target)
    label = {n: d.get("label", n) for n, d in g.nodes(data=True)}
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {**asdict(h), "source_label": label[h.source], "target_label": label[h.target]}
                    for h in hops
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{label[hops[0].source]} → {label[hops[-1].target]}: {len(hops)} hop(s)")
    for i, h in enumerate(hops, 1):
        arrow = f"—{h.relation}→" if h.forward else f"←{h.relation}—"
        click.echo(f"{i}. {label[h.source]} {arrow} {label[h.target]}")
        click.echo(f"   [{h.articles.split('|')[0]}] {h.evidence}")


def _members(nodes: set[str], label: dict[str, str], full: bool, shown: int = 12) -> str:
    names = sorted((label[n] for n in nodes), key=lambda x: x.lower())
    if full or len(names) <= shown:
        return "; ".join(names)
    return "; ".join(names[:shown]) + f" … and {len(names) - shown} more"


def _print_tables(tables: list[tuple[str, str, list[str], list[list[Any]]]], fmt: str) -> None:
    """Tables as a terminal shows them, or as files: JSON keyed by a stable name (each
    with its title and rows), CSV one plain table (header, rows: no comment lines)."""
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    key: {"title": title, "rows": [dict(zip(cols, r, strict=True)) for r in rows]}
                    for key, title, cols, rows in tables
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        for _, _, cols, rows in tables:
            w.writerow(cols)
            w.writerows(rows)
        return
    from rich.table import Table

    for _, title, cols, rows in tables:
        table = Table(title=title)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(str(x) for x in r))
        _console().print(table)


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the named query (repeatable).",
)
@click.option("--sparql", "sparql_text", default=None, help="Run this SPARQL text instead.")
@click.option(
    "--file",
    "sparql_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Run the SPARQL in this file instead.",
)
@click.option("--iris", is_flag=True, help="Show IRI columns in the terminal table too.")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default=None,
    help="Output format (table on a terminal, else csv).",
)
@store_option
def query(
    name: str | None,
    params: tuple[str, ...],
    sparql_text: str | None,
    sparql_file: Path | None,
    list_: bool,
    fmt: str | None,
    iris: bool,
    store_url: str | None,
) -> None:
    """Run a named query (kg query --list), or raw SPARQL with --sparql or --file."""
    from kg import query as q

    if list_:
        from rich.table import Table

        table = Table(title="Named queries")
        for col in ("name", "parameters", "description"):
            table.add_column(col, overflow="fold")
        for nq in q.named_queries().values():
            ps = ", ".join(f"{p.name}{'' if p.required else '?'} ({p.kind})" for p in nq.params)
            table.add_row(nq.name, ps, nq.description)
        _console().print(table)
        return
    values: dict[str, str] = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{p!r} is not KEY=VALUE", param_hint="--param")
        values[key.strip()] = value
    sources = [x for x in (name, sparql_text, sparql_file) if x]
    if len(sources) != 1:
        raise click.UsageError("give one of: a query NAME, --sparql TEXT or --file FILE")
    with _open(store_url) as st:
        if name:
            result = q.run_named(st, name, values)
        else:
            text = sparql_text or sparql_file.read_text(encoding="utf-8")  # type: ignore[union-attr]
            result = q.run_sparql(st, text, values)
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if result.graph is not None or fmt != "table":
        click.echo(q.format_result(result, "json" if fmt == "table" else fmt), nl=False)
        return
    if result.boolean is not None:
        click.echo("yes" if result.boolean else "no")
        return
    from rdflib import URIRef
    from rich.table import Table

    # the terminal gets what a reader reads: IRI columns only with --iris, long text wrapped
    shown = [
        i
        for i, v in enumerate(result.vars)
        if iris or not all(isinstance(r[i], URIRef) or r[i] is None for r in result.rows)
    ] or list(range(len(result.vars)))
    table = Table(title=f"{len(result.rows)} row(s)", expand=True)
    for i in shown:
        v = result.vars[i]
        wide = v in ("evidence", "sentence", "article", "text")
        table.add_column(v, overflow="fold", ratio=3 if wide else 1)
    for row in result.rows:
        table.add_row(*("" if row[i] is None else str(row[i]) for i in shown))
    _console().print(table)
    hidden = len(result.vars) - len(shown)
    if hidden:
        click.echo(f"({hidden} IRI column(s) hidden: --iris shows them)")


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only).",
)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=float,
    help="Time limit of one query, in seconds.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=int,
    help="Result-size limit (rows or triples).",
)
@store_option
def serve(host: str, port: int, timeout: float, max_rows: int, store_url: str | None) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page."""
    from kg.serve import Limits, make_server

    with _open(store_url) as st:
        server = make_server(st, host, port, Limits(timeout, max_rows))
        click.echo(
            f"kg: read-only SPARQL endpoint on http://{host}:{server.server_port}/sparql"
            f" (page: http://{host}:{server.server_port}/); Ctrl-C stops it."
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


@cli.command()
@click.option(
    "--type",
    "etype",
    type=click.Choice([t.value for t in _types()]),
    default=None,
    help="Only entities of this type.",
)
@click.option("--merges", is_flag=True, help="Show why names were merged instead.")
@click.option(
    "--suggest",
    is_flag=True,
    help="List likely duplicates and likely junk, with the curation entry for each.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@store_option
def entities(
    etype: str | None, merges: bool, suggest: bool, fmt: str, store_url: str | None
) -> None:
    """List entities with their names, mention counts and articles (or the merges, or
    suggestions for curation.yaml)."""
    from dataclasses import asdict

    from kg.entities import list_entities, list_merges
    from kg.entities import suggest as suggest_entities

    with _open(store_url) as st:
        if suggest:
            found = suggest_entities(st)
            if fmt == "json":
                click.echo(json.dumps([asdict(r) for r in found], ensure_ascii=False, indent=2))
                return
            for r in found:
                click.echo(f"# {r.kind}: {' / '.join(r.entities)} ({r.why})")
                click.echo(r.entry)
            click.echo(
                f"# {len(found)} suggestion(s); copy the entries you confirm into curation.yaml"
            )
            return
        rows = list_merges(st) if merges else list_entities(st, etype)
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    if merges:
        table = Table(title=f"{len(rows)} merge(s)")
        for col in ("entity", "name as written", "article", "reason"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r.label, r.name, r.article, r.reason)
    else:
        table = Table(title=f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")
        for col in ("type", "label", "other names", "mentions", "articles", "Wikidata"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(
                r.type,
                r.label,
                "; ".join(r.names),
                str(r.mentions),
                str(len(r.articles)),
                r.wikidata or "",
            )
    _console().print(table)


def _learning_commands() -> None:
    from kg.cli_learn import evaluate, train

    cli.add_command(train)
    cli.add_command(evaluate)


_learning_commands()


def main() -> None:
    """Console-script entry point."""
    cli()
