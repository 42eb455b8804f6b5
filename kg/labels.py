"""What the views call things, in French (the default: the users read French news) and
in English. One table, used by the network view and the timeline."""

from __future__ import annotations

LANGS = ("fr", "en")

TYPES = {
    "fr": {
        "Person": "Personne",
        "Organisation": "Organisation",
        "Country": "Pays",
        "Place": "Lieu",
        "Event": "Événement",
        "Initiative": "Initiative",
        "Community": "Communauté",
    },
    "en": {
        "Person": "Person",
        "Organisation": "Organisation",
        "Country": "Country",
        "Place": "Place",
        "Event": "Event",
        "Initiative": "Initiative",
        "Community": "Community",
    },
}

RELATIONS = {
    "fr": {
        "holdsRole": "occupe un poste",
        "participatesIn": "participe à",
        "organises": "organise",
        "locatedIn": "se trouve à",
        "partOf": "fait partie de",
        "memberOf": "membre de",
        "leads": "dirige",
        "partnerOf": "partenaire de",
        "signs": "signe",
        "coParticipates": "participent ensemble",
        "commitsToward": "s'engage envers",
        "commitsOn": "s'engage sur",
        "relations": "relations",
    },
    "en": {
        "holdsRole": "holds a post in",
        "participatesIn": "takes part in",
        "organises": "organises",
        "locatedIn": "is located in",
        "partOf": "is part of",
        "memberOf": "is a member of",
        "leads": "leads",
        "partnerOf": "is a partner of",
        "signs": "signs",
        "coParticipates": "take part together",
        "commitsToward": "commits toward",
        "commitsOn": "commits on",
        "relations": "relations",
    },
}

UI = {
    "fr": {
        "search": "Rechercher une entité…",
        "fit": "Tout voir",
        "png": "Exporter en PNG",
        "types": "Types",
        "article": "Article",
        "all_articles": "Tous les articles",
        "hint": "Cliquez sur un nœud ou un lien pour lire sa preuve.",
        "not_found": "Aucune entité de ce nom dans la vue.",
        "mentions": "mention(s) dans",
        "articles": "article(s)",
        "timeline": "Chronologie",
        "events": "Événements",
        "event": "événement",
        "commitments": "Engagements",
        "undated": "sans date",
    },
    "en": {
        "search": "Find an entity…",
        "fit": "Fit",
        "png": "Export PNG",
        "types": "Types",
        "article": "Article",
        "all_articles": "All articles",
        "hint": "Click a node or an edge to read its evidence.",
        "not_found": "No entity of that name in this view.",
        "mentions": "mention(s) in",
        "articles": "article(s)",
        "timeline": "Timeline",
        "events": "Events",
        "event": "event",
        "commitments": "Commitments",
        "undated": "undated",
    },
}


def relation(name: str, lang: str = "fr") -> str:
    """A relation as a reader says it ("participatesIn; organises" → "participe à; organise").

    >>> relation("participatesIn; organises")
    'participe à; organise'
    """
    table = RELATIONS[lang]
    return "; ".join(table.get(r.strip(), r.strip()) for r in name.split(";"))


def type_name(t: str, lang: str = "fr") -> str:
    return TYPES[lang].get(t, t)
