"""`make bench`: a large data set in a temporary database, served by gunicorn and measured.

data.py builds the data (bulk inserts), run.py drives everything (no Django import there: it
starts manage.py and gunicorn with the bench database in their environment).
"""
