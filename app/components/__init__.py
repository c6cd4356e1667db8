"""Custom Streamlit components (hand-written frontends, no build step, nothing fetched online)."""
