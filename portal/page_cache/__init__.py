"""The anonymous page cache: whole public responses in the shared cache, purged per page.

`keys` holds the generation counters and page versions, `middleware` serves and stores
responses, `tags` names a served page's versions, `purge` changes the counters and versions of
what a write shows on.
docs/architecture.md ("Page cache") explains the design.
"""
