"""campaignlint's built-in rule pack: one module per campaign mistake (see docs/rules.md)."""
