"""Entry point: `streamlit run streamlit_app.py`. The app itself lives in `app/`."""
from app.main import main

main()
