"""Build steps and extractors for the junior-doctors-strikes data package."""
