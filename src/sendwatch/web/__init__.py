"""sendwatch's public site, API and feeds: a thin FastAPI layer over the core library."""
