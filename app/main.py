"""The router: page config, sidebar, `st.navigation` over the page files in `app/pages/`."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from app.i18n import LANGS, current_lang, t
from app.links import adopt, publish
from app.render import show_notices
from app.state import KEYS, bundled_dir, context, default_as_of, plan_picker, plan_year

__all__ = ["PAGES", "main", "sidebar", "adopt_lang"]

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# (file, i18n key, url path, icon)
PAGES = (
    ("overview.py", "page.overview", "overview", ":material/dashboard:"),
    ("chain_map.py", "page.chains", "chains", ":material/hub:"),
    ("measures.py", "page.measures", "measures", ":material/checklist:"),
    ("departments.py", "page.departments", "departments", ":material/apartment:"),
    ("bottlenecks.py", "page.bottlenecks", "bottlenecks", ":material/warning:"),
    ("queries.py", "page.queries", "queries", ":material/search:"),
    ("plan_diff.py", "page.plan_diff", "plan-diff", ":material/difference:"),
)


# Streamlit's page head is sized for a landing page: a 6rem top padding and a 2.75rem title. Pages
# here are work screens, so both shrink (the padding just clears the 3.75rem toolbar) and a laptop's
# 720 px show the page's content (the chain map starts within the first screen).
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; padding: 0 0 .25rem 0; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.3rem; }
</style>"""


def adopt_lang() -> None:
    """The URL's `lang` into session state: before anything is named, so that the page names in the
    sidebar are in that language from the first screen on."""
    adopt("lang", KEYS["lang"], lambda v: v if v in LANGS else None)


def sidebar() -> None:
    """Settings widgets; their values live in session state under `KEYS` for `context()`."""
    ss = st.session_state
    adopt_lang()
    adopt("as_of", KEYS["as_of"], _date)
    lang = current_lang()
    with st.sidebar:
        st.radio(t("sidebar.lang"), list(LANGS), format_func=LANGS.get, key=KEYS["lang"], horizontal=True)
        st.radio(t("sidebar.backend"), ["embedded", "neo4j"], format_func=lambda b: t(f"backend.{b}", lang=lang),
                 key=KEYS["backend"])
        ctx = context(fresh=True)  # from the values above (session state already holds this rerun's values)
        year = plan_year(ctx.g)
        low, high = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
        # A date nobody chose follows the data: another folder's plan year gets its own default.
        default, chosen = default_as_of(ctx.g), ss.get(KEYS["as_of"])
        if not isinstance(chosen, dt.date) or not low <= chosen <= high or chosen == ss.get("_as_of_default"):
            ss[KEYS["as_of"]] = default
        ss["_as_of_default"] = default
        st.date_input(t("sidebar.as_of"), key=KEYS["as_of"], min_value=low, max_value=high,
                      help=t("sidebar.as_of_help"))
        if KEYS["data_dir"] not in ss:
            ss[KEYS["data_dir"]] = bundled_dir()
        st.text_input(t("sidebar.data_dir"), key=KEYS["data_dir"], help=t("sidebar.data_dir_help"))
        st.caption(t("sidebar.loaded", folder=ctx.data_dir))
        plan_picker(ctx)
    as_of = ss.get(KEYS["as_of"])
    publish(lang=None if ss.get(KEYS["lang"], "zh") == "zh" else ss[KEYS["lang"]],
            as_of=None if as_of in (None, default_as_of(ctx.g)) else as_of.isoformat())
    show_notices(ctx)


def _date(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def main() -> None:
    adopt_lang()
    st.set_page_config(page_title=t("app.title"), page_icon="🔗", layout="wide")
    st.html(COMPACT_CSS)
    pages = [st.Page(PAGES_DIR / file, title=t(key), url_path=url, icon=icon, default=(i == 0))
             for i, (file, key, url, icon) in enumerate(PAGES)]
    nav = st.navigation(pages)
    sidebar()
    nav.run()
