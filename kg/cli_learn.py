"""``kg train`` and ``kg evaluate``: the learning commands of the ``kg`` CLI.

Kept apart from :mod:`kg.cli` so that neither module grows past a screenful of commands;
both are thin layers over :mod:`kg.learn` and :mod:`kg.evaluate`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.cli import _console


@click.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=Path("data"),
    show_default=True,
    help="Every folder of gold files under it is used.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the models (default: the package's kg/models).",
)
def train(data_dir: Path, out_dir: Path | None) -> None:
    """Retrain every extraction model from the gold files under --data."""
    from kg.extract.learned import MODEL_DIR
    from kg.learn.train import train as do_train

    report = do_train(data_dir, out_dir or MODEL_DIR)
    click.echo(
        f"Trained on {report.articles} article(s) in {report.seconds:.1f} s: "
        + ", ".join(f"{n} {k} examples" for k, n in report.examples.items())
    )
    for f in report.files:
        click.echo(f"  wrote {f} ({f.stat().st_size:,} bytes)")


def _scores_table(s: dict[str, Any], title: str) -> Any:
    from rich.table import Table

    table = Table(title=title)
    for col in ("", "precision", "recall", "F1", "tp / predicted / gold"):
        table.add_column(col, justify="right" if col else "left")

    def row(name: str, m: dict[str, Any]) -> None:
        table.add_row(
            name,
            f"{m['precision']:.3f}",
            f"{m['recall']:.3f}",
            f"{m['f1']:.3f}",
            f"{m['tp']} / {m['predicted']} / {m['gold']}",
        )

    row("entities (typed)", s["entities"]["micro"])
    row("entities (untyped)", s["entities"]["untyped"])
    for t, m in s["entities"]["by_type"].items():
        row(f"  {t}", m)
    row("relations", s["relations"]["micro"])
    for p, m in s["relations"]["by_predicate"].items():
        row(f"  {p}", m)
    row("commitments", s["commitments"]["micro"])
    return table


def _threshold_table(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title="At --min-confidence (precision / recall / F1)")
    table.add_column("threshold", justify="right")
    for k in ("entities", "relations", "commitments"):
        table.add_column(k, justify="right")
    for r in rows:
        table.add_row(
            f"{r['threshold']:.2f}",
            *(
                f"{r[k]['precision']:.3f} / {r[k]['recall']:.3f} / {r[k]['f1']:.3f}"
                for k in ("entities", "relations", "commitments")
            ),
        )
    return table


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of gold files (*.json) to score the shipped models on.",
)
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the articles, when not beside the gold files.",
)
@click.option(
    "--cv",
    "folds",
    type=click.IntRange(min=2),
    default=None,
    help="Cross-validate over every annotated article under --data: train on K-1 folds "
    "of articles, score the one left out.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=Path("data"),
    show_default=True,
    help="With --cv: the annotated corpus.",
)
@click.option("--seed", default=0, show_default=True, help="With --cv: how folds are drawn.")
@click.option("--rules-only", is_flag=True, help="Score the rules alone, without the models.")
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and negatives.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--dump",
    "dump_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also write the predictions, one gold-format file each.",
)
def evaluate(
    gold_dir: Path | None,
    articles_dir: Path | None,
    folds: int | None,
    data_dir: Path,
    seed: int,
    rules_only: bool,
    show_errors: bool,
    as_json: bool,
    dump_dir: Path | None,
) -> None:
    """Score the extraction against gold files (built in memory, read back from RDF).

    With --gold, the shipped models are scored on those files (in-sample when the files
    were trained on). With --cv K, the figure is for articles the models never saw.
    """
    from kg.error_analysis import errors
    from kg.evaluate import dump, threshold_table
    from kg.evaluate import evaluate as do_evaluate

    if (gold_dir is None) == (folds is None):
        raise click.UsageError("give either --gold DIR or --cv K")
    if folds is not None:
        from kg.learn.crossval import cross_validate

        ev = cross_validate(data_dir, folds, seed)
        title = f"{folds}-fold cross-validation over {ev.scores['articles']} article(s)"
    else:
        ev = do_evaluate(gold_dir, articles_dir, models=False if rules_only else None)  # type: ignore[arg-type]
        title = f"Scores on {ev.scores['articles']} article(s)"
    if dump_dir:
        dump(ev, dump_dir)
    thresholds = threshold_table(ev.gold, ev.predictions)
    errs = errors(ev, ev.texts) if show_errors else []
    if as_json:
        out = {**ev.scores, "thresholds": thresholds}
        if show_errors:
            out["errors"] = [e.to_json() for e in errs]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    console = _console()
    console.print(_scores_table(ev.scores, title))
    if "candidate_recall" in ev.scores:
        cr = ev.scores["candidate_recall"]
        console.print(
            "Candidate recall (gold items some candidate covers): "
            + ", ".join(f"{k} {v:.3f}" for k, v in cr.items())
        )
    console.print(_threshold_table(thresholds))
    if show_errors:
        for group in sorted({e.group for e in errs}):
            console.rule(group)
            for e in (x for x in errs if x.group == group):
                click.echo(f"{e.verdict:15} {e.article}: {e.item}")
                if e.sentence:
                    click.echo(f"{'':15} « {e.sentence} »")
