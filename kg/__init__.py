"""kg: a knowledge graph of actors, events, initiatives and commitments from the news.

The package is a pipeline, one module per stage: ``articles`` (read) → ``extract``
(spaCy and rules, plain data classes) → ``resolve`` (entities across articles, stable
IRIs) → ``rdf`` (triples with provenance) → ``store`` (named graph per article) → query,
analyse, draw, export, validate, evaluate. Nothing heavy is imported here so that
``kg --help`` stays instant.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
