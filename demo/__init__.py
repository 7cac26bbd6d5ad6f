"""Fictional demo data, for development and tests only.

Nothing here is real: every person, process, voice, article and event is invented and says so.
The app is installed only when WPM_ENV is not "production", and its one command, seed_demo,
refuses to run in production all the same. It sits on top of the other apps: it may import wpm,
mediators and processes, and nothing imports it.
"""
