"""The chain map as a two-way Streamlit component: draws the map and reports a click on a node.

The frontend is three hand-written files: `frontend/index.html`, `frontend/component.js` (Streamlit's
component messages) and the drawing script the downloadable page uses too
(`graph/present/chainmap/static/chainmap.js`), with vis-network as pyvis ships it. Streamlit serves a
component from one folder and refuses links out of it, so these files are copied, once per content,
into a folder of their own under the temporary directory.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

__all__ = ["frontend_dir", "chain_map_component"]

FRONTEND = Path(__file__).resolve().parent / "frontend"


def _sources() -> dict[str, Path]:
    from graph.present.chainmap.html import RENDERER, vis_assets
    js, css = vis_assets()
    return {"index.html": FRONTEND / "index.html", "component.js": FRONTEND / "component.js",
            "chainmap.js": RENDERER, "vis-network.min.js": js, "vis-network.css": css}


@lru_cache(maxsize=1)
def frontend_dir() -> str:
    """The folder Streamlit serves the component from (made if missing; named by its contents)."""
    from graph.present.chainmap.html import offline_text
    sources = _sources()
    digest = hashlib.sha1(b"offline-1")
    for name, path in sorted(sources.items()):
        digest.update(name.encode())
        digest.update(path.read_bytes())
    folder = Path(tempfile.gettempdir()) / f"quzhou-chain-map-{digest.hexdigest()[:12]}"
    if not (folder / "index.html").exists():
        staging = Path(tempfile.mkdtemp(prefix="quzhou-chain-map-"))
        for name, path in sources.items():  # the same offline text the downloadable page inlines
            (staging / name).write_text(offline_text(path.read_text(encoding="utf-8")), encoding="utf-8")
        try:
            staging.rename(folder)  # atomic: another process may have made it meanwhile
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return str(folder)


@lru_cache(maxsize=1)
def _component():
    import streamlit.components.v1 as components
    return components.declare_component("chain_map", path=frontend_dir())


def chain_map_component(spec: dict, *, key: str):
    """Draw `spec`; returns the last click ({"node", "click", "at"}) or None."""
    return _component()(spec=spec, key=key, default=None)
