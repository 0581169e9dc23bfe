"""Pages of opportunities, skills confirmation, imports and courses (one module per resource)."""
