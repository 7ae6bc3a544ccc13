"""The desktop app: a thin Qt view over the engine in ``explorer``."""
