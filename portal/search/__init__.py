"""Site search that understands Chinese: jieba segmentation for the database backend."""
