"""The Streamlit app: a router (`app.main`), the sidebar's context (`app.state`), UI words
(`app.i18n`), read-only views and rendering helpers, and one small module per page in `app/pages/`.

Pages only gather inputs, call `graph/` functions and render; nothing runs at import time.
"""
