#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ev4scc.settings")
    # manage.py is the developer's tool: without DEBUG in the environment it runs with development
    # settings. Production sets DEBUG=false (docker-compose.yml, the Dockerfile), and the WSGI entry
    # point never assumes development.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
