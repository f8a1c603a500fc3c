"""The click commands, one module per area, gathered by ``reader.cli``."""
