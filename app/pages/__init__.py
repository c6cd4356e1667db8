"""One module per page. Each defines `render()`; Streamlit runs the file as a page script
(`__name__ == "__main__"`), while importing it (tests, benchmarks) does nothing."""
