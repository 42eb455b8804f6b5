"""The HTML view in a real headless Chromium: it loads offline, draws every node, logs no
error, shows a node's details when clicked, and runs nothing an article smuggles in."""

import pytest

from kg import store as store_mod
from kg.build import build_articles
from kg.draw import ViewOptions, build_view, draw
from kg.model import Article

from . import browser
from .conftest import require, seed_name

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def driver():
    require(
        browser.available(),
        "Chromium is not installed here (Debian packages chromium "
        "and chromium-driver; scripts/test installs them)",
    )
    d = browser.start()
    yield d
    d.quit()


def open_page(driver, path):
    browser.offline(driver)
    driver.get(path.resolve().as_uri())
    browser.wait_ready(driver)


def test_view_loads_offline_and_draws_every_node(driver, seed_store, tmp_path):
    out = draw(seed_store, tmp_path / "graph.html")
    expected = len(build_view(seed_store, ViewOptions()))
    open_page(driver, out)
    drawn = driver.execute_script("return window.kgNetwork.body.data.nodes.length")
    assert drawn == expected > 40
    positions = driver.execute_script("return Object.keys(window.kgNetwork.getPositions()).length")
    assert positions == expected
    assert browser.console_errors(driver) == []
    driver.save_screenshot(str(tmp_path / "graph.png"))
    assert (tmp_path / "graph.png").stat().st_size > 10_000


def test_clicking_a_node_shows_its_details(driver, seed_store, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    out = draw(seed_store, tmp_path / "focus.html", ViewOptions(focus="Cho Tae-yul", depth=1))
    open_page(driver, out)
    driver.execute_script("window.kgNetwork.stopSimulation(); window.kgNetwork.fit();")
    node = driver.execute_script("""
        const net = window.kgNetwork;
        const id = net.body.data.nodes.get().find(n => n.label === 'Cho Tae-yul').id;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        return {x: p.x, y: p.y, w: r.width, h: r.height};""")
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(node["x"] - node["w"] / 2), int(node["y"] - node["h"] / 2)
    ).click().perform()
    details = driver.find_element(By.ID, "details").text
    assert "Cho Tae-yul (Personne)" in details  # French by default
    assert seed_name("002_c231b7b4a89e3f3b")[:40] in details
    driver.save_screenshot(str(tmp_path / "focus.png"))


def test_markup_in_articles_runs_nothing(driver, tmp_path, nlp):
    text = (
        "Le ministre Jean <script>window.__pwned=1</script> Dupont et le Premier ministre "
        'Pham Minh Chinh ont participé au Forum <img src=x onerror="window.__pwned=2"> '
        "de Hanoï 2025.\nLe Vietnam s'engage à coopérer avec l'ASEAN "
        "</script><script>window.__pwned=3</script>."
    )
    with store_mod.open("memory:") as st:
        build_articles([Article(id="evil", text=text, source_file="evil.txt")], st)
        out = draw(st, tmp_path / "evil.html")
    open_page(driver, out)
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return document.querySelectorAll('script').length") == 3
    labels = driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get().map(n => n.label).join(' | ')"
    )
    assert "Pham Minh Chinh" in labels
    assert browser.console_errors(driver) == []


def test_overview_of_communities(driver, seed_store, tmp_path):
    out = draw(seed_store, tmp_path / "overview.html", ViewOptions(overview=True))
    open_page(driver, out)
    labels = driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get().map(n => n.label)"
    )
    assert len(labels) >= 3 and any("ASEAN" in x for x in labels)


def test_the_serve_page_runs_a_named_query_from_its_form(driver, seed_store):
    import threading

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.serve import Limits, make_server

    server = make_server(seed_store, "127.0.0.1", 0, Limits(timeout=10, max_rows=100))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        driver.get(f"http://127.0.0.1:{server.server_port}/")
        form = driver.find_element(By.ID, "q-participants")
        form.find_element(By.NAME, "event").send_keys("4e session pleniere")
        form.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "results"))
        table = driver.find_element(By.ID, "results").text
        assert "Cho Tae-yul" in table and "Sun Weidong" in table
        links = driver.find_elements(By.CSS_SELECTOR, "#results a")
        assert links and "named=profile" in links[0].get_attribute("href")
        assert "format=csv" in driver.find_element(By.ID, "csv").get_attribute("href")
        links[0].click()  # an entity's profile, from its link
        WebDriverWait(driver, 20).until(
            lambda d: "profile" in d.find_element(By.TAG_NAME, "h2").text
        )
        assert browser.console_errors(driver) == []
    finally:
        server.shutdown()
        server.server_close()


def _outside(driver) -> int:
    """How many visible nodes are drawn outside the canvas."""
    return driver.execute_script("""
        const net = window.kgNetwork;
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        const ids = net.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id);
        const pos = net.getPositions(ids);
        return ids.filter(id => {
            const p = net.canvasToDOM(pos[id]);
            return p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height;
        }).length;""")


def test_view_fits_the_window_search_focuses_and_filters_hide(driver, seed_store, tmp_path):
    out = draw(seed_store, tmp_path / "graph.html")
    open_page(driver, out)
    assert _outside(driver) == 0  # fitted on load
    driver.execute_script("window.kgNetwork.moveTo({position: {x: 5000, y: 5000}, scale: 3})")
    assert _outside(driver) > 0
    driver.find_element("id", "fit").click()
    assert _outside(driver) == 0  # and on demand
    found = driver.execute_script("return window.kgSearch('CHO TAE-YUL')")
    assert found and driver.execute_script("return window.kgNetwork.getSelectedNodes()") == [found]
    assert "Cho Tae-yul" in driver.find_element("id", "details").text
    assert driver.execute_script("return window.kgSearch('personne inconnue')") is None
    assert driver.find_element("id", "search-note").text
    box = driver.find_element("css selector", ".type-filter[value='Person']")
    box.click()
    hidden = driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get({filter: n => n.kgType === 'Person'})"
        ".every(n => n.hidden)"
    )
    others = driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get({filter: n => n.kgType !== 'Person'})"
        ".some(n => !n.hidden)"
    )
    assert hidden and others
    assert browser.console_errors(driver) == []


def test_focus_node_is_marked_and_english_on_request(driver, seed_store, tmp_path):
    out = draw(seed_store, tmp_path / "f.html", ViewOptions(focus="Cho Tae-yul", lang="en"))
    open_page(driver, out)
    selected = driver.execute_script("return window.kgNetwork.getSelectedNodes()")
    label = driver.execute_script(
        "return window.kgNetwork.body.data.nodes.get(arguments[0]).label", selected[0]
    )
    assert label == "Cho Tae-yul"
    assert "(Person)" in driver.find_element("id", "details").text
    edges = driver.execute_script("return window.kgNetwork.body.data.edges.get().map(e => e.label)")
    assert "takes part in" in edges and "participatesIn" not in edges


def test_screenshots_of_both_pages(driver, seed_store, tmp_path):
    """The README's pictures, taken here: set KG_UPDATE_SCREENSHOTS=1 to write them into
    docs/screenshots/ (otherwise they go to a temporary folder and are only checked)."""
    import os
    import shutil

    from kg.timeline import timeline

    from .conftest import ROOT

    shots = {}
    out = draw(seed_store, tmp_path / "graph.html", ViewOptions(title="kg — graines"))
    open_page(driver, out)
    shots["graph.png"] = tmp_path / "graph.png"
    driver.save_screenshot(str(shots["graph.png"]))
    from kg.build import build

    from .conftest import DEV

    with store_mod.open("memory:") as dev:  # the dev articles carry more dates than the seeds
        build([DEV], dev)
        page = timeline(dev, tmp_path / "timeline.html", title="kg — chronologie (dev)")
    open_timeline = page.resolve().as_uri()
    driver.get(open_timeline)
    assert driver.find_elements("id", "chart") and driver.find_elements("id", "moments")
    shots["timeline.png"] = tmp_path / "timeline.png"
    driver.save_screenshot(str(shots["timeline.png"]))
    assert browser.console_errors(driver) == []
    for name, path in shots.items():
        assert path.stat().st_size > 10_000, name
        if os.environ.get("KG_UPDATE_SCREENSHOTS"):
            (ROOT / "docs" / "screenshots").mkdir(parents=True, exist_ok=True)
            shutil.copy(path, ROOT / "docs" / "screenshots" / name)


LABEL_BOXES = """
const net = window.kgNetwork; const scale = net.getScale(); const boxes = [];
for (const id of net.body.nodeIndices) {
  const n = net.body.nodes[id], lm = n.labelModule;
  const threshold = (n.options.scaling.label || {}).drawThreshold || 0;
  if (n.options.label && lm.fontOptions.size * scale >= threshold) {
    boxes.push([lm.size.left, lm.size.top, lm.size.width, lm.size.height]);
  }
}
let overlaps = 0;
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
  const [al, at, aw, ah] = boxes[i], [bl, bt, bw, bh] = boxes[j];
  if (al < bl + bw && bl < al + aw && at < bt + bh && bt < at + ah) overlaps++;
}
return [boxes.length, overlaps];
"""


def test_labels_do_not_collide_at_the_default_zoom(driver, seed_store, tmp_path):
    open_page(driver, draw(seed_store, tmp_path / "labels.html"))
    drawn, overlaps = driver.execute_script(LABEL_BOXES)
    assert drawn >= 5 and overlaps == 0
    driver.execute_script("window.kgNetwork.moveTo({scale: window.kgNetwork.getScale() * 2.5})")
    driver.execute_script("window.kgNetwork.redraw()")
    more, _ = driver.execute_script(LABEL_BOXES)
    assert more > drawn  # zooming in shows the smaller nodes' names
