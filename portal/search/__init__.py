"""Site search that understands Chinese: jieba segmentation for the database backend.

Apps add their content types and extra result sources through the hook described in
`portal.search.types`.
"""
