"""``pohon render --format html``: the page written by the real CLI, then driven in a real
headless Chromium (one session for the module): search, fold, filters, the panel, the
posters, the keyboard; no request leaves the page, and no console error."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, console, missing, open_page, requests
from conftest import CASES, DATA, run

from pohon_cli.render import html
from pohon_cli.render.html import json_block

REALISASI = CASES / "report" / "pohon_realisasi.yaml"
SMALL = CASES / "show" / "small.yaml"  # targets for 2023 and 2024
INJECTION = CASES / "render" / "injection.yaml"
# a search waits this long after the last key (page.js's debounce is 120 ms)
SETTLE = "return new Promise(r => setTimeout(r, 200))"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    written = {}
    for name, source in (
        ("seed", DATA),
        ("realisasi", REALISASI),
        ("injection", INJECTION),
        ("small", SMALL),
    ):
        written[name] = folder / f"{name}.html"
        # the page's words these tests read are the Indonesian ones
        run("render", source, "-o", written[name], "--lang", "id")
    return written


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    why = missing()
    if why is not None:
        pytest.fail(why)
    with chromium() as session:
        yield session


def _visible_tree(driver: Any) -> list[tuple[str, bool, list[str]]]:
    """(kode, is context, visible indicator kodes) of every node shown, in tree order."""
    rows: list[list[Any]] = driver.execute_script(
        """return [...document.querySelectorAll('li.node')]
             .filter(li => li.offsetParent !== null)
             .map(li => [li.querySelector('.kode').textContent, li.classList.contains('context'),
                         [...li.firstElementChild.querySelectorAll('li.ind')]
                           .map(x => x.querySelector('.kode').textContent)])"""
    )
    return [(kode, context, kodes) for kode, context, kodes in rows]


def _shown_by(*args: str) -> list[tuple[str, bool, list[str]]]:
    """The same triples from ``pohon show --format json``."""
    shown = json.loads(run("show", DATA, "--format", "json", *args).stdout)
    found: list[tuple[str, bool, list[str]]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            if "rujuk" in node:  # a node shown in full elsewhere: a reference here
                found.append((node["rujuk"], False, []))
                continue
            found.append(
                (node["kode"], node["konteks"], [i["kode"] for i in node.get("indikator", [])])
            )
            walk(node.get("anak", []))

    walk(shown["pohon"])
    return found


def test_the_seed_page_is_one_small_file_with_nothing_to_fetch(pages: dict[str, Path]) -> None:
    text = pages["seed"].read_text(encoding="utf-8")
    assert len(text.encode()) < 1_000_000
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(", text)
    assert "default-src 'none'" in text  # the page may not fetch even if asked to


def test_no_text_can_close_the_data_block() -> None:
    block = json_block({"u": "</script><script>alert(1)</script><!-- \u2028 &amp;"})
    assert not re.search("[<>&\u2028]", block)
    assert json.loads(block) == {"u": "</script><script>alert(1)</script><!-- \u2028 &amp;"}


def test_the_page_opens_offline_without_errors(driver: Any, pages: dict[str, Path]) -> None:
    for page in pages.values():
        open_page(driver, page)
        assert driver.execute_script("return typeof window.pohonRendered") == "number"
        assert driver.find_elements("css selector", "li.node")
        assert requests(driver) == [page.resolve().as_uri()]
        assert console(driver) == []


def test_collapse_hides_a_subtree_and_expand_shows_it(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["seed"])
    deep = driver.find_element("css selector", "li.node[data-i] li.node li.node")
    assert deep.is_displayed()
    driver.find_element("css selector", "#tree > li.node .toggle").click()
    assert not deep.is_displayed()
    top = driver.find_element("css selector", "#tree > li.node")
    assert top.get_attribute("aria-expanded") == "false"
    driver.find_element("id", "expand-all").click()
    assert deep.is_displayed()


def test_search_opens_the_collapsed_branch_of_a_match(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["seed"])
    driver.find_element("id", "collapse-all").click()
    row = "//li[contains(@class,'node')][div/div/span[@class='kode'][text()='K-BANKUM']]"
    target = driver.find_element("xpath", row)
    assert not target.is_displayed()
    driver.find_element("id", "search").send_keys("sengketa dihadapi")
    driver.execute_script(SETTLE)
    assert target.is_displayed() and "hit" in (target.get_attribute("class") or "")
    marks = [m.text.lower() for m in target.find_elements("css selector", "mark")]
    assert "sengketa" in marks and "dihadapi" in marks
    assert driver.find_element("id", "count").text.endswith("simpul")
    assert "q=sengketa" in driver.current_url  # the view is kept in the fragment


@pytest.mark.parametrize(
    ("select", "value"),
    [("f-unit", "SUBBAG-HUKUM"), ("f-unit", "SUBBAG-KUL"), ("f-unit", "KETUA"), ("f-misi", "M4")],
)
def test_a_filter_shows_exactly_what_show_shows(
    driver: Any, pages: dict[str, Path], select: str, value: str
) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(driver, pages["seed"])
    Select(driver.find_element("id", select)).select_by_value(value)
    option = "--unit" if select == "f-unit" else "--misi"
    assert _visible_tree(driver) == _shown_by(option, value)


def test_the_fragment_opens_the_view_it_keeps(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["seed"], "unit=SUBBAG-HUKUM&node=K-BANKUM")
    assert driver.find_element("id", "f-unit").get_attribute("value") == "SUBBAG-HUKUM"
    assert _visible_tree(driver) == _shown_by("--unit", "SUBBAG-HUKUM")
    assert driver.find_element("id", "panel-body").get_attribute("data-node") == "K-BANKUM"


def test_a_click_shows_the_capaian_pohon_report_computes(
    driver: Any, pages: dict[str, Path]
) -> None:
    open_page(driver, pages["realisasi"])
    shown: dict[str, dict[str, Any]] = driver.execute_script(
        """const seen = {};
           for (const li of document.querySelectorAll('li.ind')) {
             const kode = li.querySelector('.kode').textContent;
             if (kode in seen) continue;
             li.click();
             const cell = (name) => {
               const td = document.querySelector('#panel-body .cap-' + name);
               return td ? td.textContent : null;
             };
             seen[kode] = {raw: cell('capaian'), capped: cell('dibatasi'),
                           band: cell('predikat'), panel: document.getElementById('panel').hidden};
           }
           return seen;"""
    )
    rows = json.loads(run("report", REALISASI, "--format", "json").stdout)["indikator"]
    assert len(shown) == len(rows)
    for row in rows:
        got = shown[row["kode"]]
        assert got["panel"] is False
        for key, ours in (("capaian", got["raw"]), ("capaian_dibatasi", got["capped"])):
            expected = row[key]
            assert (None if ours is None else Decimal(ours)) == (
                None if expected is None else Decimal(str(expected))
            ), row["kode"]
        assert got["band"] == (row["predikat"] or row["status"].replace("_", " ")), row["kode"]


def test_the_panel_lists_the_problems_validate_found_there(
    driver: Any, pages: dict[str, Path]
) -> None:
    said = run("validate", DATA, "--format", "json", "--lang", "id", expect=0).stdout
    found = [p for p in json.loads(said) if p["code"] in ("PK109", "PK110")]  # the header's
    open_page(driver, pages["seed"])
    marked = driver.find_element("css selector", "li.node .problem-mark")
    marked.click()
    panel = driver.find_element("id", "panel-body").text
    assert re.search(r"pohon_kinerja\.yaml:\d+:\d+", panel), panel
    summary = driver.find_element("id", "problems-summary").text
    assert all(p["message"][:40] in summary for p in found), summary


def test_the_injection_fixture_shows_as_text(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["injection"])
    assert driver.find_element("id", "title").text == 'Kantor "A" & <b>B</b> \\N {x}'
    texts = [e.text for e in driver.find_elements("css selector", "li.node .text")]
    assert '<script>alert("x")</script> & more' in texts
    assert len(driver.find_elements("css selector", "script")) == 2  # the page's own
    assert not driver.find_elements("css selector", "#tree b, #tree i, #panel-body script")
    driver.find_element("xpath", "//span[@class='kode'][text()='I\"1\"']").click()
    assert "Persentase {braces} \\ back\\slash" in driver.find_element("id", "panel-body").text
    assert console(driver) == []


def test_a_poster_box_leads_to_its_node(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["seed"])
    driver.find_element("id", "toggle-posters").click()
    # the wheel zooms and a drag pans
    moved = driver.execute_script(
        """const fig = document.querySelector('figure.poster:not([hidden])');
           fig.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: 50, clientY: 50}));
           fig.dispatchEvent(new PointerEvent('pointerdown', {clientX: 10, clientY: 10}));
           fig.dispatchEvent(new PointerEvent('pointermove', {clientX: 40, clientY: 30}));
           fig.dispatchEvent(new PointerEvent('pointerup', {}));
           return fig.querySelector('svg').style.transform;"""
    )
    assert "scale(1.15)" in moved and "translate(" in moved, moved
    kode = driver.execute_script(
        """const g = [...document.querySelectorAll('figure.poster:not([hidden]) g.node')]
             .find(g => /^n[0-9]+$/.test(g.querySelector('title').textContent));
           g.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
           g.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
           g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
           return document.getElementById('panel-body').dataset.node;"""
    )
    assert driver.find_element("id", "tree").is_displayed()
    assert kode and driver.find_element("css selector", "li.flash").is_displayed()


def test_the_keyboard_walks_the_tree(driver: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(driver, pages["seed"])
    first = driver.find_element("css selector", "#tree > li.node")
    driver.execute_script("arguments[0].focus()", first)
    first.send_keys(Keys.ARROW_LEFT)
    assert first.get_attribute("aria-expanded") == "false"
    first.send_keys(Keys.ARROW_RIGHT)
    first.send_keys(Keys.ARROW_DOWN)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("aria-level") == "2"
    focused.send_keys(Keys.ENTER)
    assert not driver.find_element("id", "panel").get_attribute("hidden")


def _figure(driver: Any, kode: str) -> str:
    row = f"//li[contains(@class,'ind')][.//span[@class='kode'][text()='{kode}']]"
    return str(driver.find_element("xpath", row).find_element("css selector", ".fig").text)


def test_the_year_chooses_the_targets_and_capaian(
    driver: Any, pages: dict[str, Path], tmp_path: Path
) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(driver, pages["small"])
    assert _figure(driver, "I-T1").startswith("T 1.20 indeks · 110.00%")
    Select(driver.find_element("id", "f-year")).select_by_value("2023")
    assert _figure(driver, "I-T1") == "T 1.10 indeks · tanpa realisasi"
    assert "year=2023" in driver.current_url
    # --year is the year the page opens with
    run("render", SMALL, "--year", "2023", "-o", tmp_path / "y.html")
    open_page(driver, tmp_path / "y.html")
    assert driver.find_element("id", "f-year").get_attribute("value") == "2023"


def test_print_shows_the_view_without_the_controls(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["seed"], "unit=SUBBAG-HUKUM")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element("id", "controls").is_displayed()
        assert "Unit kerja SUBBAG-HUKUM" in driver.find_element("id", "view").text
        assert driver.find_element("css selector", "li.node").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_value_the_file_lacks_is_refused_and_nothing_written(tmp_path: Path) -> None:
    misi = run("render", DATA, "--misi", "M9", "-o", tmp_path / "x.html", expect=2)
    assert "no misi `M9` in this file" in misi.stderr
    year = run("render", DATA, "--year", "1999", "-o", tmp_path / "x.html", expect=2)
    assert "no target or realisasi for 1999" in year.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("versi: 1\npohon: [\n", encoding="utf-8")
    bad = run("render", broken, "-o", tmp_path / "x.html", expect=1)
    assert "broken.yaml:" in bad.stderr
    assert not (tmp_path / "x.html").exists()


def test_html_takes_no_option_of_the_posters(tmp_path: Path) -> None:
    bad = run("render", DATA, "-o", tmp_path / "x.html", "--split", "misi", expect=2)
    assert "--format html writes one page" in bad.stderr
    clash = run("render", DATA, "--format", "html", "-o", tmp_path / "x.svg", expect=2)
    assert "does not match the extension" in clash.stderr
    assert not list(tmp_path.iterdir())


def test_make_bench_times_the_page_in_the_browser(tmp_path: Path) -> None:
    from benchmarks.run import PAGE_RENDER, PAGE_SEARCH, Row, report, web_page

    rows: list[Row] = []
    web_page(tmp_path, rows, 60, 1)
    assert [r.name for r in rows] == [PAGE_RENDER, PAGE_SEARCH]
    assert all(len(r.seconds) == 1 and 0 < r.seconds[0] < 30 for r in rows), rows
    report(rows, [60], tmp_path / "RESULTS.md")
    assert f"{PAGE_SEARCH} at 5,000 nodes" in (tmp_path / "RESULTS.md").read_text()


def test_each_problem_is_under_the_indicator_it_is_written_in(tmp_path: Path) -> None:
    from conftest import with_one_error

    from pohon_cli.config import Finder, Overrides
    from pohon_cli.load import load_path
    from pohon_cli.render.html import page_data
    from pohon_cli.rules.lint import check_files

    path, line = with_one_error(tmp_path)
    tree = load_path(path).tree
    assert tree is not None
    (checked,) = check_files([(str(path), Finder(Overrides()).settings_for(path))], 1)
    data = page_data(tree, [], checked.problems, name=str(path))
    placed = [
        (ind["k"], p["code"])
        for ind in data["indicators"]
        for p in ind.get("p", [])
        if p["line"] == line
    ]
    assert placed and all(code == "PK104" for _, code in placed), placed
    kode = placed[0][0]
    assert tree.line_of(kode) is not None and tree.line_of(kode) <= line  # type: ignore[operator]
    header = {p["code"] for p in data["problems"]}
    assert header == {"PK109", "PK110"}  # written above the first node


def test_each_poster_box_is_linked_to_its_node() -> None:
    import xml.etree.ElementTree as ET

    from pohon_cli.dot import run_dot
    from pohon_cli.load import load_path
    from pohon_cli.render import split
    from pohon_cli.render.html import poster_ids

    tree = load_path(DATA).tree
    assert tree is not None
    pages, _ = split(tree, "misi")
    svg = "{http://www.w3.org/2000/svg}"
    for page in pages:
        assert page.key is not None
        ids = poster_ids(tree, page.key)
        assert len(ids) == page.nodes
        drawn = ET.fromstring(run_dot(page.source, "svg").data)
        for group in drawn.iter(f"{svg}g"):
            title = group.find(f"{svg}title")
            if group.get("class") == "node" and title is not None and title.text in ids:
                words = [t.text for t in group.iter(f"{svg}text")]
                assert words[0] == ids[title.text], (page.key, title.text, words[:2])


WORKSPACE = CASES / "workspace"


def test_a_folder_is_one_page_of_its_offices_linked_to_each_other(
    driver: Any, tmp_path: Path
) -> None:
    page = tmp_path / "kpu.html"
    done = run("render", WORKSPACE, "-o", page, "--lang", "id")
    assert "(7 kantor, 33 simpul)" in done.stderr
    english = run("render", WORKSPACE, "-o", tmp_path / "en.html", "--lang", "en")
    assert "(7 offices, 33 nodes)" in english.stderr
    # the files as validate finds them; kpu_bengkulu_tengah.yaml is the first
    open_page(driver, page)
    offices = driver.find_elements("css selector", "#f-office option")
    assert len(offices) == 7 and driver.find_element("id", "f-office").is_displayed()
    assert "Bengkulu Tengah" in driver.find_element("id", "title").text
    # the problem validate plants in this file across the files (PK129 at 82:42)
    driver.find_element("xpath", "//span[@class='kode'][text()='IK-KEPUTUSAN']").click()
    assert "kpu_bengkulu_tengah.yaml:82:42" in driver.find_element("id", "panel-body").text
    # kolaborasi: to KPU Kota Bengkulu's S1, which is on the page
    driver.find_element("xpath", "//li[contains(@class,'node')]//span[text()='S1']").click()
    partner = driver.find_element("xpath", "//dd//a[contains(text(),'S1 — KPU Kota Bengkulu')]")
    partner.click()
    assert "Kota Bengkulu" in driver.find_element("id", "title").text
    assert driver.find_element("id", "panel-body").get_attribute("data-node") == "S1"
    assert "office=" in driver.current_url
    assert requests(driver) == [page.resolve().as_uri()] * 2 and console(driver) == []


def test_a_folder_takes_no_filter(tmp_path: Path) -> None:
    bad = run("render", WORKSPACE, "--unit", "KETUA", "-o", tmp_path / "x.html", expect=2)
    assert "a folder's page opens each office in its own tahun" in bad.stderr
    assert not list(tmp_path.iterdir())


def _page_json(page: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="pohon-data">(.*?)</script>', page, re.S)
    assert block is not None
    data: dict[str, Any] = json.loads(block.group(1))
    return data


def test_the_page_says_its_words_in_the_language_of_the_run(tmp_path: Path) -> None:
    """Every word page.js says is in the page's ``words`` (a missing one would stop the
    script), translated; the template has no slot left; each page speaks its language."""
    script = (Path(html.__file__).parent / "web" / "page.js").read_text(encoding="utf-8")
    said = set(re.findall(r'say\((?:[^;]*\? )?"(\w+)"', script)) | {
        "target",
        "realisasi",
        "capaian",
    }
    said |= {w for pair in re.findall(r'say\([^;,]*\? "(\w+)" : "(\w+)"', script) for w in pair}
    assert {"countOne", "count", "summaryOne", "summary"} <= said
    for lang in ("id", "en"):
        page = tmp_path / f"{lang}.html"
        run("render", SMALL, "-o", page, "--lang", lang)
        text = page.read_text(encoding="utf-8")
        words = _page_json(text)["words"]
        assert said <= set(words), said - set(words)
        assert "{{" not in text.split('id="pohon-data"')[0]
        assert words["summary"].startswith("pohon validate")
        assert f'<html lang="{lang}">' in text
        if lang == "id":
            assert words["count"] == words["countOne"] == "{count} simpul"
            assert '<button type="button" id="expand-all">Buka semua</button>' in text
        else:
            assert (words["countOne"], words["count"]) == ("{count} node", "{count} nodes")
            assert '<button type="button" id="expand-all">Open all</button>' in text
            assert words["carried"] == "from {kode}" and words["simpul"] == "Node"


def test_the_indonesian_page_in_a_browser(driver: Any, tmp_path: Path) -> None:
    page = tmp_path / "id.html"
    run("render", REALISASI, "-o", page, "--lang", "id")
    open_page(driver, page)
    driver.find_element("css selector", "li.ind").click()
    body = driver.find_element("id", "panel-body").text
    assert "Dibatasi (%)" in body and "MASALAH (POHON VALIDATE)" in body.upper(), body
    assert console(driver) == []
