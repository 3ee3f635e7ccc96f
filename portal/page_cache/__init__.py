"""The anonymous page cache: whole public responses in the shared cache, purged by generation.

`keys` holds the per-site generation counters, `middleware` serves and stores responses,
`purge` bumps a site's generation whenever something its pages show is written.
docs/architecture.md ("Page cache") explains the design.
"""
