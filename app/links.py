"""Deep links: each page's choices live in the URL (`st.query_params`) and are restored from it.

A page calls `adopt` for each parameter before drawing the widget it feeds, and `publish` after its
widgets with the values now chosen. A URL value is taken over once (when it first appears or
changes), so a choice made in the page is not overwritten by the URL it has just written.

    /chains?chain=新材料&node=Enterprise:juhua    /measures?measure=9    /departments?unit=市发改委
    any page: lang=en, as_of=2024-07-15
"""
from __future__ import annotations

from typing import Callable

import streamlit as st

__all__ = ["adopt", "publish", "url_value"]

_SEEN = "_links_seen"  # param -> the URL value last taken over or written


def url_value(param: str) -> str | None:
    value = st.query_params.get(param)
    return value if value not in (None, "") else None


def adopt(param: str, key: str, parse: Callable[[str], object]) -> bool:
    """Put the URL's `param`, read by `parse` (None: not valid), into session state under `key`.
    True when a new value was taken over."""
    seen = st.session_state.setdefault(_SEEN, {})
    raw = url_value(param)
    if raw is None or seen.get(param) == raw:
        return False
    seen[param] = raw
    value = parse(raw)
    if value is None:
        return False
    st.session_state[key] = value
    return True


def publish(**params) -> None:
    """Write the page's current choices into the URL; None removes a parameter."""
    seen = st.session_state.setdefault(_SEEN, {})
    for param, value in params.items():
        text = None if value is None else str(value)
        if text is None:
            if param in st.query_params:
                del st.query_params[param]
        elif st.query_params.get(param) != text:
            st.query_params[param] = text
        seen[param] = text
