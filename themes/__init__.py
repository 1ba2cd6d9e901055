"""Templates, static assets and branding. Theme fallback lives in themes.loader."""
