import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpm.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, the URLs) lives as long as the worker: the cyclic
# garbage collector need not walk it again and again. A page allocates tens of thousands of
# short-lived objects, so the youngest generation is collected less often than Python's
# default of every 700 allocations.
gc.freeze()
gc.set_threshold(10_000, 20, 20)
