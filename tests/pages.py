"""A saved news page around a real article's text, with the furniture real pages carry
(navigation, cookie banner, share bar, byline, "À lire aussi" list, footer)."""

from __future__ import annotations

import html


def saved_page(title: str, paragraphs: list[str], *, url: str = "https://example.org/a/1") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{html.escape(title)} | Le Courrier numérique</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Le Courrier numérique">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="2025-07-18T09:30:00+07:00">
<meta name="author" content="Tran Thi Minh">
<link rel="canonical" href="{url}">
</head><body>
<div id="cookie-banner" class="cookie-consent">
  <p>Ce site utilise des cookies pour améliorer votre expérience.</p>
  <button>Accepter</button> <button>Refuser</button> <a href="/cookies">Paramètres</a>
</div>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li>
<li><a href="/economie">Économie</a></li><li><a href="/monde">Monde</a></li></ul></nav></header>
<main><article>
<h1>{html.escape(title)}</h1>
<div class="byline">Par Tran Thi Minh</div>
<div class="date">Publié le 18/07/2025 à 09h30</div>
<div class="share-bar"><a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">Twitter</a>
<a href="#">Imprimer</a></div>
{body}
<aside class="related"><h3>À lire aussi</h3><ul>
<li><a href="/b">Le Japon et l'ASEAN lancent un fonds pour l'intelligence artificielle</a></li>
<li><a href="/c">Le président Joko Widodo reçoit le PDG de Microsoft à Jakarta</a></li>
<li><a href="/d">La Chine s'engage à former 1 000 ingénieurs au Cambodge</a></li>
</ul></aside>
</article></main>
<footer><p>© 2025 Le Courrier numérique. Tous droits réservés.</p>
<p>Contact | Mentions légales | Publicité</p></footer>
</body></html>"""
