"""Settings modules: `dev` (make run), `test` (pytest), `production` (everything from the environment).

Every value comes from the environment (django-environ), read when the settings module is imported;
`.env.example` lists each variable.
"""
